import Testing
import Deck
@testable import Study
@testable import Practice

/// Issue 16, part 5: typed answers graded as a fair examiner would, measured on the
/// built-in outline. Each row is a definition card of Content/system-design.md (its term,
/// and a text of its section path where the term is defined twice), an answer someone
/// might type, and whether a fair examiner would accept it. The key is the one the quiz
/// builds (siblings and section path included), so the rows test what `quiz --mode typed`
/// does.
@Suite struct PracticeFairGradingTests {
    struct Row: CustomTestStringConvertible, Sendable {
        let term: String
        let section: String?
        let typed: String
        let fair: Bool

        var testDescription: String { "\(fair ? "accept" : "refuse") '\(typed)' for \(term)" }
    }

    static func accept(_ term: String, _ typed: String, in section: String? = nil) -> Row {
        Row(term: term, section: section, typed: typed, fair: true)
    }

    static func refuse(_ term: String, _ typed: String, in section: String? = nil) -> Row {
        Row(term: term, section: section, typed: typed, fair: false)
    }

    static let rows: [Row] = [
        // The answers the issue found refused.
        accept("Two-Phase Commit", "2PC"),
        accept("Saga Pattern", "saga"),
        accept("Dead-Letter Queues", "DLQ"),
        accept("Vertical", "vertical scaling", in: "3.1"),
        accept("Monolith", "monolithic"),
        accept("Layered (n-tier)", "n-tier"),
        accept("Consensus", "consensus algorithm"),
        accept("Functional", "functional requirements"),
        // Other names on the card: parentheticals both ways, alternatives.
        accept("BFF (Backend for Frontend)", "BFF"),
        accept("BFF (Backend for Frontend)", "backends for frontends"),
        accept("Layered (n-tier)", "n-tier architecture"),
        accept("Mutex/Locks/Atomics", "mutex"),
        accept("Mutex/Locks/Atomics", "locks"),
        accept("Mutex/Locks/Atomics", "atomics"),
        accept("Hexagonal/Clean", "clean architecture"),
        accept("Hexagonal/Clean", "hexagonal architecture"),
        accept("MTBF/MTTR", "MTTR"),
        accept("Health Checks & Heartbeats", "health checks"),
        accept("Health Checks & Heartbeats", "heartbeat"),
        accept("DNS & Anycast", "anycast"),
        accept("Blockchain & DLT", "blockchain"),
        accept("Transactions & 2PC", "transactions"),
        accept("Event-Driven & Reactive", "event-driven architecture"),
        accept("Event-Driven & Reactive", "reactive"),
        accept("Threads vs. Async", "async vs threads"),
        accept("CAPEX vs. OPEX", "capex versus opex"),
        // Acronyms made from the term.
        accept("Two-Phase Commit", "2pc protocol"),
        accept("Dead-Letter Queues", "DLQs"),
        accept("Key–Value", "KV store"),
        accept("Infrastructure as Code", "IaC"),
        accept("Domain-Driven Design (DDD)", "ddd"),
        // Qualifier words added or left out.
        accept("Horizontal", "horizontal scaling", in: "1.3"),
        accept("Write-back", "write-back cache"),
        accept("Write-through", "write through caching"),
        accept("Key–Value", "key-value store"),
        accept("Document", "document database"),
        accept("Graph", "graph database"),
        accept("Wide-Column", "wide column store"),
        accept("Microservices", "microservice architecture"),
        accept("Serverless", "serverless architecture", in: "High-Level"),
        accept("Exactly-Once", "exactly-once semantics"),
        accept("Exactly-Once", "exactly once delivery"),
        accept("Stateless", "stateless processing"),
        accept("Stateful", "stateful stream processing"),
        accept("Bulkheads", "bulkhead pattern"),
        accept("Event Sourcing", "event sourcing pattern"),
        accept("Replication", "database replication", in: "6.3"),
        accept("Distributed Tracing", "tracing"),
        accept("Versioning", "API versioning"),
        accept("Gateway", "API gateway"),
        accept("Queues", "message queues"),
        accept("In-process", "in-process cache"),
        accept("Distributed", "distributed cache", in: "3.4"),
        accept("Consistency", "consistency model", in: "1.3"),
        accept("Non-Functional", "non-functional requirements"),
        accept("Edge & IoT", "edge computing"),
        accept("Service Discovery", "service discovery mechanism"),
        accept("Sharding Patterns", "sharding strategies"),
        accept("CI/CD Pipelines", "CI/CD"),
        accept("Hot-Key Handling", "hot keys"),
        // Forms of a word.
        accept("Indexing", "indexes"),
        accept("Indexing", "indices"),
        accept("Indexing", "index"),
        accept("Replication", "replicated", in: "3.7"),
        accept("Sharding", "shards", in: "3.7"),
        accept("Partitioning", "partitions"),
        accept("Normalization", "normalisation"),
        accept("Idempotency", "idempotent"),
        accept("Idempotency", "idempotence"),
        accept("CDN", "CDNs", in: "3.4"),
        accept("CDNs", "CDN"),
        accept("SLO (Objective)", "SLOs"),
        accept("Circuit Breakers", "circuit breaker"),
        accept("Vector Clocks", "vector clock"),
        accept("Reverse Proxies", "reverse proxy"),
        accept("Inverted Index", "inverted indexes"),
        accept("Namespaces", "namespace"),
        accept("User Story", "user stories"),
        accept("Use-Case", "use cases"),
        accept("Latency", "latencies", in: "3.2"),
        accept("Error Budget", "error budgets"),
        accept("Logging", "logs"),
        accept("Service Mesh", "service meshes"),
        accept("Database Optimizations", "database optimization"),
        accept("Rate Limiting & DDoS Protection", "rate limiter"),
        accept("Coordination Services", "coordination service"),
        accept("Auditing & Compliance", "audit"),
        accept("Autocomplete & Relevance", "autocompletion"),
        accept("Graceful Degradation", "gracefully degrade"),
        // Written together or apart.
        accept("Autoscaling", "auto-scaling"),
        accept("Backpressure", "back pressure"),
        accept("Trade-off", "tradeoff"),
        accept("StatefulSets", "stateful sets"),
        accept("Pub/Sub", "pubsub"),
        accept("Microservices", "micro-services"),
        // Synonyms of the field.
        accept("Write-back", "write-behind"),
        accept("Horizontal", "scale out", in: "3.1"),
        accept("Horizontal", "scaling out", in: "1.3"),
        accept("Vertical", "scale up", in: "3.1"),
        accept("Pub/Sub", "publish/subscribe"),
        accept("Pub/Sub", "publish-subscribe pattern"),
        accept("Hexagonal/Clean", "ports and adapters"),
        accept("Serverless", "FaaS", in: "Advanced"),
        accept("CDN", "content delivery network", in: "3.4"),
        accept("Consistent Hashing", "hash ring"),
        accept("Wide-Column", "column-family store"),
        accept("Lamport Clocks", "lamport timestamps"),
        accept("Retries & Back-off", "exponential backoff"),
        accept("Retries & Back-off", "retries with backoff"),
        accept("Chaos Engineering", "chaos testing"),
        accept("RPO", "recovery point objective"),
        accept("RTO", "recovery time objective"),
        accept("SLI (Indicator)", "service level indicator"),
        accept("CQRS", "command query responsibility segregation"),
        accept("ML in Systems", "machine learning in systems"),
        accept("Cloud vs. On-Prem", "cloud vs on-premises"),
        accept("HATEOAS", "hypermedia as the engine of application state"),
        // Plausible, but beyond the rules: the grader stays strict (see knownStrict).
        accept("Availability", "uptime"),
        accept("Latency", "response time", in: "1.3"),
        accept("Graceful Degradation", "degraded mode"),

        // Written after the rules were built (held out): plausible answers, measured as
        // they came; see knownStrict for the ones the grader refuses.
        accept("Availability", "high availability"),
        accept("Sharding", "horizontal partitioning", in: "3.7"),
        accept("Replication", "data replication", in: "3.7"),
        accept("DNS & Anycast", "anycast routing"),
        accept("Reverse Proxies", "reverse proxy server"),
        accept("Idempotency", "idempotent operations"),
        accept("Graceful Shutdown", "graceful termination"),
        accept("Logging", "structured logging"),
        accept("Rate Limiting & DDoS Protection", "throttling"),
        accept("Namespaces", "kubernetes namespaces"),
        accept("Autoscaling", "elastic scaling"),
        accept("Resources", "REST resources"),
        accept("Round-Robin", "round-robin load balancing"),
        accept("Bulkheads", "bulkhead isolation"),
        accept("Durability", "durable storage"),
        accept("Queues", "message queueing"),
        accept("Monolith", "monolithic application"),
        accept("CDN & Edge", "edge caching"),
        accept("Serverless", "serverless computing", in: "Advanced"),
        accept("Consensus", "distributed consensus"),
        accept("Circuit Breakers", "circuit breaker pattern"),
        accept("Normalization", "database normalization"),
        accept("Graph", "graph db"),
        refuse("Logging", "tracing"),
        refuse("Availability", "reliability"),
        refuse("Throughput", "latency", in: "1.3"),
        refuse("Durability", "availability"),
        refuse("Idempotency", "retries"),
        refuse("Backpressure", "load shedding"),
        refuse("Service Mesh", "API gateway"),
        refuse("Write-around", "write-through"),
        refuse("Vector Clocks", "lamport clocks"),
        refuse("Exactly-Once", "at-most-once"),
        refuse("Stateless", "serverless"),
        refuse("Key–Value", "wide-column"),
        refuse("Inverted Index", "B-tree index"),
        refuse("Partitioning", "replication", in: "3.7"),

        // A sibling's term, however it is written.
        refuse("RPO", "RTO"),
        refuse("RTO", "recovery point objective"),
        refuse("SLO (Objective)", "SLI"),
        refuse("SLI (Indicator)", "service level objective"),
        refuse("SLA (Agreement)", "SLOs"),
        refuse("Error Budget", "SLA"),
        refuse("Two-Phase Commit", "saga"),
        refuse("Saga Pattern", "2PC"),
        refuse("Saga Pattern", "two phase commit protocol"),
        refuse("Write-back", "write-through"),
        refuse("Write-through", "write-behind"),
        refuse("Write-around", "write-back cache"),
        refuse("Vertical", "horizontal scaling", in: "3.1"),
        refuse("Vertical", "scale out", in: "3.1"),
        refuse("Horizontal", "scaling up", in: "1.3"),
        refuse("Horizontal", "vertical", in: "3.1"),
        refuse("Functional", "non-functional requirements"),
        refuse("Non-Functional", "functional requirements"),
        refuse("Stateless", "stateful"),
        refuse("Stateful", "stateless processing"),
        refuse("Sharding", "partitioning", in: "3.7"),
        refuse("Replication", "shards", in: "6.3"),
        refuse("Monolith", "microservices"),
        refuse("Microservices", "monolithic architecture"),
        refuse("Serverless", "microservices", in: "High-Level"),
        refuse("Layered (n-tier)", "hexagonal"),
        refuse("Domain-Driven Design (DDD)", "event-driven"),
        refuse("Event Sourcing", "CQRS"),
        refuse("CQRS", "event sourcing"),
        refuse("Lamport Clocks", "vector clocks"),
        refuse("Bulkheads", "circuit breaker"),
        refuse("Graceful Degradation", "graceful shutdown"),
        refuse("Pub/Sub", "message queue"),
        refuse("Queues", "pub-sub"),
        refuse("Key–Value", "document store"),
        refuse("Latency", "throughput", in: "3.2"),
        refuse("CDN", "distributed caching", in: "3.4"),
        refuse("Consistency", "durability", in: "1.3"),
        refuse("Namespaces", "daemonsets"),
        refuse("DaemonSets", "stateful sets"),
        refuse("Hot-Key Handling", "sharding patterns"),
        refuse("BFF (Backend for Frontend)", "API gateway"),
        refuse("Gateway", "BFF"),
        refuse("Coordination Services", "consensus"),
        refuse("Logging", "metrics"),
        refuse("Retries & Back-off", "chaos testing"),
        // Too generic: only qualifier or section words.
        refuse("Vertical", "scaling", in: "3.1"),
        refuse("Document", "NoSQL"),
        refuse("Two-Phase Commit", "distributed transactions"),
        refuse("Metrics", "monitoring"),
        refuse("Distributed Tracing", "distributed"),
        refuse("Autoscaling", "scaling"),
        refuse("In-process", "process"),
        refuse("Serverless", "server", in: "High-Level"),
        refuse("Consistency", "data", in: "6.3"),
        refuse("SLI (Indicator)", "Indicator"),
        // Part of the term, or another concept.
        refuse("Consistent Hashing", "consistent"),
        refuse("Graceful Shutdown", "graceful"),
        refuse("Threads vs. Async", "threads"),
        refuse("CAPEX vs. OPEX", "capex"),
        refuse("Pub/Sub", "sub"),
        refuse("Inverted Index", "indexing"),
        refuse("Indexing", "inverted index"),
        refuse("Normalization", "denormalization"),
        refuse("Graph", "GraphQL"),
        refuse("Two-Phase Commit", "3PC"),
        refuse("Two-Phase Commit", "three-phase commit"),
        refuse("CDN", "DNS", in: "3.4"),
        refuse("Dead-Letter Queues", "DLT"),
        refuse("Blockchain & DLT", "DLQ"),
        refuse("CQRS", "CQR"),
        refuse("Exactly-Once", "at-least-once"),
        refuse("Least Connections", "least recently used"),
        refuse("Reverse Proxies", "load balancer"),
        refuse("Backpressure", "rate limiting"),
        refuse("StatefulSets", "stateless"),
        refuse("Consensus", "raft"),
        refuse("Sharding", "replicas", in: "6.3"),
        refuse("MTBF/MTTR", "RTO"),
    ]

    /// Fair answers the grader refuses on purpose: a synonym the table does not hold
    /// because it is not exact (uptime is measured, availability is a goal; response time
    /// includes queueing; horizontal partitioning would name Partitioning's sibling), an
    /// answer that only describes the term (degraded mode), or a qualifier that is not a
    /// generic word of the field (structured logging, REST resources).
    static let knownStrict: Set<String> = ["uptime", "response time", "degraded mode", "horizontal partitioning",
                                           "structured logging", "REST resources"]

    static func grade(_ row: Row) throws -> TypedGrade {
        let card = try #require(PracticeSeed.cards.first { card in
            card.kind == .definition && card.term == row.term
                && (row.section.map { wanted in card.section.contains { $0.contains(wanted) } } ?? true)
        }, "no definition card '\(row.term)'")
        let question = try #require(QuizBuilder(cards: PracticeSeed.cards).typedQuestion(card))
        return TypedAnswerGrader.grade(row.typed, key: question.key)
    }

    @Test(arguments: rows)
    func gradedAsAFairExaminerWould(row: Row) throws {
        let grade = try Self.grade(row)
        let expected = row.fair && !Self.knownStrict.contains(row.typed)
        #expect(grade.correct == expected, "\(grade.verdict) \(grade.reason ?? "") (sibling \(grade.sibling ?? "-"))")
    }

    @Test func theTableIsLargeAndBalanced() {
        #expect(Self.rows.count >= 80)
        #expect(Self.rows.filter(\.fair).count >= 40 && Self.rows.filter { !$0.fair }.count >= 40)
        // Every answer the issue found refused is a row, as an accept.
        let reported = ["2PC", "saga", "DLQ", "vertical scaling", "monolithic", "n-tier", "consensus algorithm",
                        "functional requirements"]
        #expect(reported.allSatisfy { typed in Self.rows.contains { $0.typed == typed && $0.fair } })
    }

    /// The measure: the share of rows graded as a fair examiner would (target 95%), and
    /// not one wrong answer accepted.
    @Test func shareJudgedFairlyAndNoWrongAnswerAccepted() throws {
        var fair = 0
        var wrongAccepted: [String] = []
        for row in Self.rows {
            let grade = try Self.grade(row)
            if grade.correct == row.fair { fair += 1 }
            if grade.correct && !row.fair { wrongAccepted.append("'\(row.typed)' for \(row.term)") }
        }
        let share = Double(fair) / Double(Self.rows.count)
        #expect(share >= 0.95, "fair share \(fair)/\(Self.rows.count)")
        #expect(wrongAccepted.isEmpty, "accepted: \(wrongAccepted)")
    }
}
