import Scheduling
import SeededRandom
import Store
@testable import Review
import Study
import Testing

/// Undo takes the session's queue back through a log of changes instead of a copy of the
/// queue per step. Undoing every step of a mixed session (answers, repeats, skips,
/// suspends, undos, cards put back, cards waiting for their learning step) must leave a
/// session that goes on exactly as a fresh one would.
@Suite struct UndoRewindTests {
    /// Every card shown answering Good from here on, with its place, and the summary.
    static func rest(of session: ReviewSession, clock: FakeClock) throws -> [String] {
        var lines: [String] = []
        for _ in 0..<400 {
            switch try session.next() {
            case .finished: return lines + ["finished", Self.summary(session.summary)]
            case .waiting(let until, let remaining):
                lines.append("waiting \(until) \(remaining)")
                clock.now = until
            case .card(let shown):
                lines.append("card \(shown.card.id) \(shown.state.phase) \(shown.position)/\(shown.total)")
                clock.now += 20
                _ = try session.answer(Quality(rawValue: 4)!)
            }
        }
        return lines + [Self.summary(session.summary)]
    }

    static func summary(_ summary: SessionSummary) -> String {
        "summary \(summary.reviewed) \(summary.cards.sorted()) \(summary.again) \(summary.newCards) \(summary.skipped) \(summary.suspended)"
    }

    /// The seeded SM-2 history of `LazySessionTests` (reviews, repeats, buried siblings), or
    /// new cards under FSRS with short learning steps, ten of them answered a minute before
    /// so the session starts with cards waiting for their step's time.
    static func fixture(fsrs: Bool) throws -> StudyFixture {
        guard fsrs else { return try LazySessionTests.seededFixture() }
        let fixture = try StudyFixture(deck: LazySessionTests.deck, now: LazySessionTests.firstMorning, includeDerived: true)
        let earlier = try session(fixture, fsrs: true)
        for _ in 0..<10 {
            guard case .card = try earlier.next() else { break }
            _ = try earlier.answer(Quality(rawValue: 4)!)
            fixture.clock.now += 5
        }
        fixture.clock.now += 60
        return fixture
    }

    static let fsrsConfiguration: StudyConfiguration = {
        var configuration = StudyConfiguration.defaults
        configuration.scheduler.kind = .fsrs
        configuration.scheduler.fsrs.learningSteps = [60, 600]
        configuration.limits.newPerDay = 40
        return configuration
    }()

    static func session(_ fixture: StudyFixture, fsrs: Bool) throws -> ReviewSession {
        if fsrs { return try fixture.session(fsrsConfiguration) }
        let configuration = LazySessionTests.configuration
        let today = try TodayQueue.build(store: fixture.store, configuration: configuration, calendar: fixture.utcCalendar,
                                         now: fixture.clock.now, loadingCards: false)
        return ReviewSession(store: fixture.store, scheduler: configuration.scheduler.makeScheduler(), today: today,
                             clock: fixture.clock, identifiers: fixture.identifiers, leech: LeechRule(lapses: 3))
    }

    @Test(arguments: [(0x51_0001, false), (0x51_0002, false), (0x51_0003, true), (0x51_0004, true)] as [(UInt64, Bool)])
    func undoingEveryStepLeavesTheSessionAsItStarted(seed: UInt64, fsrs: Bool) throws {
        let fresh = try Self.fixture(fsrs: fsrs)
        let start = fresh.clock.now
        let expected = try Self.rest(of: try Self.session(fresh, fsrs: fsrs), clock: fresh.clock)
        #expect(expected.filter { $0.hasPrefix("card ") }.count > 40)

        let fixture = try Self.fixture(fsrs: fsrs)
        let session = try Self.session(fixture, fsrs: fsrs)
        var random = SplitMix64(seed: seed)
        var kinds = Set<String>()
        for _ in 0..<120 {
            let step = try session.next()
            if case .waiting(let until, _) = step { fixture.clock.now = until; continue }
            guard case .card(let shown) = step else { break }
            fixture.clock.now += 20
            if shown.state.phase == .learning, fsrs { kinds.insert("learning") }
            switch random.next() % 10 {
            case 0: try session.skip(); kinds.insert("skip")
            case 1: try session.suspend(shown.card.id); kinds.insert("suspend")
            case 2: session.putBackCurrent(); _ = try session.undo(); kinds.insert("undo")
            default:
                let outcome = try session.answer(Quality(rawValue: [1, 1, 3, 4, 5][Int(random.next() % 5)])!)
                if outcome.repeatsToday { kinds.insert("repeat") }
            }
        }
        #expect(kinds.isSuperset(of: ["skip", "suspend", "undo", "repeat"]) && kinds.contains("learning") == fsrs)
        session.putBackCurrent()
        while session.canUndo { _ = try session.undo() }
        #expect(session.summary.reviewed == 0 && session.summary.cards.isEmpty && session.summary.skipped == 0)
        fixture.clock.now = start
        #expect(try Self.rest(of: session, clock: fixture.clock) == expected)
    }
}
