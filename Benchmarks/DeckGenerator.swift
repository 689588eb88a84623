import SeededRandom
/// A synthetic outline deck built from the same block forms as the built-in outline
/// (numbered headings, bold definitions, parents with children, a label owning plain
/// points, drills, Q/A pairs, rules, cross references, a code block now and then), with
/// words drawn from a seeded generator. It has exactly `cardCount` cards, every ID
/// unique, so the parser, the sync and the queue see a big but ordinary deck.
struct DeckGenerator {
    let cardCount: Int
    let seed: UInt64

    /// The outline's lines and where its top-level definitions are, so a variant with some
    /// definitions rewritten (same terms, so same card IDs) can be made cheaply.
    struct Outline {
        var lines: [String]
        /// Line index and the text up to and including `**Term**:` of each top-level definition.
        var definitions: [(line: Int, prefix: String)]

        var text: String { lines.joined(separator: "\n") + "\n" }

        /// The same outline with `count` definitions (chosen by `seed`) given a new answer:
        /// a sync must update exactly those cards.
        func editing(count: Int, seed: UInt64) -> Outline {
            var random = SplitMix64(seed: seed)
            var copy = self
            var chosen = Set<Int>()
            let wanted = min(count, definitions.count)
            while chosen.count < wanted { chosen.insert(random.below(definitions.count)) }
            for index in chosen.sorted() {
                let definition = definitions[index]
                copy.lines[definition.line] = definition.prefix + " " + Words.sentence(&random, words: 9...15) + " (revised)"
            }
            return copy
        }
    }

    func generate() -> Outline {
        var random = SplitMix64(seed: seed)
        var outline = Outline(lines: [], definitions: [])
        var cards = 0
        var part = 0
        var partTitles = Set<String>()

        func emit(_ line: String) { outline.lines.append(line) }

        while cards < cardCount {
            part += 1
            let isDrillPart = part % 12 == 0
            var title = Words.title(&random, words: 2...3)
            while !partTitles.insert(title).inserted { title = Words.title(&random, words: 2...4) }
            if part > 1 { emit("---"); emit("") }
            emit("# \(part). \(title)" + (isDrillPart ? " Mock Drills" : ""))
            emit("")
            var subtitles = Set<String>()
            for subsection in 1...random.within(6...10) where cards < cardCount {
                var subtitle = Words.title(&random, words: 1...3)
                while !subtitles.insert(subtitle).inserted { subtitle = Words.title(&random, words: 2...4) }
                emit("## \(part).\(subsection) \(subtitle)")
                emit("")
                var terms = Set<String>()
                func uniqueTerm() -> String {
                    var term = Words.title(&random, words: 1...3)
                    while !terms.insert(term).inserted { term = Words.title(&random, words: 2...4) }
                    return term
                }
                if isDrillPart {
                    // Drills: each bullet is one card; a drill's child bullets are its talking points.
                    for _ in 0..<random.within(3...6) where cards < cardCount {
                        let name = "Design a " + uniqueTerm()
                        if random.chance(25) {
                            emit("- \(name):")
                            for _ in 0..<random.within(2...4) { emit("  - " + Words.sentence(&random, words: 4...8)) }
                        } else {
                            emit("- \(name): " + Words.enumeration(&random, items: 3...5) + ".")
                        }
                        cards += 1
                    }
                    emit("")
                    continue
                }
                // Bold definitions: one card each.
                for _ in 0..<random.within(4...8) where cards < cardCount {
                    let prefix = "- **\(uniqueTerm())**:"
                    outline.definitions.append((outline.lines.count, prefix))
                    emit(prefix + " " + Words.sentence(&random, words: 7...13) + Words.example(&random))
                    cards += 1
                }
                // A parent whose children are the cards (the parent alone makes none).
                if random.chance(60), cardCount - cards >= 4 {
                    emit("")
                    emit("- **\(uniqueTerm())**")
                    var children = Set<String>()
                    for _ in 0..<random.within(2...4) {
                        var child = Words.title(&random, words: 1...2)
                        while !children.insert(child).inserted { child = Words.title(&random, words: 2...3) }
                        emit("  - \(child): " + Words.sentence(&random, words: 5...10))
                        cards += 1
                    }
                }
                // A label owning plain points: one list card for the group.
                if random.chance(50), cards < cardCount {
                    emit("")
                    emit("**\(uniqueTerm())**:")
                    for _ in 0..<random.within(2...5) { emit("- " + Words.sentence(&random, words: 5...10)) }
                    cards += 1
                }
                // A pointer elsewhere: no card.
                if random.chance(5) {
                    emit("")
                    emit("- (Covered above in \(partTitles.count > 1 ? title : "the overview").)")
                }
                // A code block: skipped by the parser, still parsed by cmark.
                if random.chance(3) {
                    emit("")
                    emit("```")
                    emit("GET /v1/" + Words.word(&random) + "/{id} -> 200")
                    emit("```")
                }
                // An explicit question.
                if random.chance(20), cards < cardCount {
                    emit("")
                    emit("Q: How does " + Words.title(&random, words: 1...2) + " handle " + Words.word(&random) + " " + Words.word(&random) + "?")
                    emit("A: " + Words.sentence(&random, words: 8...14))
                    cards += 1
                }
                emit("")
            }
        }
        return outline
    }
}

/// The words the generator draws from: system-design vocabulary, so line lengths and
/// character mix look like the real outline (ASCII with the occasional Unicode arrow).
enum Words {
    static let nouns = [
        "cache", "replica", "shard", "partition", "queue", "stream", "broker", "leader", "follower", "quorum",
        "ledger", "index", "bloom", "filter", "gateway", "proxy", "balancer", "router", "token", "bucket",
        "window", "counter", "lease", "lock", "epoch", "clock", "vector", "snapshot", "checkpoint", "journal",
        "segment", "compaction", "tombstone", "memtable", "sstable", "cursor", "batch", "pipeline", "worker", "scheduler",
        "limiter", "circuit", "breaker", "retry", "backoff", "timeout", "deadline", "budget", "quota", "tenant",
        "region", "zone", "edge", "origin", "consumer", "producer", "topic", "offset", "watermark", "trigger",
        "saga", "outbox", "inbox", "projection", "aggregate", "event", "command", "schema", "migration", "blob",
        "object", "chunk", "manifest", "catalog", "registry", "sidecar", "mesh", "probe", "heartbeat", "gossip",
        "membership", "failover", "standby", "primary", "hash", "ring", "node", "cluster", "pod", "service",
        "endpoint", "session", "cookie", "header", "payload", "feed", "timeline", "fanout", "inbox", "digest",
    ]
    static let verbs = [
        "stores", "routes", "splits", "merges", "copies", "tracks", "limits", "batches", "orders", "retries",
        "spreads", "caches", "replays", "compacts", "serves", "forwards", "throttles", "elects", "locks", "indexes",
    ]
    static let fillers = [
        "the", "each", "every", "a", "one", "many", "all", "new", "old", "hot", "cold", "slow", "fast", "stale",
        "fresh", "local", "remote", "shared", "single", "large", "small", "recent", "pending", "failed",
    ]
    static let examples = ["Redis", "Kafka", "Cassandra", "DynamoDB", "S3", "Nginx", "Envoy", "Zookeeper", "etcd", "Postgres"]

    static func word(_ random: inout SplitMix64) -> String { random.pick(nouns) }

    static func capitalized(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }

    static func title(_ random: inout SplitMix64, words: ClosedRange<Int>) -> String {
        (0..<random.within(words)).map { _ in capitalized(random.pick(nouns)) }.joined(separator: " ")
    }

    /// A sentence without a colon (so the parser never mistakes it for a term) ending in a full stop.
    static func sentence(_ random: inout SplitMix64, words: ClosedRange<Int>) -> String {
        var parts: [String] = []
        let count = random.within(words)
        for index in 0..<count {
            switch index % 4 {
            case 1: parts.append(random.pick(verbs))
            case 2: parts.append(random.pick(fillers))
            default: parts.append(random.pick(nouns))
            }
            if index == count / 2 && random.chance(10) { parts.append("→") }
        }
        return capitalized(parts.joined(separator: " ")) + "."
    }

    /// Sometimes a parenthetical example, as in "(e.g., Redis, Kafka)".
    static func example(_ random: inout SplitMix64) -> String {
        guard random.chance(30) else { return "" }
        return " (e.g., " + random.pick(examples) + ", " + random.pick(examples) + ")"
    }

    static func enumeration(_ random: inout SplitMix64, items: ClosedRange<Int>) -> String {
        (0..<random.within(items)).map { _ in random.pick(fillers) + " " + random.pick(nouns) }.joined(separator: ", ")
    }
}
