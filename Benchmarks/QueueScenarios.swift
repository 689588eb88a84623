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
        stats.compare(withAnki: ankiNormal.graphs, note: ankiNormal.note)
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

        var normalStart = try reviewStart(database: data.history, environment: childEnvironment, label: "a normal day")
        normalStart.compare(withAnki: ankiNormal.firstCard, note: ankiNormal.note)
        measurements.append(normalStart)

        let broken = path("break.sqlite")
        let morning = try failAfterABreak(data, into: broken)
        var breakDue = Measurement("due --json after a break (30k cards failed that morning)")
        breakDue.memoryBudget = Self.memoryBudget
        let environment = childEnvironment.filter { !$0.hasPrefix("SYSDRILL_NOW=") } + ["SYSDRILL_NOW=" + ISO8601.format(morning)]
        let command = ChildCommand(arguments: [settings.sysdrill, "--db", broken, "due", "--json"], environment: environment)
        let breakJSON = path("due-break.json")
        try dueJSON(database: broken, environment: environment, output: breakJSON)
        let ankiBreak = try ankiReference(database: broken, now: morning, dueJSON: breakJSON, label: "after a break")
        try measure(&breakDue, runs: settings.runs(5), subject: { [unowned self] in try start(command) })
        breakDue.compare(withAnki: ankiBreak.dueTree, note: ankiBreak.note)
        measurements.append(breakDue)
        // The same queue as the counts and first cards the text shows: Anki's reference
        // (the deck list's counts) lists no card either, where `--json` writes 30k fronts.
        var breakCounts = Measurement("due after a break, text (counts and 10 cards)")
        breakCounts.memoryBudget = Self.memoryBudget
        let text = ChildCommand(arguments: [settings.sysdrill, "--db", broken, "due"], environment: environment)
        try measure(&breakCounts, runs: settings.runs(5), subject: { [unowned self] in try start(text) })
        breakCounts.compare(withAnki: ankiBreak.dueTree, note: ankiBreak.note)
        measurements.append(breakCounts)
        var breakStart = try reviewStart(database: broken, environment: environment, label: "after a break")
        breakStart.compare(withAnki: ankiBreak.firstCard, note: ankiBreak.note)
        measurements.append(breakStart)
        Files.remove(broken)
        return measurements
    }

    /// `sysdrill review` in line mode answered `q`: the time from the start of the process
    /// to the first card on its stdout (the summary that follows the `q` is not timed;
    /// the peak memory is the whole run's). Nothing is written, so every run sees the same
    /// database.
    func reviewStart(database: String, environment: [String], label: String) throws -> Measurement {
        var measurement = Measurement("review start: first card shown, \(label)")
        measurement.memoryBudget = Self.memoryBudget
        let input = path("quit.txt")
        try Files.write("q\n", to: input)
        // Check once that a card is what comes first.
        let output = path("review-start.out")
        let check = ChildCommand(arguments: [settings.sysdrill, "--db", database, "review"], environment: environment,
                                 input: input, output: output)
        guard try start(check).succeeded, try Files.readText(output).contains("\n---\n") else {
            throw BenchError.setup("review (\(label)) showed no card: '\((try? Files.readText(output))?.prefix(300) ?? "")'")
        }
        var command = check
        command.output = nil
        command.timeToFirstOutput = true
        try measure(&measurement, runs: settings.runs(9), subject: { [unowned self] in try start(command) })
        return measurement
    }

    /// A copy of the history where, 60 days after it ends, the first 30k reviewed cards
    /// (a third of them in a quick run) were answered "again" one morning, through the
    /// scheduler so the states stay a replay of the log. Returns that morning, 09:00.
    func failAfterABreak(_ data: Data, into path: String) throws -> UnixTime {
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
