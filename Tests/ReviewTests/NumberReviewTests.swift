import Deck
import Scheduling
import Store
import Testing
@testable import Study
@testable import Review
@testable import Practice

/// Number cards in the line-mode review: the front alone, an estimate, the back with the
/// verdict and a proposed grade that an empty line accepts and a grade overrides.
@Suite struct NumberReviewTests {
    /// The practice module's grading, handed in as the executable does.
    static let checker: TypedCardChecker = { card, text in
        do throws(EstimateGrader.Failure) {
            guard let answer = try NumberAnswer.grade(text, card: card) else { return .unreadable("no value") }
            return .graded(lines: answer.lines, proposed: answer.proposed, fields: answer.fields)
        } catch {
            switch error { case .unreadable(let reason): return .unreadable(reason) }
        }
    }

    /// The fixture's deck turned off and the numbers deck synced: only number cards come.
    func numbersOnly() throws -> StudyFixture {
        let fixture = try StudyFixture()
        _ = try DeckSynchronizer(store: fixture.store, now: fixture.clock.now).syncAll(
            embedded: [], generated: [.init(name: NumberCards.deck, source: "builtin:sysdrill numbers", cards: NumberCards.cards())],
            transientPaths: [])
        try fixture.store.setDeck("t", disabled: true)
        return fixture
    }

    func run(_ fixture: StudyFixture, _ lines: [String], json: Bool = false) throws -> (output: String, messages: [String]) {
        var input = lines
        var output = "", messages: [String] = []
        let review = LineReview(session: try fixture.session(), channel: LineChannel(
            readLine: { input.isEmpty ? nil : input.removeFirst() }, output: { output += $0 }, message: { messages.append($0) }, json: json),
            checker: Self.checker)
        _ = try review.run()
        return (output, messages)
    }

    func qualities(_ fixture: StudyFixture) throws -> [String: Int] {
        var found: [String: Int] = [:]
        for stored in try fixture.store.cards(includeRetired: false) where stored.card.deck == "numbers" {
            if let review = try fixture.store.reviews(of: stored.id).last { found[stored.card.term] = review.grade.rawValue }
        }
        return found
    }

    @Test func anEstimateProposesAGradeThatAnEmptyLineAcceptsOrAGradeOverrides() throws {
        let fixture = try numbersOnly()
        let (output, messages) = try run(fixture, [
            "1 ns", "",                 // L1: within 5% of the 2020 figure: easy, accepted
            "half a nanosecond", "3 ns", "hard",  // unreadable, asked again; easy proposed, hard chosen
            "good",                     // L2: graded at once, no estimate
            "", "",                     // mutex: don't know, again accepted
        ])
        #expect(try qualities(fixture) == ["L1 cache reference": 5, "Branch mispredict": 3, "L2 cache reference": 4, "Mutex lock/unlock": 1])
        #expect(output.hasPrefix("L1 cache reference ≈ ?\n---\n≈ 0.5 ns in the classic list (dean2012); 1 ns in the 2020 model (scott2020)\n"
            + "✓ good: within 25% of 1 ns (spot on)  you said 1 ns\n"))
        // The front shows alone until the estimate: the back comes after it.
        #expect(output.contains("Branch mispredict ≈ ?\n---\n≈ 5 ns"))
        #expect(output.contains("L2 cache reference ≈ ?\n---\n≈ 7 ns"))
        #expect(output.contains("Mutex lock/unlock ≈ ?\n---\n≈ 25 ns in the classic list (dean2012); 17 ns in the 2020 model (scott2020)\n✗ miss: expected 25 ns\n  " + EstimateGrader.dontKnowNote + "\n"))
        #expect(messages.contains { $0.hasPrefix("'half a nanosecond' is not a quantity") })
        #expect(messages.filter { $0.hasPrefix("proposed: easy (5)") }.count == 2)
        #expect(messages.contains("proposed: again (1); an empty line accepts it, or give another grade"))
    }

    @Test func aBareNumberIsAnEstimateInTheCardsUnitNeverAGrade() throws {
        let fixture = try numbersOnly()
        let (output, _) = try run(fixture, [
            "1", "",        // L1 cache: 1 (ns), an estimate: within 5%, easy accepted
            "!", "3", "",   // branch mispredict: flagged, then 3 (ns) estimated and accepted
        ])
        #expect(try qualities(fixture) == ["L1 cache reference": 5, "Branch mispredict": 5])
        #expect(output.contains("you said 1 ns") && output.contains("you said 3 ns"))
        let flagged = try fixture.store.cards(marked: .flagged)
        #expect(flagged.count == 1)
        #expect(LineReview.isBareNumber("0.5") && LineReview.isBareNumber("3") && !LineReview.isBareNumber("3 ms")
                && !LineReview.isBareNumber("good") && !LineReview.isBareNumber("1.2.3"))
    }

    @Test func jsonCarriesTheEstimateEvent() throws {
        let fixture = try numbersOnly()
        let (output, _) = try run(fixture, ["2 ns", ""], json: true)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)  // the next card is shown before the input ends
        #expect(lines[0].hasPrefix("{\"event\":\"card\"") && lines[0].contains("\"answer\":\"typed\""))
        #expect(lines[1].hasPrefix("{\"event\":\"estimate\"") && lines[1].contains("\"given\":\"2 ns\"")
            && lines[1].contains("\"verdict\":\"pass\"") && lines[1].contains("\"proposed\":\"hard\""))
        #expect(lines[2].hasPrefix("{\"event\":\"answer\"") && lines[2].contains("\"rating\":\"hard\""))
    }

    @Test func theNumbersDeckSyncsOnceAndADisabledDeckLeavesTheQueue() throws {
        let fixture = try StudyFixture()
        let deck = DeckSynchronizer.GeneratedDeck(name: "numbers", source: "builtin:sysdrill numbers", cards: NumberCards.cards())
        let synchronizer = DeckSynchronizer(store: fixture.store, now: fixture.clock.now)
        let first = try synchronizer.syncAll(embedded: [], generated: [deck], transientPaths: [])
        #expect(first.reports.map(\.deck) == ["numbers"] && first.reports[0].report.inserted == NumberCards.cards().count)
        #expect(try synchronizer.syncAll(embedded: [], generated: [deck], transientPaths: []).reports.isEmpty)
        #expect(try fixture.store.deck(named: "numbers")?.origin == .embedded)
        // Round robin: the decks' new cards alternate.
        func decks() throws -> [String] {
            try fixture.today().queue.cardIDs.map { try fixture.store.card(id: CardID(rawValue: $0))!.card.deck }
        }
        #expect(try decks().prefix(4) == ["t", "numbers", "t", "numbers"])
        try fixture.store.setDeck("numbers", disabled: true)
        #expect(try decks() == Array(repeating: "t", count: 10))
    }

    @Test func aUserDeckCalledNumbersKeepsItsName() throws {
        let fixture = try StudyFixture()
        _ = try fixture.store.sync(deck: "numbers", source: "/home/me/numbers.md", origin: .registered, files: [], cards: [],
                                   at: fixture.clock.now)
        let deck = DeckSynchronizer.GeneratedDeck(name: "numbers", source: "builtin:sysdrill numbers", cards: NumberCards.cards())
        let outcome = try DeckSynchronizer(store: fixture.store, now: fixture.clock.now).syncAll(embedded: [], generated: [deck], transientPaths: [])
        #expect(!outcome.reports.contains { $0.deck == "numbers" })
        #expect(try fixture.store.deck(named: "numbers")?.source == "/home/me/numbers.md")
        #expect(try fixture.store.cards(includeRetired: true).allSatisfy { $0.card.deck != "numbers" })
    }
}
