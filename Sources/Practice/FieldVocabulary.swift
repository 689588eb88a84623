/// The words of the field that typed grading knows, kept as data in this one file so
/// they are easy to read and to extend. Every entry is written as a person would type
/// it; the grader reads it with the same rules as an answer (case, hyphens and word
/// forms do not matter; an all-capital entry such as `RPO` is an acronym and compared
/// letter for letter).
public enum FieldVocabulary {
    /// Names of one idea. An answer may use any name of a group where the card uses
    /// another (`write-behind` for Write-back, `scale out` for Horizontal). A group must
    /// never join two ideas that a deck sets apart: write-through is not write-back, L4 is
    /// not L7, RPO is not RTO, a saga is not a two-phase commit.
    public static let synonyms: [[String]] = [
        // Caching and scaling.
        ["write-back", "write-behind"],
        ["horizontal", "scale out", "scale horizontally"],
        ["vertical", "scale up", "scale vertically"],
        ["consistent hashing", "hash ring"],
        ["CDN", "content delivery network", "content distribution network"],
        // Data.
        ["wide-column", "column-family", "column family"],
        ["2PC", "two-phase commit"],
        ["pub/sub", "publish/subscribe", "publish-subscribe"],
        ["DLQ", "dead-letter queue", "dead-letter topic"],
        ["CQRS", "command query responsibility segregation"],
        ["DLT", "distributed ledger", "distributed ledger technology"],
        ["lamport clock", "lamport timestamp"],
        // Reliability and operations.
        ["RPO", "recovery point objective"],
        ["RTO", "recovery time objective"],
        ["SLI", "service level indicator"],
        ["SLO", "service level objective"],
        ["SLA", "service level agreement"],
        ["MTBF", "mean time between failures"],
        ["MTTR", "mean time to recover", "mean time to recovery", "mean time to repair"],
        ["back-off", "exponential back-off"],
        ["chaos engineering", "chaos testing"],
        ["rate limiting", "throttling"],
        ["graceful shutdown", "graceful termination"],
        ["autoscaling", "elastic scaling"],
        ["availability", "high availability"],
        ["DDoS", "distributed denial of service"],
        ["IaC", "infrastructure as code"],
        ["CI/CD", "continuous integration and continuous delivery", "continuous integration and continuous deployment"],
        // Architecture and APIs.
        ["hexagonal", "ports and adapters", "port-adapter"],
        ["serverless", "FaaS", "function as a service"],
        ["DDD", "domain-driven design"],
        ["BFF", "backend for frontend"],
        ["HATEOAS", "hypermedia as the engine of application state"],
        ["DNS", "domain name system"],
        ["on-prem", "on-premises", "on-premise"],
        ["ML", "machine learning"],
        ["IoT", "internet of things"],
    ]

    /// Short generic words of the field that an answer may add or leave out: `saga` for
    /// Saga Pattern, `consensus algorithm` for Consensus, `key-value store` for Key-Value.
    /// The words of the card's section path count the same way (`vertical scaling` under
    /// Scalability, `functional requirements` under Requirements), except a word that
    /// names one of the card's siblings. An answer made only of such words is too generic.
    public static let qualifiers: [String] = [
        "scaling", "pattern", "architecture", "database", "db", "store", "storage", "algorithm",
        "protocol", "requirement", "semantics", "delivery", "caching", "system", "model",
        "strategy", "approach", "technique", "mechanism", "processing", "computing", "handling",
        "pipeline", "distributed", "application", "principle", "style", "data", "server", "operation",
        "routing",
        // Small words that join the others ("infrastructure as code", "ML in systems").
        "and", "of", "for", "as", "in", "to", "with", "on", "at", "by",
    ]

    /// Number words read as digits (`two-phase` is `2-phase`, and its acronym `2PC`).
    public static let numberWords: [String: String] = [
        "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
        "six": "6", "seven": "7", "eight": "8", "nine": "9", "ten": "10",
    ]

    /// Words that never matter (`the` hash ring).
    static let articles: Set<String> = ["a", "an", "the"]

    /// Ways of writing "versus".
    static let versus: Set<String> = ["vs", "versus", "v"]
}
