import Testing
@testable import Deck
@testable import Scheduling
@testable import Store

/// Sibling burial needs the cards reviewed today with their sources. The sources of cards
/// that are due again come from their due rows; the others are looked up in `cards`. Both
/// ways give the same families, and a review of a card that is not stored gives none.
@Suite struct CardsReviewedTests {
    let dir = TemporaryDirectory()

    func families(_ list: [(id: CardID, from: [CardID])]) -> Set<String> {
        Set(list.map { $0.id.rawValue + " <- " + $0.from.map(\.rawValue).sorted().joined(separator: ",") })
    }

    @Test func sourcesFromTheDueRowsAreThoseOfTheCards() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let cards = try OutlineParser(deck: "one", file: "one.md")
            .parse("# S\n\n- Alpha: the first letter of all.\n- Beta: the letter after alpha.\n- Gamma: the third letter.\n")
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [], cards: cards, at: 100)
        let derived = try #require(cards.first { $0.kind.isDerived })
        let written = cards.filter { !$0.kind.isDerived }
        #expect(!derived.from.isEmpty)
        // Today (from 10,000): a derived card failed (due again today), a written card
        // failed twice, another passed (due later), and a review of a card not stored.
        func answer(_ card: CardID, _ grade: Int, at time: Int64, _ id: String) throws {
            let review = ReviewRecord(id: id, cardID: card, at: time, grade: Quality(rawValue: grade)!, durationMs: 900)
            try store.record(review, newState: SM2Scheduler(fuzz: false).next(try store.state(of: card) ?? .new, review: review.event,
                                                                              fuzzSeed: 0))
        }
        try answer(derived.id, 1, at: 10_000, "r1")
        try answer(written[0].id, 1, at: 10_010, "r2")
        try answer(written[0].id, 1, at: 10_020, "r3")
        try answer(written[1].id, 5, at: 10_030, "r4")
        try store.connection.execute(script: "PRAGMA foreign_keys = OFF;")
        try store.connection.run("INSERT INTO review_log(id, card_id, at, grade, duration_ms) VALUES ('r5', 'ffffffffffffffff', 10040, 4, 900)")
        try store.connection.execute(script: "PRAGMA foreign_keys = ON;")

        let due = try store.dueRows(before: 10_000 + 86_400, now: 10_100)
        let known = Dictionary(due.map { ($0.id, $0.from) }, uniquingKeysWith: { first, _ in first })
        #expect(known[derived.id] != nil && known[written[1].id] == nil)
        let looked = try store.cardsReviewed(since: 10_000).families
        let fromRows = try store.cardsReviewed(since: 10_000, known: known).families
        #expect(families(fromRows) == families(looked))
        #expect(Set(looked.map(\.id)) == [derived.id, written[0].id, written[1].id])
        #expect(families(looked).contains(derived.id.rawValue + " <- " + derived.from.map(\.rawValue).sorted().joined(separator: ",")))
        // What `known` says is taken as it is: those cards are not looked up.
        let told = try store.cardsReviewed(since: 10_000, known: [derived.id: [CardID(rawValue: "0000000000000001")]]).families
        #expect(families(told).contains(derived.id.rawValue + " <- 0000000000000001"))
        #expect(try store.cardsReviewed(since: 10_050).families.isEmpty)
        // The count is of cards, each once, the one not stored too: what the daily limits
        // counted before (`cardsStudied`), whichever way the families were found.
        let studied = try store.cardsStudied(since: 10_000)
        #expect(try store.cardsReviewed(since: 10_000).count == 4)
        #expect(try store.cardsReviewed(since: 10_000, known: known).count == studied.introduced + studied.reviewed)
        #expect(try store.cardsReviewed(since: 10_000).introduced == studied.introduced)
        #expect(studied.introduced > 0)
        #expect(try store.cardsReviewed(since: 10_050).introduced == 0)
        #expect(try store.cardsReviewed(since: 10_030).count == 2)
        #expect(try store.cardsReviewed(since: 10_050).count == 0)
    }
}
