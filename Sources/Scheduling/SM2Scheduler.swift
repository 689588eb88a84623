import Timekeeping

// SM-2 as the `sm-2` 0.3.0 package reads the SuperMemo text, so our states match its
// published vectors exactly (Tests/SchedulingTests/Vectors/sm2_pkg_sm2.json):
//
// - A pass (q >= 3) updates EF first, then I from the new EF: 1, 6, then ceil(I * EF').
// - q == 3 is a pass that also enters the same-day "extra" loop (SuperMemo: repeat items
//   scored below four until they score at least four). Inside the loop nothing is learned
//   from further grades, including failures; the loop ends at the first q >= 4.
// - A fail (q < 3) resets n and I, keeps EF and leaves the card due now.
//
// Where sysdrill differs from the package, on purpose:
// - The due date is always counted from the review that set it: review time + I days
//   (local days: `DueCalendar`),
//   including the review that leaves the extra loop (the package keeps counting from the
//   q == 3 review, and from the previous due date on late reviews).
// - Inside the extra loop the card is due at the review time (the package leaves the old
//   due date), so a session re-queues it behind cards that have waited longer.
// - Intervals are capped at `maximumIntervalDays` (default far beyond any real use) so
//   that I * EF can never overflow.

/// The classic SuperMemo SM-2 scheduler.
public struct SM2Scheduler: Scheduler {
    public var kind: SchedulerKind { .sm2 }

    /// Whether due dates of intervals of 3 days and more are spread by `IntervalFuzz`.
    public let fuzz: Bool
    /// Upper bound of I. SM-2 itself has none; the default (about 2,700 years) exists only
    /// to keep the arithmetic finite and never changes a real schedule.
    public let maximumIntervalDays: Int
    /// The local days a whole-day interval is counted in.
    public let calendar: DueCalendar

    public static let defaultMaximumIntervalDays = 1_000_000
    static let easinessFloor = 1.3

    public init(fuzz: Bool = true, maximumIntervalDays: Int = SM2Scheduler.defaultMaximumIntervalDays,
                calendar: DueCalendar = .utc) {
        precondition(maximumIntervalDays >= 1, "SM-2 maximum interval must be at least 1 day")
        self.fuzz = fuzz
        self.maximumIntervalDays = maximumIntervalDays
        self.calendar = calendar
    }

    public func next(_ state: CardState, review: ReviewEvent, fuzzSeed: UInt64) -> CardState {
        let quality = review.quality.rawValue
        let now = review.at
        // A card that never had SM-2 memory starts from SM-2's new-card values.
        var memory = state.sm2 ?? SM2Memory()
        var lapses = state.lapses
        let due: UnixTime

        if memory.inExtraLoop {
            if quality >= 4 {
                memory.inExtraLoop = false
                due = dueDate(after: memory.intervalDays, from: now, seed: fuzzSeed)
            } else {
                due = now
            }
        } else if review.quality.passes {
            memory.ef = max(Self.easinessFloor, memory.ef + (0.1 - Double(5 - quality) * (0.08 + Double(5 - quality) * 0.02)))
            memory.intervalDays = nextInterval(repetitions: memory.n, lastInterval: memory.intervalDays, easiness: memory.ef)
            memory.n += 1
            if quality == 3 {
                memory.inExtraLoop = true
                due = now
            } else {
                due = dueDate(after: memory.intervalDays, from: now, seed: fuzzSeed)
            }
        } else {
            // Only breaking a run of successful repetitions is a lapse; failing again while
            // relearning is not counted twice.
            if memory.n > 0 { lapses += 1 }
            memory.n = 0
            memory.intervalDays = 0
            due = now
        }

        return CardState(
            phase: phase(of: memory, before: state.phase),
            due: due,
            reps: state.reps + 1,
            lapses: lapses,
            lastReview: now,
            intervalDays: memory.intervalDays,
            sm2: memory,
            fsrs: nil
        )
    }

    private func nextInterval(repetitions: Int, lastInterval: Int, easiness: Double) -> Int {
        switch repetitions {
        case 0: return min(1, maximumIntervalDays)
        case 1: return min(6, maximumIntervalDays)
        default:
            // `.rounded(.up)` is ceil; the product order matches the reference because
            // values like 2.8000000000000003 decide whether ceil rounds up a whole day.
            let product = (Double(lastInterval) * easiness).rounded(.up)
            return product >= Double(maximumIntervalDays) ? maximumIntervalDays : Int(product)
        }
    }

    private func dueDate(after days: Int, from now: UnixTime, seed: UInt64) -> UnixTime {
        let shown = fuzz ? IntervalFuzz.fuzzed(days: days, maximumDays: maximumIntervalDays, seed: seed) : days
        return calendar.adding(days: shown, to: now)
    }

    /// A card that must come back today (extra loop, or failed and due now) is learning
    /// until it has once reached a real interval, and relearning after that; "reached a real
    /// interval" is read off the phase it had before this review, so no history is needed.
    private func phase(of memory: SM2Memory, before previous: Phase) -> Phase {
        let repeatsToday = memory.inExtraLoop || memory.n == 0
        guard repeatsToday else { return .review }
        switch previous {
        case .review, .relearning: return .relearning
        case .new, .learning: return .learning
        }
    }
}
