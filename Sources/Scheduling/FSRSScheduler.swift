import Timekeeping

// FSRS-6 exactly as py-fsrs 6.3.2 schedules with fuzz off (verified by the vectors in
// Tests/SchedulingTests/Vectors). The memory update (FSRSModel) depends only on how long
// ago the last review was; the phase machine below decides where the card goes next:
//
// - learning / relearning walk through their steps (Again: back to step 0; Hard: stay, the
//   first step lengthened towards the second; Good: next step or graduate; Easy: graduate);
// - review stays in review, except Again with relearning steps configured.
//
// A card whose step index is past the configured steps (the steps were shortened since)
// graduates on any passing grade, like the reference.

/// The FSRS-6 scheduler.
public struct FSRSScheduler: Scheduler {
    public var kind: SchedulerKind { .fsrs }

    public let parameters: FSRSParameters
    /// Whether due dates of review intervals of 3 days and more are spread by `IntervalFuzz`.
    public let fuzz: Bool
    /// The local days review intervals and elapsed days are counted in.
    public let calendar: DueCalendar
    private let model: FSRSModel

    /// `parameters` must be valid (`parameters.validate()` empty): settings are checked
    /// where they are read, with messages for the user, not here.
    public init(parameters: FSRSParameters = .defaults, fuzz: Bool = true, calendar: DueCalendar = .utc) {
        let problems = parameters.validate()
        precondition(problems.isEmpty, "invalid FSRS parameters: \(problems.joined(separator: "; "))")
        self.parameters = parameters
        self.fuzz = fuzz
        self.calendar = calendar
        self.model = FSRSModel(parameters)
    }

    /// The forgetting curve's exponent (-w20).
    public var decay: Double { model.decay }
    /// The forgetting curve's scale, 0.9^(1/decay) - 1.
    public var factor: Double { model.factor }

    /// Probability of recall after `elapsedDays` whole days for a memory of `stability`.
    public func retrievability(elapsedDays: Int64, stability: Double) -> Double {
        model.retrievability(elapsedDays: elapsedDays, stability: stability)
    }

    /// Probability of recall at `time`, counting whole days since the last review;
    /// nil for a card FSRS has not seen.
    public func retrievability(of state: CardState, at time: UnixTime) -> Double? {
        guard let memory = state.fsrs, let lastReview = state.lastReview else { return nil }
        return model.retrievability(elapsedDays: calendar.elapsedDays(from: lastReview, to: time), stability: memory.stability)
    }

    public func next(_ state: CardState, review: ReviewEvent, fuzzSeed: UInt64) -> CardState {
        let rating = review.quality.rating
        let now = review.at
        let (stability, difficulty) = updatedMemory(state, rating: rating, at: now)
        let previousPhase = state.fsrs?.phase ?? .learning
        let move = nextMove(from: previousPhase, step: state.fsrs?.step ?? 0, rating: rating)

        let phase: Phase
        let step: Int?
        let due: UnixTime
        var intervalDays = 0
        switch move {
        case .step(let stepPhase, let index, let seconds):
            phase = stepPhase
            step = index
            due = now.adding(seconds: seconds)
        case .review:
            phase = .review
            step = nil
            intervalDays = model.intervalDays(stability: stability)
            let shownDays = fuzz
                ? IntervalFuzz.fuzzed(days: intervalDays, maximumDays: parameters.maximumIntervalDays, seed: fuzzSeed)
                : intervalDays
            due = calendar.adding(days: shownDays, to: now)
        }

        return CardState(
            phase: phase,
            due: due,
            reps: state.reps + 1,
            lapses: state.lapses + (previousPhase == .review && rating == .again ? 1 : 0),
            lastReview: now,
            intervalDays: intervalDays,
            sm2: nil,
            fsrs: FSRSMemory(phase: phase, step: step, stability: stability, difficulty: difficulty)
        )
    }

    /// New S and D. S uses the old D and the R at review time; D then moves on its own.
    private func updatedMemory(_ state: CardState, rating: Rating, at now: UnixTime) -> (Double, Double) {
        guard let memory = state.fsrs else {
            return (model.initialStability(rating), model.initialDifficulty(rating, clamped: true))
        }
        let elapsedDays = state.lastReview.map { calendar.elapsedDays(from: $0, to: now) }
        let stability: Double
        if let elapsedDays, elapsedDays < 1 {
            stability = model.shortTermStability(memory.stability, rating)
        } else {
            // No last review (only possible for hand-made states) means R = 0, as in py-fsrs.
            let recall = elapsedDays.map { model.retrievability(elapsedDays: $0, stability: memory.stability) } ?? 0
            stability = model.longTermStability(difficulty: memory.difficulty, stability: memory.stability,
                                                retrievability: recall, rating: rating)
        }
        return (stability, model.nextDifficulty(memory.difficulty, rating))
    }

    private enum Move {
        /// Stay in (re)learning at step `index`, due again after `seconds`.
        case step(Phase, index: Int, seconds: Int64)
        /// Graduate to (or stay in) review with an interval from S.
        case review
    }

    private func nextMove(from phase: Phase, step: Int, rating: Rating) -> Move {
        switch phase {
        case .new, .learning:
            return stepMove(in: .learning, steps: parameters.learningSteps, step: step, rating: rating)
        case .relearning:
            return stepMove(in: .relearning, steps: parameters.relearningSteps, step: step, rating: rating)
        case .review:
            guard rating == .again, let first = parameters.relearningSteps.first else { return .review }
            return .step(.relearning, index: 0, seconds: first)
        }
    }

    private func stepMove(in phase: Phase, steps: [Int64], step rawStep: Int, rating: Rating) -> Move {
        let step = max(0, rawStep)
        if steps.isEmpty || (step >= steps.count && rating != .again) {
            return .review
        }
        switch rating {
        case .again:
            return .step(phase, index: 0, seconds: steps[0])
        case .hard:
            // Whole seconds, rounded down (py-fsrs keeps microseconds; equal for even sums).
            if step == 0 {
                let seconds = steps.count == 1 ? steps[0] * 3 / 2 : (steps[0] + steps[1]) / 2
                return .step(phase, index: 0, seconds: seconds)
            }
            return .step(phase, index: step, seconds: steps[step])
        case .good:
            guard step + 1 < steps.count else { return .review }
            return .step(phase, index: step + 1, seconds: steps[step + 1])
        case .easy:
            return .review
        }
    }
}
