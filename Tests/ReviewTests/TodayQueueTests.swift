import Deck
import Scheduling
import Store
import Testing
import Timekeeping
@testable import Study
@testable import Review

@Suite struct TodayQueueTests {
    @Test func limitsCountFromTheLogSoTheySurviveRestarts() throws {
        let fixture = try StudyFixture()
        var configuration = StudyConfiguration.defaults
        configuration.limits.newPerDay = 4
        let first = try fixture.session(configuration)
        _ = try first.nextTerm()
        _ = try first.answer(Rating.good.quality)
        _ = try first.nextTerm()
        _ = try first.answer(Rating.good.quality)
        // "Restart": a fresh queue from the database.
        let today = try fixture.today(configuration)
        #expect(today.queue.newCount == 2)
        // --new overrides what is left today.
        let more = try fixture.today(configuration, options: .init(newCards: 5))
        #expect(more.queue.newCount == 5)
    }

    @Test func overdueCardsComeFirstMostOverdueFirst() throws {
        let fixture = try StudyFixture()
        let now = fixture.clock.now
        // A3 overdue by 3 days, A5 by 1 day, A7 due later today: hand-made states.
        for (term, due) in [("A3", now - 3 * 86_400), ("A5", now - 86_400), ("A7", now + 3600)] {
            var state = CardState.new
            state.phase = .review
            state.reps = 1
            state.due = due
            let id = try fixture.cardID(term)
            try fixture.store.record(ReviewRecord(id: "r-" + term, cardID: id, at: due - 86_400, grade: Quality(rawValue: 4)!, durationMs: 0),
                                     newState: state)
        }
        let today = try fixture.today()
        let terms = try today.queue.cardIDs.map { id in try fixture.store.card(id: CardID(rawValue: id))!.card.term }
        #expect(Array(terms.prefix(4)) == ["A3", "A5", "A7", "A1"])
        #expect(today.queue.reviewCount == 3)
    }

    @Test(arguments: [
        // (local offset hours, now UTC hour:minute, due today?) for a card due at 2025-11-26T03:30Z
        (0, "2025-11-25T09:00:00Z", true),    // day ends 11-26 04:00Z
        (0, "2025-11-26T03:59:59Z", true),
        (0, "2025-11-26T04:00:00Z", true),    // a new day: still due (overdue)
        (2, "2025-11-25T09:00:00Z", false),   // UTC+2: day ends 11-26 02:00Z, before 03:30Z
        (-5, "2025-11-25T09:00:00Z", true),   // UTC-5: day ends 11-26 09:00Z
    ])
    func rolloverHourAndTimeZones(offsetHours: Int64, now: String, dueToday: Bool) throws {
        let fixture = try StudyFixture()
        let id = try fixture.cardID("A1")
        var state = CardState.new
        state.phase = .review
        state.reps = 1
        state.due = ISO8601.parse("2025-11-26T03:30:00Z")!
        try fixture.store.record(ReviewRecord(id: "r", cardID: id, at: state.due - 86_400 * 5, grade: Quality(rawValue: 4)!, durationMs: 0),
                                 newState: state)
        let calendar = StudyCalendar(rolloverHour: 4, utcOffset: { _ in offsetHours * 3600 })
        var configuration = StudyConfiguration.defaults
        configuration.limits.newPerDay = 0
        let today = try TodayQueue.build(store: fixture.store, configuration: configuration, calendar: calendar,
                                         now: ISO8601.parse(now)!)
        #expect(today.queue.cardIDs.contains(id.rawValue) == dueToday)
    }

    @Test func aNewCardSentBackByAQuizComesOnceAndSkipHidesIt() throws {
        let fixture = try StudyFixture()
        var configuration = StudyConfiguration.defaults
        configuration.limits.newPerDay = 3
        let a1 = try fixture.cardID("A1")
        try fixture.store.requeue(a1, at: fixture.clock.now - 60)
        let today = try fixture.today(configuration)
        #expect(today.queue.cardIDs.filter { $0 == a1.rawValue }.count == 1)
        #expect(today.queue.cardIDs.first == a1.rawValue)
        #expect(today.queue.newCount == 3)  // A2, A3, A4: the requeued card does not use a new slot twice
        let session = try fixture.session(configuration)
        #expect(try session.nextTerm() == "A1")
        try session.skip()
        #expect(try !fixture.today(configuration).queue.cardIDs.contains(a1.rawValue))
    }

    /// The end-of-session summary counts today's queue the cheap way; it must count the
    /// same cards as the queue a new session would get.
    @Test func countsOnlyAgreesWithTheFullQueue() throws {
        let fixture = try StudyFixture()
        var configuration = StudyConfiguration.defaults
        configuration.limits.newPerDay = 6
        configuration.limits.reviewsPerDay = 2
        func expectSameCounts(_ note: Comment) throws {
            let full = try fixture.today(configuration).queue
            let counted = try TodayQueue.counts(store: fixture.store, configuration: configuration,
                                                calendar: fixture.utcCalendar, now: fixture.clock.now)
            #expect(counted.newCount == full.newCount, note)
            #expect(counted.learningCount == full.learningCount, note)
            #expect(counted.reviewCount == full.reviewCount, note)
        }
        try expectSameCounts("untouched deck")
        // Three review cards due (the limit takes two), a learning card, a skip and a
        // card sent back by a quiz.
        let now = fixture.clock.now
        for term in ["A1", "A2", "A3"] {
            var state = CardState.new
            state.phase = .review
            state.reps = 1
            state.due = now - 3600
            try fixture.store.record(ReviewRecord(id: "r-" + term, cardID: try fixture.cardID(term), at: now - 86_400,
                                                  grade: Quality(rawValue: 4)!, durationMs: 0), newState: state)
        }
        try expectSameCounts("reviews over the limit")
        let session = try fixture.session(configuration)
        while let term = try session.nextTerm(), term.hasPrefix("A"), !["A4", "A5"].contains(term) {
            _ = try session.answer(Rating.good.quality)
        }
        _ = try session.answer(Rating.again.quality)
        try expectSameCounts("a card in its learning steps")
        try fixture.store.bury(try fixture.cardID("A9"), until: now + 86_400)
        try fixture.store.requeue(try fixture.cardID("A10"), at: now - 60)
        try expectSameCounts("a skipped and a requeued card")
        // Cards due tomorrow (one of them suspended) and one due today but skipped for
        // today only: tomorrow's count holds three of them, today's none.
        configuration.limits.reviewsPerDay = 50
        var dueToday = CardState.new
        dueToday.phase = .review
        dueToday.reps = 2
        dueToday.due = now - 60
        try fixture.store.record(ReviewRecord(id: "r2-A5", cardID: try fixture.cardID("A5"), at: now - 30,
                                              grade: Quality(rawValue: 4)!, durationMs: 0), newState: dueToday)
        try expectSameCounts("one more due today")
        for (index, term) in ["A6", "A7", "A8"].enumerated() {
            var state = CardState.new
            state.phase = .review
            state.reps = 1
            state.due = now + 86_400 + Int64(index)
            try fixture.store.record(ReviewRecord(id: "r-" + term, cardID: try fixture.cardID(term), at: now - 86_400,
                                                  grade: Quality(rawValue: 4)!, durationMs: 0), newState: state)
        }
        try fixture.store.bury(try fixture.cardID("A5"), until: fixture.utcCalendar.day(containing: now).end)
        _ = try fixture.store.setMark(.suspended, true, on: try fixture.cardID("A8"), at: now)
        try expectSameCounts("due tomorrow, skipped today, suspended")
        // What the summary counts for today and for the next study day.
        let calendar = fixture.utcCalendar
        let counted = try TodayQueue.counts(store: fixture.store, configuration: configuration, calendar: calendar, now: now)
        let nextDay = try TodayQueue.counts(store: fixture.store, configuration: configuration, calendar: calendar,
                                            now: calendar.day(containing: calendar.day(containing: now).end).start)
        let (a5, a6, a7, a8) = (try fixture.cardID("A5").rawValue, try fixture.cardID("A6").rawValue,
                                try fixture.cardID("A7").rawValue, try fixture.cardID("A8").rawValue)
        #expect(Set(counted.cardIDs).isDisjoint(with: [a5, a6, a7, a8]))
        #expect(Set(nextDay.cardIDs).isSuperset(of: [a5, a6, a7]) && !nextDay.cardIDs.contains(a8))
        configuration.limits.newPerDay = 0
        try expectSameCounts("no new cards today")
    }

    @Test func sectionFilterRestrictsTheQueue() throws {
        let fixture = try StudyFixture(deck: "# 1. One\n\n- X1: a.\n\n# 2. Two\n\n- Y1: b.\n- Y2: c.\n")
        let today = try fixture.today(options: .init(section: SectionFilter("2")))
        #expect(today.queue.newCount == 2)
        #expect(Set(today.cards.values.map(\.term)) == ["Y1", "Y2"])
    }

    @Test func localTimeZoneFromTheEnvironment() {
        // The process-wide zone is whatever TZ says; UTC has offset 0 everywhere.
        #expect(StudyCalendar(rolloverHour: 4, utcOffset: { _ in 0 }).day(containing: 0).start == -20 * 3600)
    }

    @Test func streaksCountConsecutiveStudyDays() {
        let calendar = StudyCalendar(rolloverHour: 4, utcOffset: { _ in 0 })
        #expect(calendar.streak(reviewDays: [10, 11, 12], today: 12) == 3)
        #expect(calendar.streak(reviewDays: [10, 11], today: 12) == 2)  // today not studied yet
        #expect(calendar.streak(reviewDays: [9, 11], today: 12) == 1)
        #expect(calendar.streak(reviewDays: [], today: 12) == 0)
    }
}
