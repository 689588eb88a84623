import SeededRandom
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

    /// The whole log as `forEachReview` streams it is SQLite's `ORDER BY at, rowid`, also for
    /// one deck's cards, with many reviews per second written out of order and one second
    /// holding more reviews than the store sorts itself.
    @Test func theWholeLogComesByTimeThenArrival() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        var ids: [String: [CardID]] = [:]
        for deck in ["one", "two"] {
            let cards = try OutlineParser(deck: deck, file: deck + ".md")
                .parse("# S\n\n" + (0..<6).map { "- T\($0): term \($0) of \(deck) is a thing.\n" }.joined())
            _ = try store.sync(deck: deck, source: "/" + deck + ".md", origin: .registered, files: [], cards: cards, at: 100)
            ids[deck] = cards.map(\.id)
        }
        let all = ids["one"]! + ids["two"]!
        var random = SplitMix64(seed: 0x18_2026_1207)
        let crowded: Int64 = 2_000
        let count = 3 * StudyStore.largestRunHeld + 1_500
        try store.connection.transaction {
            for number in 0..<count {
                // A third in the crowded second, the rest spread over a few seconds around it.
                let at = random.next(in: 0...2) == 0 ? crowded : Int64(random.next(in: 1_990...2_010))
                let card = all[random.next(in: 0...(all.count - 1))]
                _ = try store.insertReview(ReviewRecord(id: "r\(number)", cardID: card, at: at,
                                                        grade: Quality(rawValue: random.next(in: 0...5))!, durationMs: Int64(number)))
            }
        }
        func expected(_ deck: String?) throws -> [String] {
            try store.connection.prepare("""
                SELECT r.id FROM review_log r
                WHERE ?1 IS NULL OR r.card_id IN (SELECT id FROM cards WHERE deck = ?1) ORDER BY r.at, r.rowid
                """).map([deck]) { $0.string(0) }
        }
        let inCrowded = try store.connection.prepare("SELECT COUNT(*) FROM review_log WHERE at = ?1").first([crowded]) { $0.int(0) } ?? 0
        #expect(inCrowded > StudyStore.largestRunHeld)
        for (scope, deck) in [(DeckScope.every, nil), (DeckScope(["two"]), "two")] {
            var streamed: [String] = []
            try store.forEachReview(decks: scope) { streamed.append($0.id) }
            let reference = try expected(deck)
            #expect(streamed.count == reference.count && streamed == reference, "decks \(deck ?? "all")")
        }
    }
}
