import Study
import Deck
import Store
import Timekeeping

/// A timed drill in progress, shared by the fronts: the clock (continuing a resumed
/// drill's time), a warning each time the schedule passes a phase boundary, moving on,
/// scoring, and saving after every step so Ctrl-C or a closed terminal loses at most
/// the time spent in the current phase.
public final class DrillSession {
    public struct Warning: Sendable, Equatable {
        /// 1-based: 1 is the end of the first phase; the last one means time is up.
        public let boundary: Int
        public let at: Int64
        public let text: String
    }

    public let exercise: DrillExercise
    public let plan: DrillPlan
    public private(set) var record: DrillResultRecord
    /// This run continues a drill saved earlier.
    public let resumed: Bool

    let store: StudyStore
    let clock: SessionClock
    private var runStartMilliseconds: Int64
    private var elapsedAtRunStart: Int64
    private var warned: Int

    /// Starts a new drill of `minutes`, or continues `resuming` (its own length wins).
    public init(exercise: DrillExercise, minutes: Int, resuming: DrillResultRecord?, store: StudyStore,
                clock: SessionClock, identifiers: IdentifierSource) throws {
        self.exercise = exercise
        self.store = store
        self.clock = clock
        let now = clock.now
        if let resuming {
            record = resuming
            resumed = true
        } else {
            record = DrillResultRecord(id: identifiers.makeIdentifier(), cardID: exercise.card.id, name: exercise.name,
                                       minutes: minutes, startedAt: now, updatedAt: now, phase: 0, elapsedSeconds: 0,
                                       phaseScores: [], total: nil, status: .inProgress)
            resumed = false
        }
        plan = DrillPlan(minutes: record.minutes, talkingPoints: exercise.talkingPoints)
        runStartMilliseconds = clock.monotonicMilliseconds()
        elapsedAtRunStart = record.elapsedSeconds
        // A resumed drill does not repeat the warnings it already gave.
        warned = plan.boundariesPassed(at: record.elapsedSeconds)
        try store.saveDrill(record)
    }

    /// Seconds of drill time so far; the clock stops once the phases are done.
    public var elapsedSeconds: Int64 {
        guard !isScoring else { return record.elapsedSeconds }
        return elapsedAtRunStart + max(0, clock.monotonicMilliseconds() - runStartMilliseconds) / 1000
    }

    /// The phase being worked on (nil once scoring has begun).
    public var currentPhase: DrillPhase? {
        record.phase < plan.phases.count ? plan.phases[record.phase] : nil
    }

    public var phaseIndex: Int { record.phase }
    public var isScoring: Bool { record.phase >= plan.phases.count && record.status == .inProgress }
    public var isFinished: Bool { record.status == .finished }

    /// Boundaries the clock passed since the last call, each once, in order.
    public func takeWarnings() -> [Warning] {
        guard !isScoring, !isFinished else { return [] }
        let passed = plan.boundariesPassed(at: elapsedSeconds)
        guard passed > warned else { return [] }
        let warnings = ((warned + 1)...passed).map { boundary -> Warning in
            let at = plan.phases[boundary - 1].end
            let text = boundary < plan.phases.count
                ? "\(DrillPlan.clockText(at)): time for \(plan.phases[boundary].part.phrase)"
                : "\(DrillPlan.clockText(at)): time is up; wrap up and score yourself"
            return Warning(boundary: boundary, at: at, text: text)
        }
        warned = passed
        return warnings
    }

    /// Seconds the current phase has run past its scheduled end (0 when on time).
    public var overtime: Int64 {
        guard let phase = currentPhase else { return 0 }
        return max(0, elapsedSeconds - phase.end)
    }

    /// Ends the current phase (early or late) and saves.
    public func finishPhase() throws {
        guard record.phase < plan.phases.count else { return }
        record.elapsedSeconds = elapsedSeconds
        record.phase += 1
        try persist()
    }

    /// Saves the time spent so far without moving on (Ctrl-C, quitting mid-phase).
    public func save() throws {
        if !isScoring && !isFinished { record.elapsedSeconds = elapsedSeconds }
        try persist()
    }

    /// The part to score next, once the phases are done.
    public var nextScorePart: DrillPart? {
        guard isScoring, record.phaseScores.count < DrillScoring.parts.count else { return nil }
        return DrillScoring.parts[record.phaseScores.count]
    }

    /// Records a 0-3 score for `nextScorePart`; the last one finishes the drill with its
    /// weighted total.
    public func score(_ value: Int) throws {
        guard nextScorePart != nil, DrillScoring.scale.contains(value) else {
            throw StoreError.inconsistent("no drill part is waiting for a score of \(value)")
        }
        record.phaseScores.append(value)
        if record.phaseScores.count == DrillScoring.parts.count {
            record.total = DrillScoring.total(record.phaseScores)
            record.status = .finished
        }
        try persist()
    }

    /// Marks the drill abandoned (the user started over instead of resuming it).
    public static func abandon(_ drill: DrillResultRecord, store: StudyStore, at time: UnixTime) throws {
        var copy = drill
        copy.status = .abandoned
        copy.updatedAt = time
        try store.saveDrill(copy)
    }

    private func persist() throws {
        record.updatedAt = clock.now
        try store.saveDrill(record)
    }
}
