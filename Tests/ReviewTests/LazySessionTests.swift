import Deck
import JSONText
import Scheduling
import SeededRandom
import Store
@testable import Review
import Study
import Testing
import Timekeeping

/// Issue 18: `sysdrill review` starts from the queue's IDs and counts
/// (`TodayQueue.build(loadingCards: false)`) and reads each card as it shows it. The old
/// start read every queued card first. Both starts are run here on the same seeded
/// history (due reviews, learning cards failed that morning, new cards, siblings buried
/// by today's reviews, flags) with the same scripted answers, skips, undos and suspends:
/// every card shown, every outcome, the summary and the end report must be the same.
@Suite struct LazySessionTests {
    /// Four sections of twelve definitions; each gives a reverse card, a sibling of it.
    static let deck: String = (1...4).map { section in
        "# \(section). Part \(section)\n\n" + (1...12).map { index in
            let name = ["Raft", "Paxos", "Gossip", "Quorum", "Sharding", "Leases", "Fencing", "Hinting", "Merkle", "Vnodes",
                        "Backoff", "Jitter"][index - 1]
            return "- \(name)\(section): the protocol number \(index) of part \(section), used when replicas disagree.\n"
        }.joined() + "\n"
    }.joined()

    static let firstMorning: Int64 = 1_764_061_200  // 2025-11-25T09:00:00Z

    static var configuration: StudyConfiguration {
        var configuration = StudyConfiguration.defaults
        configuration.limits.newPerDay = 8
        configuration.limits.reviewsPerDay = 60
        return configuration
    }

    /// Eight days of seeded answers, a flag on some cards, then, on the morning under test,
    /// a few cards failed an hour before (learning, due now or soon): the same history
    /// every time it is called.
    static func seededFixture() throws -> StudyFixture {
        let fixture = try StudyFixture(deck: deck, now: firstMorning, includeDerived: true)
        var random = SplitMix64(seed: 0x18_2026)
        for day in 0..<8 {
            fixture.clock.now = firstMorning + Int64(day) * 86_400
            let session = try fixture.session(configuration)
            var answers = 0
            while answers < 25, try session.nextTerm() != nil {
                let roll = random.next() % 10
                _ = try session.answer(roll < 2 ? Quality(rawValue: 1)! : roll < 3 ? Quality(rawValue: 3)! : Quality(rawValue: 4)!)
                answers += 1
            }
        }
        let reviewed = try fixture.store.allStates().keys.sorted()
        for id in reviewed.enumerated().filter({ $0.offset % 5 == 0 }).map(\.element) {
            _ = try fixture.store.setMark(.flagged, true, on: id, at: fixture.clock.now)
        }
        // The morning under test: some reviewed cards failed an hour ago.
        fixture.clock.now = firstMorning + 14 * 86_400
        for id in reviewed.enumerated().filter({ $0.offset % 7 == 3 }).map(\.element) {
            try ProgressReview.answer(fixture.store, id, at: fixture.clock.now - 3_600, grade: 1)
        }
        return fixture
    }

    /// Everything a session showed and did, as text lines, with its summary and end report.
    static func transcript(lazy: Bool, section: String? = nil, limit: Int? = nil) throws -> [String] {
        let fixture = try seededFixture()
        let options = TodayQueue.Options(section: section.map(SectionFilter.init))
        let today = try TodayQueue.build(store: fixture.store, configuration: configuration, calendar: fixture.utcCalendar,
                                         now: fixture.clock.now, options: options, loadingCards: !lazy)
        #expect(today.cards.isEmpty == lazy)
        let session = ReviewSession(store: fixture.store, scheduler: configuration.scheduler.makeScheduler(), today: today,
                                    clock: fixture.clock, identifiers: fixture.identifiers, limit: limit,
                                    leech: LeechRule(lapses: 3))
        var random = SplitMix64(seed: 0x18_0001)
        var lines = ["counts \(today.queue.newCount) \(today.queue.learningCount) \(today.queue.reviewCount)"]
        steps: for _ in 0..<300 {
            switch try session.next() {
            case .finished:
                lines.append("finished")
                break steps
            case .waiting(let until, let remaining):
                lines.append("waiting \(until) \(remaining)")
                fixture.clock.now = until
            case .card(let shown):
                let state = shown.state
                lines.append("card \(shown.card.id) \(shown.card.kind) \(state.phase) due \(state.due) reps \(state.reps) "
                             + "lapses \(state.lapses) \(shown.position)/\(shown.total) flagged \(shown.flagged) leech \(shown.leech)")
                fixture.clock.now += 20
                switch random.next() % 24 {
                case 0:
                    try session.skip()
                    lines.append("skip")
                case 1:
                    session.putBackCurrent()
                    lines.append("undo \(try session.undo()?.rawValue ?? "nothing")")
                case 2:
                    try session.suspend(shown.card.id)
                    lines.append("suspend")
                case 3:
                    lines.append("flag \(try session.toggleFlag(shown.card.id))")
                    fallthrough
                default:
                    let grade = Quality(rawValue: [1, 1, 3, 4, 4, 4, 5][Int(random.next() % 7)])!
                    let outcome = try session.answer(grade)
                    lines.append("answer \(grade.rawValue) -> \(outcome.after.phase) due \(outcome.after.due) "
                                 + "repeats \(outcome.repeatsToday) leech \(outcome.becameLeech)")
                }
            }
        }
        let summary = session.summary
        lines.append("summary \(summary.reviewed) \(summary.cards.sorted()) \(summary.again) \(summary.newCards) "
                     + "\(summary.skipped) \(summary.suspended) \(summary.undone) \(summary.milliseconds)")
        let report = try SessionReport.make(summary: summary, store: fixture.store, configuration: configuration,
                                            calendar: fixture.utcCalendar, now: fixture.clock.now)
        lines.append(JSONValue.object(report.json).serialized())
        // The text's report leaves out the next day, which the text does not show.
        let textReport = try SessionReport.make(summary: summary, store: fixture.store, configuration: configuration,
                                                calendar: fixture.utcCalendar, now: fixture.clock.now, withNextDay: false)
        #expect(textReport.nextDay == nil && report.nextDay != nil)
        #expect(textReport.text(now: fixture.clock.now) == report.text(now: fixture.clock.now))
        lines.append(report.text(now: fixture.clock.now))
        return lines
    }

    @Test func theLazyStartShowsWhatTheFullStartShowed() throws {
        let full = try Self.transcript(lazy: false)
        let lazy = try Self.transcript(lazy: true)
        #expect(lazy == full)
        // The history holds what the comparison is about.
        let shown = full.filter { $0.hasPrefix("card ") }
        #expect(shown.count > 40)
        for phase in ["new", "review", "relearning"] {
            #expect(shown.contains { $0.contains(" \(phase) due ") }, "no \(phase) card shown")
        }
        // SM-2's failed new cards and the extra loop: learning again today.
        #expect(full.contains { $0.hasPrefix("answer ") && $0.contains("-> learning") })
        #expect(shown.contains { $0.contains(" reverse ") }, "no reverse card shown")
        #expect(full.contains { $0.hasPrefix("skip") } && full.contains { $0.hasPrefix("undo ") }
                && full.contains { $0.hasPrefix("suspend") } && full.contains { $0.contains("repeats true") })
        #expect(shown.contains { $0.contains("flagged true") })
    }

    @Test func siblingsOfTodaysCardsAreLeftOutOfTheQueue() throws {
        // The seeded morning buries siblings: some reviewed card due today is left out
        // because a card of its family is in the queue or was reviewed today.
        let fixture = try Self.seededFixture()
        let day = fixture.utcCalendar.day(containing: fixture.clock.now)
        let due = try fixture.store.dueRows(before: day.end, now: fixture.clock.now).map(\.id.rawValue)
        let today = try TodayQueue.build(store: fixture.store, configuration: Self.configuration, calendar: fixture.utcCalendar,
                                         now: fixture.clock.now, loadingCards: false)
        let queued = Set(today.queue.cardIDs + today.queue.laterToday.map(\.id))
        // Not the day's review limit: it is not reached.
        #expect(today.queue.reviewCount < Self.configuration.limits.reviewsPerDay)
        #expect(due.contains { !queued.contains($0) })
    }

    @Test func aSectionAndALimitGiveTheSameSessionBothWays() throws {
        #expect(try Self.transcript(lazy: true, section: "2") == Self.transcript(lazy: false, section: "2"))
        #expect(try Self.transcript(lazy: true, limit: 7) == Self.transcript(lazy: false, limit: 7))
    }

    @Test func theLazyStartReadsOnlyTheCardsItShows() throws {
        let fixture = try Self.seededFixture()
        let today = try TodayQueue.build(store: fixture.store, configuration: Self.configuration, calendar: fixture.utcCalendar,
                                         now: fixture.clock.now, loadingCards: false)
        #expect(today.cards.isEmpty && today.states.isEmpty && today.total > ReviewSession.readAhead)
        let session = ReviewSession(store: fixture.store, scheduler: Self.configuration.scheduler.makeScheduler(), today: today,
                                    clock: fixture.clock, identifiers: fixture.identifiers)
        _ = try session.next()
        #expect(session.cardsRead == ReviewSession.readAhead)
    }

    /// An answered card's text is let go (a session of 30,000 answers kept them all: 102 MiB)
    /// and read again when the card comes back the same day.
    @Test func answeredCardsAreLetGoAndReadAgainWhenTheyComeBack() throws {
        let fixture = try Self.seededFixture()
        let today = try TodayQueue.build(store: fixture.store, configuration: Self.configuration, calendar: fixture.utcCalendar,
                                         now: fixture.clock.now, loadingCards: false)
        let session = ReviewSession(store: fixture.store, scheduler: Self.configuration.scheduler.makeScheduler(), today: today,
                                    clock: fixture.clock, identifiers: fixture.identifiers)
        var fronts: [CardID: String] = [:]
        var cameBack = 0
        for _ in 0..<(3 * today.total) where cameBack < 5 {
            guard case .card(let shown) = try session.next() else { break }
            if let front = fronts[shown.card.id] {
                #expect(front == shown.card.front)
                cameBack += 1
            }
            fronts[shown.card.id] = shown.card.front
            _ = try session.answer(Quality(rawValue: 1)!)  // SM-2: again, repeated today
            #expect(session.cardsRead <= ReviewSession.readAhead)
        }
        #expect(cameBack == 5)
    }
}
