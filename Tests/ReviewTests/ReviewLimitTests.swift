import Deck
import Scheduling
import Store
import Testing
@testable import Study
@testable import Review

/// Today's queue reads reviews only until the day's review limit is filled: the reviews it
/// shows are the ones the whole list would give, and a review left out buries nothing.
@Suite struct ReviewLimitTests {
    /// RPO, RTO and Failover, with their reverses.
    static let deck = SiblingTests.deck

    /// The card `id` in `phase`, due at `due`, last reviewed a day before now (so its reverse
    /// may be introduced today).
    func setState(_ fixture: StudyFixture, _ id: CardID, phase: Phase, due: Int64) throws {
        var state = CardState.new
        state.phase = phase
        state.reps = 1
        state.due = due
        try fixture.store.record(ReviewRecord(id: "r-" + id.rawValue, cardID: id, at: fixture.clock.now - 86_400,
                                              grade: Quality(rawValue: 4)!, durationMs: 0), newState: state)
    }

    func terms(_ fixture: StudyFixture, _ ids: [String]) throws -> [String] {
        try ids.map { id in
            let card = try #require(try fixture.store.card(id: CardID(rawValue: id))?.card)
            return card.kind == .reverse ? card.term + " (reverse)" : card.term
        }
    }

    func reverse(of id: CardID, in fixture: StudyFixture) throws -> CardID {
        try #require(try fixture.store.cards().first { $0.card.kind == .reverse && $0.card.from == [id] }).id
    }

    /// Ten reviews due at the same moment and a limit of three: the three first in deck
    /// order, as the queue orders ties, and not the three the index happens to hold first.
    @Test func reviewsTiedAtTheLimitAreTakenInDeckOrder() throws {
        let fixture = try StudyFixture()
        for number in [7, 2, 9, 4, 1, 10, 3, 6, 8, 5] {
            try setState(fixture, try fixture.cardID("A\(number)"), phase: .review, due: fixture.clock.now - 3_600)
        }
        var configuration = StudyConfiguration.defaults
        configuration.limits.reviewsPerDay = 3
        configuration.limits.newPerDay = 0
        let queue = try fixture.today(configuration).queue
        #expect(try terms(fixture, queue.cardIDs) == ["A1", "A2", "A3"])
        #expect(queue.reviewCount == 3)
    }

    /// The earlier due reviews are taken first, whatever their place in the deck, and the
    /// limit counts the reviews already done today.
    @Test func theLimitTakesTheMostOverdueReviewsAndCountsTodaysAnswers() throws {
        let fixture = try StudyFixture()
        let now = fixture.clock.now
        for (number, daysOverdue) in [(1, 1), (2, 5), (3, 2), (4, 9), (5, 3)] {
            try setState(fixture, try fixture.cardID("A\(number)"), phase: .review, due: now - Int64(daysOverdue) * 86_400)
        }
        var configuration = StudyConfiguration.defaults
        configuration.limits.reviewsPerDay = 3
        configuration.limits.newPerDay = 0
        #expect(try terms(fixture, fixture.today(configuration).queue.cardIDs) == ["A4", "A2", "A5"])
        // A6, reviewed yesterday, answered again today: two reviews are left.
        let a6 = try fixture.cardID("A6")
        try setState(fixture, a6, phase: .review, due: now - 3_600)
        var answered = CardState.new
        answered.phase = .review
        answered.reps = 2
        answered.due = now + 86_400
        try fixture.store.record(ReviewRecord(id: "today", cardID: a6, at: now - 60, grade: Quality(rawValue: 4)!, durationMs: 0),
                                 newState: answered)
        #expect(try terms(fixture, fixture.today(configuration).queue.cardIDs) == ["A4", "A2"])
    }

    /// A review beyond today's limit is not shown today, so its reverse may come as a new
    /// card; the reverse of the review that is shown stays buried beside it.
    @Test func aReviewLeftOutByTheLimitBuriesNoSibling() throws {
        let fixture = try StudyFixture(deck: Self.deck, includeDerived: true)
        let now = fixture.clock.now
        let (rpo, rto) = (try fixture.cardID("RPO"), try fixture.cardID("RTO"))
        try setState(fixture, rpo, phase: .review, due: now - 2 * 86_400)
        try setState(fixture, rto, phase: .review, due: now - 86_400)
        var configuration = StudyConfiguration.defaults
        configuration.limits.reviewsPerDay = 1
        configuration.limits.newPerDay = 10
        let (rpoReverse, rtoReverse) = (try reverse(of: rpo, in: fixture), try reverse(of: rto, in: fixture))
        let queue = try fixture.today(configuration).queue
        #expect(queue.cardIDs.contains(rpo.rawValue) && !queue.cardIDs.contains(rto.rawValue))
        #expect(!queue.cardIDs.contains(rpoReverse.rawValue), "buried beside RPO")
        #expect(queue.cardIDs.contains(rtoReverse.rawValue), "RTO is not shown today")
    }

    /// A card halfway through its learning steps is shown; a sibling in review due earlier
    /// waits for another day.
    @Test func aLearningCardKeepsItsPlaceBeforeASiblingInReview() throws {
        let fixture = try StudyFixture(deck: Self.deck, includeDerived: true)
        let now = fixture.clock.now
        let rpo = try fixture.cardID("RPO")
        let reverse = try reverse(of: rpo, in: fixture)
        try setState(fixture, rpo, phase: .review, due: now - 2 * 86_400)
        try setState(fixture, reverse, phase: .learning, due: now - 60)
        var configuration = StudyConfiguration.defaults
        configuration.limits.newPerDay = 0
        let queue = try fixture.today(configuration).queue
        #expect(queue.cardIDs == [reverse.rawValue])
        #expect(queue.learningCount == 1 && queue.reviewCount == 0)
    }

    /// The summary after a session counts today's queue again, unless nothing was written
    /// since the session's queue was read on the same study day: then that queue stands.
    @Test func theSummaryReusesTheQueueOnlyWhileNothingWasWritten() throws {
        let fixture = try StudyFixture()
        var configuration = StudyConfiguration.defaults
        configuration.limits.newPerDay = 3
        let start = try fixture.today(configuration)
        func counted(_ queue: TodayQueue, at now: Int64? = nil) throws -> DailyQueue {
            try TodayQueue.counts(store: fixture.store, configuration: configuration, calendar: fixture.utcCalendar,
                                  now: now ?? fixture.clock.now, unchanged: queue)
        }
        // A queue unlike the store's, stamped now: it is what the summary counts, which
        // shows the plan is not made again (reading the queue wrote nothing).
        let marked = DailyQueue(cardIDs: ["x"], laterToday: [], newCount: 1, learningCount: 0, reviewCount: 0)
        let stamped = TodayQueue(now: start.now, day: start.day, queue: marked, cards: [:], states: [:], flagged: [],
                                 stamp: start.stamp)
        #expect(try counted(stamped) == marked)
        // The next study day: planned again.
        let nextDay = fixture.utcCalendar.day(containing: start.day.end).start
        #expect(try counted(stamped, at: nextDay) != marked)
        // A write by this connection (an answer): planned again, and the answer shows.
        try setState(fixture, try fixture.cardID("A1"), phase: .review, due: fixture.clock.now + 86_400)
        let (a1, a2) = (try fixture.cardID("A1"), try fixture.cardID("A2"))
        let afterAnswer = try counted(stamped)
        #expect(afterAnswer != marked && afterAnswer.newCount == 3 && !afterAnswer.cardIDs.contains(a1.rawValue))
        // A write by another connection (another terminal): planned again.
        let fresh = try fixture.today(configuration)
        let remarked = TodayQueue(now: fresh.now, day: fresh.day, queue: marked, cards: [:], states: [:], flagged: [],
                                  stamp: fresh.stamp)
        #expect(try counted(remarked) == marked)
        let other = try StudyStore.open(path: fixture.directory + "/db.sqlite")
        _ = try other.setMark(.suspended, true, on: a2, at: fixture.clock.now)
        let afterOther = try counted(remarked)
        #expect(afterOther != marked && !afterOther.cardIDs.contains(a2.rawValue))
    }

    /// A queue built a moment ago (bare `sysdrill` builds one to see whether anything is
    /// due) is a review's queue only at the same instant and while nothing was written.
    @Test func aQueueIsCurrentAtItsInstantUntilSomethingIsWritten() throws {
        let fixture = try StudyFixture()
        let configuration = StudyConfiguration.defaults
        let built = try fixture.today(configuration)
        #expect(try built.isCurrent(at: built.now, store: fixture.store))
        #expect(try !built.isCurrent(at: built.now + 1, store: fixture.store))
        // Reading the queue again writes nothing.
        _ = try fixture.today(configuration)
        #expect(try built.isCurrent(at: built.now, store: fixture.store))
        // A write by this connection (an answer).
        try setState(fixture, try fixture.cardID("A1"), phase: .review, due: fixture.clock.now + 86_400)
        #expect(try !built.isCurrent(at: built.now, store: fixture.store))
        // A write by another connection (another terminal).
        let again = try fixture.today(configuration)
        #expect(try again.isCurrent(at: again.now, store: fixture.store))
        let other = try StudyStore.open(path: fixture.directory + "/db.sqlite")
        _ = try other.setMark(.suspended, true, on: try fixture.cardID("A2"), at: fixture.clock.now)
        #expect(try !again.isCurrent(at: again.now, store: fixture.store))
        // A queue without a stamp is never current.
        let unstamped = TodayQueue(now: again.now, day: again.day, queue: again.queue, cards: [:], states: [:], flagged: [])
        #expect(try !unstamped.isCurrent(at: again.now, store: fixture.store))
    }
}
