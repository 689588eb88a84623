import Testing
@testable import Deck
@testable import Scheduling
@testable import Store

@Suite struct SyncTests {
    let dir = TemporaryDirectory()

    func cards(_ text: String) throws -> [Card] {
        try OutlineParser(deck: "d", file: "d.md").parse(text).filter { !$0.kind.isDerived }
    }

    func sync(_ store: StudyStore, _ text: String) throws -> SyncReport {
        try store.sync(deck: "d", source: "/d.md", origin: .registered, files: [], cards: try cards(text), at: 1000)
    }

    @Test func newChangedRetiredAndRevived() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let first = try sync(store, "# S\n\n- A1: one.\n- B1: two.\n- C1: three.\n")
        #expect(first.inserted == 3)

        let second = try sync(store, "# S\n\n- A1: one, corrected.\n- B1: two.\n")
        #expect(second.updated == 1)
        #expect(second.unchanged == 1)
        #expect(second.retired == 1)
        let all = try store.cards(includeRetired: true)
        #expect(all.count == 3)
        #expect(all.first { $0.card.term == "C1" }!.retired)
        #expect(all.first { $0.card.term == "A1" }!.card.back == "one, corrected.")
        #expect(try store.cards().count == 2)

        let third = try sync(store, "# S\n\n- A1: one, corrected.\n- B1: two.\n- C1: three.\n")
        #expect(third.revived == 1)
        #expect(third.unchanged == 2)
    }

    @Test func retiringKeepsHistory() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        _ = try sync(store, "# S\n\n- A1: one.\n")
        let card = try store.cards()[0].card
        let review = ReviewRecord(id: "r1", cardID: card.id, at: 2000, grade: Quality(rawValue: 4)!, durationMs: 1500)
        var state = CardState.new
        state.phase = .review
        state.reps = 1
        state.due = 2000 + 86400
        try store.record(review, newState: state)
        _ = try sync(store, "# S\n\n- Other: two.\n")
        #expect(try store.reviews(of: card.id) == [review])
        #expect(try store.card(id: card.id)?.retired == true)
        #expect(try store.dueRows(before: 10_000_000, now: 3000).isEmpty)
    }

    @Test func failedSyncChangesNothing() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        _ = try sync(store, "# S\n\n- A1: one.\n")
        let before = try store.cards(includeRetired: true)
        let good = try cards("# S\n\n- New1: x.\n")
        // A card of another deck with a kind SQLite's CHECK-free schema accepts, then a
        // forced failure inside the transaction: nothing of the batch may remain.
        #expect(throws: (any Error).self) {
            try store.connection.transaction {
                _ = try store.sync(deck: "d", source: "/d.md", origin: .registered, files: [], cards: good, at: 1)
                throw StoreError.inconsistent("boom")
            }
        }
        #expect(try store.cards(includeRetired: true) == before)
    }

    @Test func answerReadsTheStoredStateInsideTheTransaction() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        _ = try sync(store, "# S\n\n- A1: one.\n")
        let id = try store.cards()[0].id
        var first = CardState.new
        first.phase = .review
        first.reps = 1
        try store.record(ReviewRecord(id: "r1", cardID: id, at: 1, grade: Quality(rawValue: 4)!, durationMs: 0), newState: first)
        // A second writer computes from what is stored now, not from what it saw earlier.
        let (before, after) = try store.recordAnswer(ReviewRecord(id: "r2", cardID: id, at: 2, grade: Quality(rawValue: 5)!, durationMs: 0)) { stored in
            var next = stored
            next.reps += 1
            return next
        }
        #expect(before == first)
        #expect(after.reps == 2)
        #expect(try store.state(of: id)?.reps == 2)
        #expect(throws: StoreError.self) {
            try store.recordAnswer(ReviewRecord(id: "r2", cardID: id, at: 3, grade: Quality(rawValue: 5)!, durationMs: 0)) { $0 }
        }
        #expect(try store.reviewCount() == 2)
    }

    @Test func recordAndUndoAreAtomicAndRestoreState() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        _ = try sync(store, "# S\n\n- A1: one.\n")
        let id = try store.cards()[0].id
        var state = CardState.new
        state.phase = .learning
        state.reps = 1
        state.due = 5000
        state.sm2 = SM2Memory(n: 1, ef: 2.6, intervalDays: 1, inExtraLoop: false)
        try store.record(ReviewRecord(id: "r1", cardID: id, at: 4000, grade: Quality(rawValue: 5)!, durationMs: 10), newState: state)
        #expect(try store.state(of: id) == state)
        let replayed = try store.removeReview(id: "r1", cardID: id) { events in
            events.isEmpty ? .new : state
        }
        #expect(replayed == .new)
        #expect(try store.state(of: id) == nil)
        #expect(try store.reviews(of: id).isEmpty)
        #expect(throws: StoreError.self) { try store.removeReview(id: "r1", cardID: id) { _ in .new } }
    }

    @Test func reviewOfUnknownCardIsRejectedByForeignKey() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        #expect(throws: StoreError.self) {
            try store.record(ReviewRecord(id: "x", cardID: CardID(rawValue: "0000000000000000"), at: 1,
                                          grade: Quality(rawValue: 3)!, durationMs: 0), newState: .new)
        }
        #expect(try store.reviewCount() == 0)
    }

    @Test func duplicateReviewIDIsIgnored() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        _ = try sync(store, "# S\n\n- A1: one.\n")
        let id = try store.cards()[0].id
        let review = ReviewRecord(id: "same", cardID: id, at: 1, grade: Quality(rawValue: 3)!, durationMs: 0)
        #expect(try store.insertReview(review))
        #expect(try !store.insertReview(review))
        #expect(try store.reviewCount() == 1)
    }
}
