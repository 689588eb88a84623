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
    /// one deck's cards, with many reviews per second written out of order, and seconds
    /// holding more reviews than the store sorts itself, for all decks and for one: two of
    /// them one after the other, one the last second of the log.
    @Test func theWholeLogComesByTimeThenArrival() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        var ids: [String: [CardID]] = [:]
        for deck in ["one", "two"] {
            let cards = try OutlineParser(deck: deck, file: deck + ".md")
                .parse("# S\n\n" + (0..<6).map { "- T\($0): term \($0) of \(deck) is a thing.\n" }.joined())
            _ = try store.sync(deck: deck, source: "/" + deck + ".md", origin: .registered, files: [], cards: cards, at: 100)
            ids[deck] = cards.map(\.id)
        }
        var random = SplitMix64(seed: 0x18_2026_1207)
        let crowded: [Int64] = [2_000, 2_001, 2_020]
        // (time, card): a few thousand spread over the seconds around, and in each crowded
        // second more than the store holds for each deck alone.
        var entries: [(at: Int64, card: CardID)] = (0..<3_000).map { _ in
            let deck = ids[random.next(in: 0...1) == 0 ? "one" : "two"]!
            return (Int64(random.next(in: 1_990...2_010)), deck[random.next(in: 0...(deck.count - 1))])
        }
        for at in crowded {
            for deck in ["one", "two"] {
                for _ in 0..<(StudyStore.largestRunHeld + 300) {
                    entries.append((at, ids[deck]![random.next(in: 0...(ids[deck]!.count - 1))]))
                }
            }
        }
        // In random arrival order.
        for index in entries.indices.reversed() where index > 0 {
            entries.swapAt(index, random.next(in: 0...index))
        }
        try store.connection.transaction {
            for (number, entry) in entries.enumerated() {
                _ = try store.insertReview(ReviewRecord(id: "r\(number)", cardID: entry.card, at: entry.at,
                                                        grade: Quality(rawValue: random.next(in: 0...5))!, durationMs: Int64(number)))
            }
        }
        #expect(try store.connection.prepare("SELECT MAX(at) FROM review_log").first { $0.int64(0) } == crowded.last)
        for (scope, deck) in [(DeckScope.every, nil), (DeckScope(["two"]), "two")] {
            var streamed: [String] = []
            try store.forEachReview(decks: scope) { streamed.append($0.id) }
            let reference = try store.connection.prepare("""
                SELECT r.id FROM review_log r
                WHERE ?1 IS NULL OR r.card_id IN (SELECT id FROM cards WHERE deck = ?1) ORDER BY r.at, r.rowid
                """).map([deck]) { $0.string(0) }
            #expect(streamed.count == reference.count && streamed == reference, "decks \(deck ?? "all")")
        }
    }
}
