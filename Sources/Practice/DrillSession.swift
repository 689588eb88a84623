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
    /// Notes typed so far, per phase and per probe (saved in `record.notesJSON`).
    public private(set) var notes: [DrillNote]
    /// Cards the last score sent back to today's review (see `sendWeakTopicsBack`).
    public private(set) var requeued = 0
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
        notes = DrillNote.decode(record.notesJSON)
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

    /// Ends the current phase (early or late), keeping its note when there is one, and saves.
    public func finishPhase(note: String? = nil) throws {
        guard let phase = currentPhase else { return }
        if let note, !note.trimmingCharacters(in: " ").isEmpty { notes.append(DrillNote(part: phase.part, text: note)) }
        record.elapsedSeconds = elapsedSeconds
        record.phase += 1
        try persist()
    }

    // MARK: Probes

    /// The rubric's deep-dive questions (none without a rubric).
    public var probes: [DrillRubric.Probe] { exercise.rubric?.probes ?? [] }

    /// Probes answered (or passed) so far; a resumed drill goes on with the next.
    public var probesAnswered: Int { notes.filter { $0.probe != nil }.count }

    /// The probe waiting for its note: in the deep-dive phase, one at a time.
    public var currentProbe: (number: Int, probe: DrillRubric.Probe)? {
        guard currentPhase?.part == .deepDives, probesAnswered < probes.count else { return nil }
        return (probesAnswered + 1, probes[probesAnswered])
    }

    /// Keeps the note for the current probe (empty: passed) and moves to the next; the
    /// last one's note ends the deep-dive phase when `endingPhase` (line mode; a terminal
    /// leaves that to its own key).
    public func answerProbe(_ note: String, endingPhase: Bool = true) throws {
        guard let (number, _) = currentProbe else { return }
        notes.append(DrillNote(part: .deepDives, probe: number, text: note.trimmingCharacters(in: " ")))
        if currentProbe == nil && endingPhase {
            try finishPhase()
        } else {
            record.elapsedSeconds = elapsedSeconds
            try persist()
        }
    }

    /// Keeps a note for the current phase at once (the terminal's `w` outside the deep
    /// dive's probes), so quitting mid-phase does not lose it; empty notes are not kept.
    public func addNote(_ note: String) throws {
        guard let phase = currentPhase else { return }
        let text = note.trimmingCharacters(in: " ")
        guard !text.isEmpty else { return }
        notes.append(DrillNote(part: phase.part, text: text))
        record.elapsedSeconds = elapsedSeconds
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

    /// Records a 0-3 score for `nextScorePart`. With `finishing`, the last one finishes the
    /// drill with its weighted total; without, the scores wait for `finishScoring` and
    /// can still be corrected (`unscore`), as the terminal does before its summary.
    public func score(_ value: Int, finishing: Bool = true) throws {
        guard nextScorePart != nil, DrillScoring.scale.contains(value) else {
            throw StoreError.inconsistent("no drill part is waiting for a score of \(value)")
        }
        record.phaseScores.append(value)
        if finishing && allScored {
            try finishScoring()
            return
        }
        try persist()
    }

    /// Every part has its score and the drill is not finished yet: the scores can be
    /// corrected or saved as the result (`finishScoring`).
    public var allScored: Bool {
        isScoring && record.phaseScores.count == DrillScoring.parts.count
    }

    /// Takes back the last score given (to correct it before the summary); false when
    /// there is none, or the drill is finished already.
    @discardableResult
    public func unscore() throws -> Bool {
        guard isScoring, !record.phaseScores.isEmpty else { return false }
        record.phaseScores.removeLast()
        try persist()
        return true
    }

    /// Finishes a drill whose parts are all scored: its weighted total, and the weak
    /// topics sent back to review.
    public func finishScoring() throws {
        guard allScored else { throw StoreError.inconsistent("the drill has parts without a score") }
        record.total = DrillScoring.total(record.phaseScores)
        record.status = .finished
        try sendWeakTopicsBack()
        try persist()
    }

    /// The most cards one drill sends back, so a weak drill does not bury the review.
    public static let requeueLimit = 20

    /// A part scored 0 or 1 sends the cards of the probes' topics (`(see 9.2)` in the
    /// rubric) of the exercise's deck to today's review, in deck order, up to `requeueLimit`.
    func sendWeakTopicsBack() throws {
        let topics = probes.flatMap(\.topics).map(SectionFilter.init)
        guard !topics.isEmpty, record.phaseScores.contains(where: { $0 <= 1 }) else { return }
        // The deck's cards one at a time, keeping the first few IDs: every active card with
        // its text, held to pick twenty, took 200 MB on 190k cards.
        var picked: [CardID] = []
        try store.forEachCard(decks: DeckScope([exercise.card.deck])) { stored in
            let card = stored.card
            guard picked.count < Self.requeueLimit, card.kind != .drill, topics.contains(where: { $0.matches(card) }) else { return }
            picked.append(card.id)
        }
        let now = clock.now
        for id in picked { try store.requeue(id, at: now) }
        requeued = picked.count
    }

    // MARK: Reference outline

    /// The rubric's reference outline, shown after scoring.
    public var reference: [String] { exercise.rubric?.reference ?? [] }

    /// Scored, with a reference outline whose covered points are not marked yet.
    public var awaitingCoverage: Bool {
        isFinished && !reference.isEmpty && record.referenceCovered == nil
    }

    /// Records which points of the reference (1-based) the learner covered.
    public func cover(_ points: Set<Int>) throws {
        guard isFinished, !reference.isEmpty, points.allSatisfy({ (1...reference.count).contains($0) }) else {
            throw StoreError.inconsistent("no reference point waits to be marked (\(points.sorted()))")
        }
        record.referenceCovered = points.count
        record.referencePoints = reference.count
        try persist()
    }

    /// Covered points over all of them, once marked.
    public var coverage: Double? {
        guard let covered = record.referenceCovered, let points = record.referencePoints, points > 0 else { return nil }
        return Double(covered) / Double(points)
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
        record.notesJSON = DrillNote.encode(notes)
        try store.saveDrill(record)
    }
}
