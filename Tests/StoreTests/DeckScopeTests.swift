import Testing
@testable import Deck
@testable import Scheduling
@testable import Store

/// `--only NAME`: every query that takes a `DeckScope` keeps to those decks' cards, and
/// every deck with `.every`.
@Suite struct DeckScopeTests {
    let dir = TemporaryDirectory()

    /// Two decks of three and two definitions; the name of the second needs escaping in JSON.
    static let odd = "two \"quoted\" \\ deck"

    func store() throws -> (StudyStore, first: [CardID], second: [CardID]) {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let first = try OutlineParser(deck: "one", file: "one.md").parse("# S\n\n- A: alpha is the first.\n- B: beta is the second.\n- C: gamma is the third.\n")
        let second = try OutlineParser(deck: Self.odd, file: "two.md").parse("# T\n\n- D: delta is the fourth.\n- E: epsilon is the fifth.\n")
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [], cards: first, at: 100)
        _ = try store.sync(deck: Self.odd, source: "/two.md", origin: .registered, files: [], cards: second, at: 100)
        return (store, first.filter { !$0.kind.isDerived }.map(\.id), second.filter { !$0.kind.isDerived }.map(\.id))
    }

    func answer(_ store: StudyStore, _ card: CardID, at time: Int64) throws {
        let review = ReviewRecord(id: "r-\(card)-\(time)", cardID: card, at: time, grade: Quality(rawValue: 4)!, durationMs: 900)
        try store.record(review, newState: SM2Scheduler(fuzz: false).next(try store.state(of: card) ?? .new, review: review.event, fuzzSeed: 0))
    }

    @Test func theParameterIsAJSONListOrNull() {
        #expect(DeckScope.every.parameter == nil)
        #expect(DeckScope(["a", "b\"c", "d\\e", "f\ng"]).parameter == #"["a","b\"c","d\\e","f\u000ag"]"#)
        #expect(DeckScope(["a"]).contains("a") && !DeckScope(["a"]).contains("b") && DeckScope.every.contains("b"))
    }

    @Test func newCardsDueRowsAndCountsKeepToTheScope() throws {
        let (store, first, second) = try store()
        let now: Int64 = 10 * 86_400 + 3_600
        let onlySecond = DeckScope([Self.odd])
        let rule = NewCardRule(dayStart: 10 * 86_400, reverseCards: false, decks: onlySecond)
        #expect(try store.newCards(limit: 10, now: now, rule: rule).map(\.id) == second)
        let inTurn = NewCardRule(dayStart: 10 * 86_400, reverseCards: false, roundRobin: true, decks: DeckScope(["one"]))
        #expect(try store.newCards(limit: 10, now: now, rule: inTurn).map(\.id) == first)
        #expect(try store.newCardCount(rule: rule) == 2)
        #expect(Set(try store.someNewCards(limit: 10, now: now, rule: rule).map(\.id)) == Set(second))
        // Reviewed cards: one of each deck, due the next day.
        try answer(store, first[0], at: 1_000)
        try answer(store, second[0], at: 1_000)
        let end: Int64 = 100 * 86_400
        #expect(Set(try store.dueRows(before: end, now: now).map(\.id)) == [first[0], second[0]])
        #expect(try store.dueRows(before: end, now: now, decks: onlySecond).map(\.id) == [second[0]])
        #expect(try store.dueRows(before: end, now: now, decks: DeckScope(["one", Self.odd])).count == 2)
        #expect(try store.dueRows(before: end, now: now, decks: DeckScope([])).isEmpty)
        #expect(try store.earliestDue(now: now, decks: DeckScope(["nothing"])) == nil)
        #expect(try store.earliestDue(now: now, decks: onlySecond) != nil)
        #expect(try store.activeCards(matching: SectionFilter("T"), decks: onlySecond).isSuperset(of: second))
        #expect(try store.activeCards(matching: SectionFilter("t"), decks: onlySecond).allSatisfy { !first.contains($0) })
        #expect(try store.activeCards(matching: SectionFilter("S")).isSuperset(of: first))
    }

    @Test func cardsStatsAndReviewsKeepToTheScope() throws {
        let (store, first, second) = try store()
        try answer(store, first[0], at: 1_000)
        try answer(store, second[0], at: 2_000)
        try answer(store, second[1], at: 3_000)
        let onlySecond = DeckScope([Self.odd])
        #expect(try store.cards(decks: onlySecond).allSatisfy { $0.card.deck == Self.odd })
        #expect(try store.cards(decks: onlySecond).count + (try store.cards(decks: DeckScope(["one"])).count) == (try store.cards().count))
        var reviewed: [CardID] = []
        try store.forEachReview(decks: onlySecond) { reviewed.append($0.cardID) }
        #expect(reviewed == [second[0], second[1]])
        var all = 0
        try store.forEachReview { _ in all += 1 }
        #expect(all == 3)
        #expect(try store.firstReviewTime(atOrAfter: 1_001) == 2_000)
        #expect(try store.firstReviewTime(atOrAfter: 3_001) == nil)
        #expect(try store.reviewTotals(from: 0, to: 10_000).count == 3)
        #expect(try store.reviewTotals(from: 0, to: 2_500).count == 2)
        #expect(try store.cardIDs(of: .every) == nil)
        #expect(try store.cardIDs(of: onlySecond) == Set(try store.cards(decks: onlySecond).map(\.id)))
        var times: [Int64] = []
        try store.forEachReviewTime(of: try store.cardIDs(of: onlySecond)) { time, _ in times.append(time) }
        #expect(times == [2_000, 3_000])
        times = []
        try store.forEachReviewTime(of: nil) { time, _ in times.append(time) }
        #expect(times == [1_000, 2_000, 3_000])
        #expect(try store.cardsReviewed(from: 0, to: 10_000, decks: onlySecond) == Set(second))
        var logs: [CardID] = []
        try store.forEachLog(ofCardsReviewedSince: 0, of: try store.cardIDs(of: DeckScope(["one"]))) { card, _ in logs.append(card) }
        #expect(logs == [first[0]])
        var statsDecks = Set<String>()
        try store.forEachStatsCard(decks: onlySecond) { statsDecks.insert($0.deck) }
        #expect(statsDecks == [Self.odd])
        var exported: [String] = []
        try store.forEachCardInExportOrder(decks: DeckScope(["one"])) { stored, _ in exported.append(stored.card.deck) }
        #expect(!exported.isEmpty && exported.allSatisfy { $0 == "one" })
    }
}
