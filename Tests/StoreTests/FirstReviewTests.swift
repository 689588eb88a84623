import Testing
import SeededRandom
@testable import Deck
@testable import Scheduling
@testable import Store

/// `card_first_review` holds each reviewed card's first review, kept by triggers on the
/// log: it must equal the log's own minimum after every way the log is written (answers,
/// undo, renames, merges, whole histories loaded in bulk), and today's counts read from
/// it must equal those counted from the log review by review.
@Suite struct FirstReviewTests {
    let dir = TemporaryDirectory()

    func store(_ name: String = "db.sqlite") throws -> (StudyStore, [CardID]) {
        let store = try StudyStore.open(path: dir.file(name))
        let cards = try OutlineParser(deck: "one", file: "one.md")
            .parse("# S\n\n- A: alpha is the first.\n- B: beta is the second.\n- C: gamma is the third.\n- D: delta is the fourth.\n")
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [], cards: cards, at: 100)
        return (store, cards.filter { !$0.kind.isDerived }.map(\.id))
    }

    /// The table, and what the log says it should be.
    func stored(_ store: StudyStore) throws -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: try store.connection.prepare("SELECT card_id, at FROM card_first_review")
            .map { ($0.string(0), $0.int64(1)) })
    }

    func fromTheLog(_ store: StudyStore) throws -> [String: Int64] {
        var first: [String: Int64] = [:]
        for review in try store.allReviews() {
            first[review.cardID.rawValue] = min(first[review.cardID.rawValue] ?? .max, review.at)
        }
        return first
    }

    /// Today's counts the long way: each card reviewed since `start`, and whether it has
    /// a review before `start`.
    func studiedByHand(_ store: StudyStore, since start: Int64) throws -> (introduced: Int, reviewed: Int) {
        let reviews = try store.allReviews()
        let today = Set(reviews.filter { $0.at >= start }.map(\.cardID))
        let seen = today.filter { card in reviews.contains { $0.cardID == card && $0.at < start } }
        return (today.count - seen.count, seen.count)
    }

    func review(_ id: String, _ card: CardID, at time: Int64) -> ReviewRecord {
        ReviewRecord(id: id, cardID: card, at: time, grade: Quality(rawValue: 3)!, durationMs: 700)
    }

    let replay: StateReplay = { id, events in SM2Scheduler(fuzz: false).replay(events, cardID: id.rawValue) }

    @Test func answersUndoAndRenamesKeepEachCardsFirstReview() throws {
        let (store, cards) = try store()
        var random = SplitMix64(seed: 0x18_2026_1206)
        var logged: [(id: String, card: CardID)] = []
        for step in 0..<300 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<6:
                // An answer, at any time: an import can bring reviews older than the log's.
                let card = cards.randomElement(using: &random)!
                let id = "r\(step)"
                #expect(try store.insertReview(review(id, card, at: Int64.random(in: 1_000...9_000, using: &random))))
                logged.append((id, card))
            case 6..<8 where !logged.isEmpty:
                let undone = logged.remove(at: Int.random(in: 0..<logged.count, using: &random))
                try store.removeReview(id: undone.id, cardID: undone.card) { SM2Scheduler(fuzz: false).replay($0, cardID: undone.card.rawValue) }
            case 8:
                // A rename moves every review of one card onto another.
                let old = cards.randomElement(using: &random)!, new = cards.randomElement(using: &random)!
                guard old != new else { continue }
                try store.moveHistory(from: old, to: new, at: 5_000, replay: replay)
                logged = logged.map { $0.card == old ? ($0.id, new) : $0 }
            default:
                continue
            }
            #expect(try stored(store) == fromTheLog(store), "after step \(step)")
            let start = Int64.random(in: 1_000...9_000, using: &random)
            let counted = try store.cardsStudied(since: start)
            let byHand = try studiedByHand(store, since: start)
            #expect(counted.introduced == byHand.introduced && counted.reviewed == byHand.reviewed, "after step \(step)")
        }
        #expect(!logged.isEmpty, "the walk left no review to check")
    }

    @Test func aBulkLoadRebuildsTheTableAndLeavesTheSameSchema() throws {
        let (store, cards) = try store()
        let (fresh, _) = try self.store("fresh.sqlite")
        func schema(_ store: StudyStore) throws -> [String] {
            try store.connection.prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name")
                .map { $0.string(0) }
        }
        // A log with a review already, then a whole history in bulk, some of it older.
        _ = try store.insertReview(review("early", cards[0], at: 5_000))
        let batch = ReviewBatch([review("b1", cards[0], at: 4_000), review("b2", cards[1], at: 6_000),
                                 review("b3", cards[1], at: 3_000), review("b4", cards[2], at: 7_000)])
        try store.connection.transaction {
            try store.insertAbsentReviewsInBulk(batch, presence: try store.presence(of: batch))
        }
        #expect(try stored(store) == [cards[0].rawValue: 4_000, cards[1].rawValue: 3_000, cards[2].rawValue: 7_000])
        #expect(try schema(store) == schema(fresh))
        // The trigger is back: a later answer counts at once.
        _ = try store.insertReview(review("late", cards[3], at: 8_000))
        #expect(try stored(store) == fromTheLog(store))
        let studied = try store.cardsStudied(since: 5_500)
        #expect(studied.introduced == 2 && studied.reviewed == 1)
    }
}

extension FirstReviewTests {
    @Test func aSpoiledTableIsCountedAndRebuiltFromTheLog() throws {
        let (store, cards) = try store()
        for (number, card) in [cards[0], cards[1], cards[0], cards[2]].enumerated() {
            _ = try store.insertReview(review("r\(number)", card, at: 1_000 + Int64(number) * 100))
        }
        #expect(try store.firstReviewMismatches() == 0)
        try store.connection.execute(script: "DELETE FROM card_first_review WHERE at = 1000; UPDATE card_first_review SET at = 7 WHERE at = 1100;")
        #expect(try store.firstReviewMismatches() == 2, "one card missing, one with another time")
        try store.rebuildFirstReviews()
        #expect(try store.firstReviewMismatches() == 0)
        #expect(try stored(store) == fromTheLog(store))
    }
}
