import Testing
@testable import Deck
@testable import Scheduling
@testable import Store

/// Suspend and flag (`card_marks`): recorded with the time, kept when cleared, merged by
/// the later change, left out of every queue query when suspended, carried by a rename.
@Suite struct CardMarkTests {
    let dir = TemporaryDirectory()

    func store() throws -> (StudyStore, [CardID]) {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let cards = try OutlineParser(deck: "d", file: "d.md").parse("# S\n\n- A: a.\n- B: b.\n- C: c.\n")
        _ = try store.sync(deck: "d", source: "/d.md", origin: .registered, files: [], cards: cards, at: 100)
        return (store, cards.map(\.id))
    }

    func review(_ store: StudyStore, _ card: CardID, id: String, at time: Int64) throws {
        let review = ReviewRecord(id: id, cardID: card, at: time, grade: Quality(rawValue: 4)!, durationMs: 900)
        let scheduler = SM2Scheduler(fuzz: false)
        try store.record(review, newState: scheduler.next(try store.state(of: card) ?? .new, review: review.event, fuzzSeed: 0))
    }

    @Test func setToggleAndRestoreKeepTheTimeOfTheChange() throws {
        let (store, ids) = try store()
        #expect(try store.setMark(.suspended, true, on: ids[0], at: 200) == nil)
        let previous = try store.setMark(.suspended, false, on: ids[0], at: 300)
        #expect(previous == CardMarkRecord(cardID: ids[0], mark: .suspended, isSet: true, at: 200))
        // Cleared, the row stays (so an import can tell the unsuspend is newer).
        #expect(try store.marks(of: ids[0]).suspended == CardMarkRecord(cardID: ids[0], mark: .suspended, isSet: false, at: 300))
        #expect(try store.marks(of: ids[0]).isSuspended == false)
        try store.restoreMark(.suspended, on: ids[0], to: previous)
        #expect(try store.cards(marked: .suspended) == [ids[0]])
        try store.restoreMark(.suspended, on: ids[0], to: nil)
        #expect(try store.allMarks().isEmpty)

        #expect(try store.toggleMark(.flagged, on: ids[1], at: 400) == true)
        #expect(try store.toggleMark(.flagged, on: ids[1], at: 500) == false)
        #expect(try store.toggleMark(.flagged, on: ids[1], at: 600) == true)
        #expect(try store.cards(marked: .flagged) == [ids[1]])
        #expect(try store.cards(marked: .suspended).isEmpty)
    }

    @Test func mergeKeepsTheLaterChangeAndAtTheSameSecondTheSetMark() throws {
        let (store, ids) = try store()
        try store.setMark(.suspended, true, on: ids[0], at: 500)
        #expect(try store.mergeMark(CardMarkRecord(cardID: ids[0], mark: .suspended, isSet: false, at: 400)) == false)
        #expect(try store.marks(of: ids[0]).isSuspended)
        #expect(try store.mergeMark(CardMarkRecord(cardID: ids[0], mark: .suspended, isSet: false, at: 600)) == true)
        #expect(try store.marks(of: ids[0]).isSuspended == false)
        // The same second: set wins on both machines, whichever imports first.
        #expect(try store.mergeMark(CardMarkRecord(cardID: ids[0], mark: .suspended, isSet: true, at: 600)) == true)
        #expect(try store.mergeMark(CardMarkRecord(cardID: ids[0], mark: .suspended, isSet: false, at: 600)) == false)
        #expect(try store.marks(of: ids[0]).isSuspended)
        // The same record again changes nothing.
        #expect(try store.mergeMark(CardMarkRecord(cardID: ids[0], mark: .suspended, isSet: true, at: 600)) == false)
        #expect(try store.mergeMark(CardMarkRecord(cardID: ids[1], mark: .flagged, isSet: true, at: 1)) == true)
        #expect(Set(try store.allMarks()) == [CardMarkRecord(cardID: ids[0], mark: .suspended, isSet: true, at: 600),
                                              CardMarkRecord(cardID: ids[1], mark: .flagged, isSet: true, at: 1)])
    }

    @Test func aSuspendedCardLeavesEveryQueueQueryAndKeepsItsHistory() throws {
        let (store, ids) = try store()
        try review(store, ids[0], id: "r1", at: 1_000)
        try review(store, ids[1], id: "r2", at: 1_000)
        let later: Int64 = 10 * 86_400
        #expect(Set(try store.dueRows(before: later, now: later).map(\.id)) == [ids[0], ids[1]])
        #expect(try store.newCardCount(rule: NewCardRule(dayStart: later, reverseCards: true)) == 1)
        #expect(try store.newCards(limit: 10, now: later, rule: NewCardRule(dayStart: later, reverseCards: true)).map(\.id) == [ids[2]])

        try store.setMark(.suspended, true, on: ids[0], at: 2_000)
        try store.setMark(.suspended, true, on: ids[2], at: 2_000)
        #expect(try store.dueRows(before: later, now: later).map(\.id) == [ids[1]])
        #expect(try store.newCards(limit: 10, now: later, rule: NewCardRule(dayStart: later, reverseCards: true)).isEmpty)
        #expect(try store.newCardCount(rule: NewCardRule(dayStart: later, reverseCards: true)) == 0)
        #expect(try store.someNewCards(limit: 10, now: later, rule: NewCardRule(dayStart: later, reverseCards: true)).isEmpty)
        #expect(try store.earliestDue(now: later) == store.state(of: ids[1])?.due)
        // History and state stay as they were.
        #expect(try store.reviews(of: ids[0]).map(\.id) == ["r1"])
        #expect(try store.state(of: ids[0]) != nil)

        try store.setMark(.suspended, false, on: ids[0], at: 3_000)
        #expect(Set(try store.dueRows(before: later, now: later).map(\.id)) == [ids[0], ids[1]])
        // A flag changes no queue.
        try store.setMark(.flagged, true, on: ids[1], at: 3_000)
        #expect(try store.dueRows(before: later, now: later).count == 2)
    }

    @Test func aRenameCarriesTheMarksAndTheLaterChangeWins() throws {
        let (store, ids) = try store()
        try store.setMark(.suspended, true, on: ids[0], at: 200)
        try store.setMark(.flagged, true, on: ids[0], at: 200)
        try store.setMark(.flagged, false, on: ids[1], at: 300)  // newer on the new card: stays
        try store.moveHistory(from: ids[0], to: ids[1], at: 400) { _, _ in .new }
        #expect(try store.marks(of: ids[0]) == CardMarks())
        #expect(try store.marks(of: ids[1]) == CardMarks(
            suspended: CardMarkRecord(cardID: ids[1], mark: .suspended, isSet: true, at: 200),
            flagged: CardMarkRecord(cardID: ids[1], mark: .flagged, isSet: false, at: 300)))
        #expect(try store.foreignKeyProblems().isEmpty)
    }

    @Test func leechCandidatesComeFromTheStoredLapses() throws {
        let (store, ids) = try store()
        var state = CardState.new
        state.phase = .review
        state.reps = 9
        state.lapses = 8
        try store.saveState(state, for: ids[2])
        state.lapses = 3
        try store.saveState(state, for: ids[1])
        #expect(try store.cards(withLapsesAtLeast: 8) == [ids[2]])
        #expect(try store.cards(withLapsesAtLeast: 3) == [ids[1], ids[2]])
    }
}
