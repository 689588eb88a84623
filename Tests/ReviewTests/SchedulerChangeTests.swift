import Deck
import Scheduling
import Store
@testable import Review
import Study
import Testing

/// Issue 17: a session that began with SM-2 goes on writing what a replay gives after
/// another terminal switched the scheduler to FSRS (every write reads the scheduler in its
/// transaction), so `check` still finds every state equal to the replay.
@Suite struct SchedulerChangeTests {
    @Test func aSessionWritesWithTheSchedulerInForceWhenItAnswers() throws {
        let fixture = try StudyFixture()
        let session = try fixture.session()
        _ = try session.nextTerm()
        _ = try session.answer(Quality(rawValue: 4)!)

        // Another terminal: `config set scheduler fsrs` (the setting, then the replay).
        try fixture.store.setSetting(ConfigKey.scheduler.rawValue, SchedulerKind.fsrs.rawValue)
        let fsrs = try StudyConfiguration.load(from: fixture.store).scheduler.makeScheduler()
        try StateRebuilder(store: fixture.store, scheduler: fsrs).rebuild()

        fixture.clock.now += 60
        _ = try session.nextTerm()
        _ = try session.answer(Quality(rawValue: 3)!)
        _ = try session.undo()
        _ = try session.nextTerm()
        _ = try session.answer(Quality(rawValue: 5)!)
        let mismatches = try StateRebuilder(store: fixture.store, scheduler: fsrs).mismatches()
        #expect(mismatches.isEmpty, "states that are not the FSRS replay: \(mismatches.map(\.id))")
    }

    /// The session keeps the scheduler it read while the settings stay as they were; a
    /// switch committed by another connection (another terminal's `config set`) is seen at
    /// the next answer.
    @Test func aSwitchCommittedByAnotherConnectionIsSeenAtTheNextAnswer() throws {
        let fixture = try StudyFixture()
        let session = try fixture.session()
        for _ in 0..<2 {
            _ = try session.nextTerm()
            _ = try session.answer(Quality(rawValue: 4)!)
        }
        let other = try StudyStore.open(path: fixture.store.path)
        try other.setSetting(ConfigKey.scheduler.rawValue, SchedulerKind.fsrs.rawValue)
        let fsrs = try StudyConfiguration.load(from: other).scheduler.makeScheduler()
        try StateRebuilder(store: other, scheduler: fsrs).rebuild()

        fixture.clock.now += 60
        for _ in 0..<2 {
            _ = try session.nextTerm()
            _ = try session.answer(Quality(rawValue: 3)!)
        }
        let mismatches = try StateRebuilder(store: other, scheduler: fsrs).mismatches()
        #expect(mismatches.isEmpty, "states that are not the FSRS replay: \(mismatches.map(\.id))")
    }
}
