import Deck
import Scheduling
import Store
import Study
import Testing

/// `StateRebuilder` replays the log card by card: what it finds and rewrites must be what
/// a replay of the whole log says, for each way a stored state can be wrong.
@Suite struct StateRebuilderTests {
    let scheduler = SM2Scheduler(fuzz: false)

    /// Cards A1...A10; A1, A2, A3 and A5 reviewed (A2 twice in the same second, the better
    /// grade first: arrival order decides, not the index's grade order), then three states
    /// spoiled: A2's changed, A3's removed, and one given to A4, which has no review.
    func spoiled() throws -> (StudyFixture, [CardID], spoiled: [CardID]) {
        let fixture = try StudyFixture()
        let cards = try fixture.store.cards().map(\.id).sorted()
        let at = fixture.clock.now
        for (number, (card, seconds, grade)) in [(0, 0, 4), (1, 0, 5), (1, 0, 1), (2, 60, 3), (4, 120, 2), (0, 86_400, 5)].enumerated() {
            let review = ReviewRecord(id: "r\(number)", cardID: cards[card], at: at + Int64(seconds),
                                      grade: Quality(rawValue: grade)!, durationMs: 500)
            let before = try fixture.store.state(of: review.cardID) ?? .new
            try fixture.store.record(review, newState: scheduler.next(before, review: review.event, fuzzSeed: 0))
        }
        var changed = try #require(try fixture.store.state(of: cards[1]))
        changed.intervalDays += 3
        try fixture.store.saveState(changed, for: cards[1])
        try fixture.store.connection.run("DELETE FROM card_state WHERE card_id = ?1", [cards[2].rawValue])
        try fixture.store.saveState(changed, for: cards[3])
        return (fixture, cards, [cards[1], cards[2], cards[3]])
    }

    /// The replay the long way: every review in time then arrival order, grouped by card.
    func replayOfTheWholeLog(_ store: StudyStore) throws -> [CardID: CardState] {
        var logs: [CardID: [ReviewEvent]] = [:]
        try store.forEachReview { logs[$0.cardID, default: []].append($0.event) }
        var states: [CardID: CardState] = [:]
        for (id, events) in logs { states[id] = scheduler.replay(events, cardID: id.rawValue) }
        return states
    }

    @Test func mismatchesNameEachSpoiledStateInIDOrder() throws {
        let (fixture, _, spoiled) = try spoiled()
        let rebuilder = StateRebuilder(store: fixture.store, scheduler: scheduler)
        let expected = try replayOfTheWholeLog(fixture.store)
        let mismatches = try rebuilder.mismatches()
        #expect(mismatches.map(\.id) == spoiled.sorted())
        for mismatch in mismatches {
            #expect(mismatch.replayed == expected[mismatch.id])
            #expect(mismatch.stored == (try fixture.store.state(of: mismatch.id)))
        }
        #expect(try rebuilder.replayedStates() == expected)
    }

    @Test func rebuildRewritesExactlyTheSpoiledStates() throws {
        let (fixture, cards, spoiled) = try spoiled()
        let rebuilder = StateRebuilder(store: fixture.store, scheduler: scheduler)
        // Of the given cards only: A3's missing state comes back, the others stay spoiled.
        #expect(try rebuilder.rebuild(only: [cards[2], cards[4]]) == 1)
        #expect(try rebuilder.mismatches().map(\.id) == [spoiled[0], spoiled[2]].sorted())
        #expect(try rebuilder.rebuild() == 2)
        #expect(try rebuilder.mismatches().isEmpty)
        #expect(try fixture.store.allStates() == replayOfTheWholeLog(fixture.store))
        #expect(try fixture.store.state(of: cards[3]) == nil, "a state without a review goes back to new")
        #expect(try rebuilder.rebuild() == 0)
    }
}
