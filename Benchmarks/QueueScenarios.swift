import SeededRandom
import Deck
import Scheduling
import Store
import Study
import Timekeeping

// Issue 18's scenarios: what the queue, stats and listings cost on the big history, and
// on the morning after a break (30k cards failed at once, 60 days after the history ends).
extension Bench {
    func queueAndListings(_ data: Data) throws -> [Measurement] {
        var measurements: [Measurement] = []

        var stats = Measurement("stats --json (\(settings.cardCount / 1000)k cards, \(settings.reviewCount / 1000)k reviews)")
        stats.memoryBudget = Self.memoryBudget
        try measure(&stats, runs: settings.runs(5), subject: spawnSysdrill(["--db", data.history, "stats", "--json"]))
        measurements.append(stats)

        var cards = Measurement("cards --json (every card of the deck)")
        reference(&cards, name: "cmark deck.md > /dev/null", tool: cmark)
        cards.target = .ratio(1)
        cards.memoryBudget = Self.memoryBudget
        try measure(&cards, runs: settings.runs(5), subject: spawnSysdrill(["--db", data.history, "cards", "--json"]),
                    reference: spawnTool(cmark, [data.deck]))
        measurements.append(cards)

        var prefix = Measurement("card ID by a 6-digit prefix")
        prefix.target = .seconds(0.1)
        prefix.memoryBudget = Self.memoryBudget
        let shortID = String(data.firstCard.rawValue.prefix(6))
        try measure(&prefix, runs: settings.runs(9), subject: spawnSysdrill(["--db", data.history, "card", shortID]))
        measurements.append(prefix)

        let broken = path("break.sqlite")
        let morning = try failAfterABreak(data, into: broken)
        var breakDue = Measurement("due --json after a break (30k cards failed that morning)")
        breakDue.memoryBudget = Self.memoryBudget
        let environment = childEnvironment.filter { !$0.hasPrefix("SYSDRILL_NOW=") } + ["SYSDRILL_NOW=" + ISO8601.format(morning)]
        let command = ChildCommand(arguments: [settings.sysdrill, "--db", broken, "due", "--json"], environment: environment)
        try measure(&breakDue, runs: settings.runs(5), subject: { [unowned self] in try start(command) })
        measurements.append(breakDue)
        Files.remove(broken)
        return measurements
    }

    /// A copy of the history where, 60 days after it ends, the first 30k reviewed cards
    /// (a third of them in a quick run) were answered "again" one morning, through the
    /// scheduler so the states stay a replay of the log. Returns that morning, 09:00.
    private func failAfterABreak(_ data: Data, into path: String) throws -> UnixTime {
        try Files.copy(data.history, to: path)
        let store = try StudyStore.open(path: path)
        let scheduler = try StudyConfiguration.load(from: store).scheduler.makeScheduler()
        let morning = data.nowSeconds + 60 * 86_400
        let failed = Array(try store.allStates().keys.sorted().prefix(settings.cardCount >= 100_000 ? 30_000 : settings.cardCount / 3))
        var random = SplitMix64(seed: 0x5D_2026_0018)
        try store.connection.transaction {
            for (index, card) in failed.enumerated() {
                let before = try store.state(of: card) ?? .new
                let review = ReviewRecord(id: HistoryGenerator.uuid(&random), cardID: card, at: morning - 3_600 + Int64(index % 3_000),
                                          grade: Quality(rawValue: 1)!, durationMs: 4_000)
                let reviews = try store.reviews(of: card).count
                _ = try store.insertReview(review)
                try store.saveState(scheduler.next(before, review: review.event,
                                                   fuzzSeed: FuzzSeed.make(cardID: card.rawValue, reviewIndex: reviews)), for: card)
            }
        }
        try store.connection.run("PRAGMA wal_checkpoint(TRUNCATE)")
        step("break: \(failed.count) cards failed on \(ISO8601.format(morning - 3_600))")
        return morning
    }
}
