import Deck
import Scheduling
import Store
import Testing
@testable import Study
@testable import Review

/// Issue 16, parts 6 and 7 in the review: a leech is told once, when its lapses reach
/// `leech-lapses`; a suspended card leaves today's queue and its counts and keeps its
/// history; a flag is a toggle; `check` (states = a replay of the log) holds throughout.
@Suite struct LeechAndSuspendTests {
    /// Gives `term` a real history (as sessions record it, one answer a day ending 15 days
    /// ago): `lapses` times good-then-again, then good, so the card is in review with
    /// `lapses` lapses and due now.
    func history(_ fixture: StudyFixture, _ term: String, lapses: Int) throws -> CardID {
        let id = try fixture.cardID(term)
        let scheduler = StudyConfiguration.defaults.scheduler.makeScheduler()
        let grades = Array(repeating: [4, 1], count: lapses).flatMap { $0 } + [4]
        var time = fixture.clock.now - Int64(15 + grades.count) * 86_400
        for (index, grade) in grades.enumerated() {
            let review = ReviewRecord(id: "\(term)-\(index)", cardID: id, at: time, grade: Quality(rawValue: grade)!, durationMs: 1000)
            _ = try fixture.store.recordAnswer(review) { stored in
                scheduler.next(stored, review: review.event, fuzzSeed: FuzzSeed.make(cardID: id.rawValue, reviewIndex: stored.reps))
            }
            time += 86_400
        }
        #expect(try fixture.store.state(of: id)?.lapses == lapses)
        return id
    }

    func lineReview(_ session: ReviewSession, _ answers: [String], json: Bool = false) throws -> (output: [String], messages: [String]) {
        var input = answers
        var output: [String] = [], messages: [String] = []
        let review = LineReview(session: session, channel: LineChannel(readLine: { input.isEmpty ? nil : input.removeFirst() },
                                output: { output.append($0) }, message: { messages.append($0) }, json: json))
        _ = try review.run()
        return (output, messages)
    }

    func expectStatesAreAReplayOfTheLog(_ fixture: StudyFixture) throws {
        let rebuilder = StateRebuilder(store: fixture.store, scheduler: StudyConfiguration.defaults.scheduler.makeScheduler())
        #expect(try rebuilder.mismatches().isEmpty)
    }

    func terms(_ fixture: StudyFixture, _ today: TodayQueue) throws -> [String] {
        try today.queue.cardIDs.map { try fixture.store.card(id: CardID(rawValue: $0))!.card.term }
    }

    // MARK: Leeches

    @Test func theLeechIsToldOnceWhenItsLapsesReachTheThreshold() throws {
        let fixture = try StudyFixture()
        let id = try history(fixture, "A1", lapses: 7)
        let session = try fixture.session(limit: 1)
        // Again: the 8th lapse. Again while relearning is no new lapse; good; then A1 is done.
        let (output, messages) = try lineReview(session, ["again", "again", "good"])
        #expect(output.count == 3)  // A1 shown three times (SM-2 repeats it today)
        let told = messages.filter { $0.contains(LeechRule.message) }
        #expect(told == ["this card keeps slipping; rewrite it? t.md:3 (8 lapses)"])
        #expect(messages.firstIndex { $0.contains("keeps slipping") } == 1)  // right after the answer that did it
        #expect(try fixture.store.state(of: id)?.lapses == 8)
        #expect(StudyConfiguration.defaults.leech.isLeech(try fixture.store.state(of: id)))
        try expectStatesAreAReplayOfTheLog(fixture)

        // A later lapse of a card that is a leech already says nothing more.
        fixture.clock.now += 30 * 86_400
        let (_, later) = try lineReview(try fixture.session(limit: 1), ["good", "again", "good"])
        #expect(!later.contains { $0.contains("keeps slipping") })
    }

    @Test func theLeechEventInJSONCarriesTheSource() throws {
        let fixture = try StudyFixture()
        let id = try history(fixture, "A2", lapses: 7)
        let (output, _) = try lineReview(try fixture.session(limit: 1), ["1"], json: true)
        let leech = try #require(output.first { $0.hasPrefix("{\"event\":\"leech\"") })
        #expect(leech.contains("\"card\":\"\(id.rawValue)\""))
        #expect(leech.contains("\"lapses\":8"))
        #expect(leech.contains("\"source\":{\"file\":\"t.md\",\"line\":4}"))
        #expect(output.filter { $0.contains("\"event\":\"leech\"") }.count == 1)
    }

    @Test func theSettingChangesTheThreshold() throws {
        var configuration = StudyConfiguration.defaults
        try ConfigKey.leechLapses.apply("3", to: &configuration)
        #expect(configuration.leechLapses == 3)
        #expect(ConfigKey.leechLapses.value(in: configuration) == "3")
        for bad in ["0", "100", "x", "-1"] {
            #expect(throws: ConfigError.self) { try ConfigKey.leechLapses.apply(bad, to: &configuration) }
        }
        #expect(!ConfigKey.leechLapses.affectsStates)

        // With the default (8), a third lapse is nothing special; with 3 it makes a leech.
        for (threshold, expected) in [(8, 0), (3, 1)] {
            let fixture = try StudyFixture()
            _ = try history(fixture, "A1", lapses: 2)
            let session = ReviewSession(store: fixture.store, scheduler: configuration.scheduler.makeScheduler(),
                                        today: try fixture.today(), clock: fixture.clock, identifiers: fixture.identifiers,
                                        limit: 1, leech: LeechRule(lapses: threshold))
            let (_, messages) = try lineReview(session, ["again", "good"])
            #expect(messages.filter { $0.contains("keeps slipping") }.count == expected, "threshold \(threshold)")
        }
        // The tag is derived: lowering the setting makes a card with that many lapses a leech at once.
        let state = CardState(phase: .review, due: 0, reps: 9, lapses: 3, lastReview: 0, intervalDays: 1, sm2: nil, fsrs: nil)
        #expect(!StudyConfiguration.defaults.leech.isLeech(state))
        #expect(configuration.leech.isLeech(state))
    }

    @Test func theTagFollowsAReplayWithAnotherScheduler() throws {
        let fixture = try StudyFixture()
        let id = try history(fixture, "A1", lapses: 8)
        // `config set scheduler fsrs` rebuilds every state from the log; lapses come with it
        // (FSRS counts only a failed review-phase card: here fewer than SM-2's 8).
        var settings = StudyConfiguration.defaults.scheduler
        settings.kind = .fsrs
        try StateRebuilder(store: fixture.store, scheduler: settings.makeScheduler()).rebuild()
        let fsrs = try #require(try fixture.store.state(of: id))
        #expect(fsrs.lapses == settings.makeScheduler().replay(try fixture.store.reviews(of: id).map(\.event), cardID: id.rawValue).lapses)
        #expect(StudyConfiguration.defaults.leech.isLeech(fsrs) == (fsrs.lapses >= 8))
        #expect(LeechRule(lapses: fsrs.lapses).isLeech(fsrs))
        try fixture.store.setMark(.suspended, true, on: id, at: fixture.clock.now)
        settings.kind = .sm2
        try StateRebuilder(store: fixture.store, scheduler: settings.makeScheduler()).rebuild()
        // A replay never touches marks.
        #expect(try fixture.store.marks(of: id).isSuspended)
        #expect(try fixture.store.state(of: id)?.lapses == 8)
        #expect(StudyConfiguration.defaults.leech.isLeech(try fixture.store.state(of: id)))
        try expectStatesAreAReplayOfTheLog(fixture)
    }

    // MARK: Suspend

    @Test func suspendRemovesACardFromTodayAndTheDueCountsAndKeepsItsHistory() throws {
        let fixture = try StudyFixture()
        let reviewed = try history(fixture, "A3", lapses: 0)
        let new = try fixture.cardID("A1")
        let before = try fixture.today()
        func newAvailable() throws -> Int {
            try TodayQueue.newCardsAvailable(store: fixture.store, configuration: .defaults, calendar: fixture.utcCalendar,
                                             now: fixture.clock.now)
        }
        let newBefore = try newAvailable()
        #expect(try terms(fixture, before).prefix(2) == ["A3", "A1"])
        #expect(before.queue.reviewCount == 1)
        let counted = try TodayQueue.counts(store: fixture.store, configuration: .defaults, calendar: fixture.utcCalendar,
                                            now: fixture.clock.now)
        #expect(counted.total == before.total)

        try fixture.store.setMark(.suspended, true, on: reviewed, at: fixture.clock.now)
        try fixture.store.setMark(.suspended, true, on: new, at: fixture.clock.now)
        let after = try fixture.today()
        #expect(!after.queue.cardIDs.contains(reviewed.rawValue) && !after.queue.cardIDs.contains(new.rawValue))
        #expect(after.queue.reviewCount == 0)
        #expect(try newAvailable() == newBefore - 1)
        #expect(try TodayQueue.counts(store: fixture.store, configuration: .defaults, calendar: fixture.utcCalendar,
                                      now: fixture.clock.now).total == after.total)
        #expect(try fixture.store.earliestDue(now: fixture.clock.now) == nil)
        // Nor with another scheduler's states (`review --scheduler`), nor sent back by a quiz.
        var settings = StudyConfiguration.defaults.scheduler
        settings.kind = .fsrs
        let override = try StateRebuilder(store: fixture.store, scheduler: settings.makeScheduler()).replayedStates()
        #expect(try fixture.today(options: .init(states: override)).queue.reviewCount == 0)
        try fixture.store.requeue(reviewed, at: fixture.clock.now)
        #expect(try !fixture.today().queue.cardIDs.contains(reviewed.rawValue))
        // Its history and state are kept.
        #expect(try fixture.store.reviews(of: reviewed).count == 1)
        #expect(try fixture.store.state(of: reviewed) != nil)

        // Unsuspended, both come back.
        try fixture.store.setMark(.suspended, false, on: reviewed, at: fixture.clock.now + 1)
        try fixture.store.setMark(.suspended, false, on: new, at: fixture.clock.now + 1)
        let back = try fixture.today()
        #expect(back.queue.cardIDs.contains(reviewed.rawValue) && back.queue.cardIDs.contains(new.rawValue))
        #expect(try newAvailable() == newBefore)
        try expectStatesAreAReplayOfTheLog(fixture)
    }

    @Test func suspendInTheSessionMovesOnAndUndoBringsItBack() throws {
        let fixture = try StudyFixture()
        let session = try fixture.session(limit: 3)
        let (output, messages) = try lineReview(session, ["@", "u", "good", "suspend", "good"])
        let fronts = output.map { String($0.prefix { $0 != "\n" }) }
        // A1 suspended; A2 shown, then u: the suspend is undone and A1 comes again and is
        // answered; A2 suspended; A3 answered.
        #expect(fronts == ["A1", "A2", "A1", "A2", "A3"].map { "Basics: what is meant by \($0)?" })
        #expect(messages.filter { $0.hasPrefix("suspended") }.count == 2)
        #expect(try fixture.store.cards(marked: .suspended) == [try fixture.cardID("A2")])
        #expect(try fixture.store.marks(of: fixture.cardID("A1")) == CardMarks())  // undo left no trace
        #expect(session.summary.suspended == 1)
        #expect(try fixture.store.reviewCount() == 2)
        try expectStatesAreAReplayOfTheLog(fixture)
    }

    @Test func aLeechCanBeSuspendedRightAfterTheAnswerThatMadeIt() throws {
        let fixture = try StudyFixture()
        let id = try history(fixture, "A1", lapses: 7)
        let session = try fixture.session(limit: 1)
        guard case .card = try session.next() else { Issue.record("no card"); return }
        #expect(try session.answer(Rating.again.quality).becameLeech)
        // The answered card would come back today; suspended, it does not.
        #expect(session.remaining == 1)
        try session.suspend(id)
        #expect(session.remaining == 0)
        #expect(try session.undo() == id)  // the suspend
        #expect(session.remaining == 1)
        #expect(try fixture.store.marks(of: id) == CardMarks())
        #expect(try fixture.store.state(of: id)?.lapses == 8)
    }

    // MARK: Flag

    @Test func flagTogglesAndKeepsTheCardOnScreen() throws {
        let fixture = try StudyFixture()
        let session = try fixture.session(limit: 2)
        let (output, messages) = try lineReview(session, ["!", "good", "!", "flag", "easy"])
        #expect(output.count == 2)  // a flag does not move on
        #expect(messages.filter { $0.hasPrefix("flagged") }.count == 2)
        #expect(messages.filter { $0.hasPrefix("unflagged") }.count == 1)
        #expect(try fixture.store.cards(marked: .flagged) == [try fixture.cardID("A1")])
        #expect(try fixture.store.reviewCount() == 2)
        // The flag is shown with the card next time.
        fixture.clock.now += 400 * 86_400
        let later = try fixture.session()
        guard case .card(let presented) = try later.next() else { Issue.record("no card"); return }
        #expect(presented.card.term == "A1" && presented.flagged)
    }

    @Test(arguments: [("!", LineReview.Command.flag), ("flag", .flag), ("@", .suspend), ("Suspend", .suspend)])
    func parsesFlagAndSuspend(line: String, command: LineReview.Command) {
        #expect(LineReview.parse(line) == command)
    }
}
