import Testing
@testable import Deck
@testable import Scheduling
@testable import Store

/// A card's log is replayed by time, then arrival. The index the stats read it from orders
/// reviews of one second by grade, so the store must put them back in arrival order.
@Suite struct ReviewLogOrderTests {
    let dir = TemporaryDirectory()

    @Test func reviewsOfOneSecondComeInArrivalOrder() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let cards = try OutlineParser(deck: "one", file: "one.md").parse("# S\n\n- A: alpha is the first letter.\n- B: beta is the second letter.\n")
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [], cards: cards, at: 100)
        let (a, b) = (cards[0].id, cards.first { $0.term == "B" && !$0.kind.isDerived }!.id)
        // Arrival: 5 then 1 then 3 in one second (the index would give 1, 3, 5), and an
        // earlier review written last.
        for (id, card, at, grade) in [("r1", a, 1_000, 5), ("r2", a, 1_000, 1), ("r3", a, 1_000, 3), ("r4", a, 900, 4), ("r5", b, 1_000, 2)] {
            _ = try store.insertReview(ReviewRecord(id: id, cardID: card, at: Int64(at), grade: Quality(rawValue: grade)!, durationMs: 1))
        }
        var logs: [CardID: [Int]] = [:]
        try store.forEachLog(ofCardsReviewedSince: 950) { card, events in logs[card] = events.map(\.quality.rawValue) }
        #expect(logs == [a: [4, 5, 1, 3], b: [2]])
        // The same order as the card's own history.
        #expect(try store.reviews(of: a).map(\.grade.rawValue) == [4, 5, 1, 3])
    }
}
