import Testing
@testable import Deck
@testable import Scheduling
@testable import Store

/// `activeCardCounts` (what `plan` divides over the days left) counts the active,
/// unsuspended cards in SQL, as never reviewed or reviewed: a retired card, a suspended
/// one and a suspend that was cleared each count the way the queue sees them.
@Suite struct ActiveCardCountsTests {
    let dir = TemporaryDirectory()

    func review(_ store: StudyStore, _ card: CardID, id: String, at time: Int64) throws {
        let review = ReviewRecord(id: id, cardID: card, at: time, grade: Quality(rawValue: 4)!, durationMs: 900)
        try store.record(review, newState: SM2Scheduler(fuzz: false).next(try store.state(of: card) ?? .new, review: review.event, fuzzSeed: 0))
    }

    @Test func countsFollowRetiredSuspendedAndReviewedCards() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        #expect(try store.activeCardCounts() == (new: 0, studied: 0) as (Int, Int))
        let parser = OutlineParser(deck: "d", file: "d.md")
        let all = try parser.parse("# S\n\n- A: a.\n- B: b.\n- C: c.\n- D: d.\n- E: e.\n- F: f.\n")
        _ = try store.sync(deck: "d", source: "/d.md", origin: .registered, files: [], cards: all, at: 100)
        let ids = all.map(\.id)
        #expect(try store.activeCardCounts() == (new: 6, studied: 0) as (Int, Int))

        try review(store, ids[0], id: "r1", at: 200)   // A: studied
        try review(store, ids[1], id: "r2", at: 210)   // B: studied, then suspended
        try review(store, ids[4], id: "r3", at: 220)   // E: studied, then retired
        _ = try store.setMark(.suspended, true, on: ids[1], at: 300)
        _ = try store.setMark(.suspended, true, on: ids[2], at: 300)   // C: new, suspended
        _ = try store.setMark(.suspended, true, on: ids[3], at: 300)   // D: new, suspended then cleared
        _ = try store.setMark(.suspended, false, on: ids[3], at: 310)
        let withoutE = all.filter { $0.id != ids[4] }
        _ = try store.sync(deck: "d", source: "/d.md", origin: .registered, files: [], cards: withoutE, at: 400)

        // Active and unsuspended: A (studied), D and F (new).
        let counts = try store.activeCardCounts()
        #expect(counts.new == 2)
        #expect(counts.studied == 1)
    }
}
