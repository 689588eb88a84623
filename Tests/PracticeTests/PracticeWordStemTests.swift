import Testing
@testable import Practice

/// The stemmer behind "forms of a word" in typed grading: the forms system-design terms
/// take meet, and words that mean different things stay apart.
@Suite struct PracticeWordStemTests {
    @Test(arguments: [
        // Forms of one word meet.
        ["monolith", "monoliths", "monolithic"],
        ["index", "indexes", "indices", "indexing", "indexed"],
        ["replication", "replicate", "replicated", "replicating"],
        ["scaling", "scale", "scaled", "scalability", "scalable"],
        ["consistency", "consistent", "consistently"],
        ["idempotency", "idempotent", "idempotence"],
        ["normalization", "normalisation", "normalize", "normalized"],
        ["partitioning", "partition", "partitions", "partitioned"],
        ["sharding", "shard", "shards", "sharded"],
        ["caching", "cache", "caches", "cached"],
        ["queue", "queues", "queuing", "queueing"],
        ["proxy", "proxies"],
        ["story", "stories"],
        ["retry", "retries", "retrying"],
        ["logging", "logs", "log", "logged"],
        ["availability", "available"],
        ["durability", "durable"],
        ["functional", "function", "functions"],
        ["requirement", "requirements", "required"],
        ["microservice", "microservices"],
        ["limiter", "limiting", "limit"],
        ["degradation", "degrade", "degraded"],
        ["horizontal", "horizontally"],
        ["authentication", "authenticate"],
        ["optimization", "optimizations", "optimize"],
    ])
    func formsOfAWordShareAStem(words: [String]) {
        let stems = Set(words.map(WordStem.stem))
        #expect(stems.count == 1, "\(words) -> \(words.map(WordStem.stem))")
    }

    @Test(arguments: [
        ("stateless", "stateful"),
        ("serverless", "server"),
        ("normalization", "denormalization"),
        ("partition", "part"),
        ("event", "eventual"),
        ("indexing", "inverted"),
        ("replica", "replication"),
        ("metric", "metr"),
        ("atomic", "atom"),
        ("graph", "graphql"),
        ("consensus", "consent"),
        ("status", "stat"),
        ("container", "content"),
        ("layer", "lay"),
    ])
    func differentWordsKeepDifferentStems(a: String, b: String) {
        #expect(WordStem.stem(a) != WordStem.stem(b), "\(a), \(b) -> \(WordStem.stem(a))")
    }

    @Test func shortWordsAndNumbersAreLeftAlone() {
        #expect(WordStem.stem("dns") == "dns")
        #expect(WordStem.stem("key") == "key")
        #expect(WordStem.stem("l4") == "l4")
        #expect(WordStem.stem("2pc") == "2pc")
        #expect(WordStem.stem("Sharding") == "shard")
    }
}
