import Timekeeping

// A date to be ready by (an interview): until the last week before it, no interval may
// reach past the date, so every card studied gets a review within that last week. The cap
// is a pure function of the review's time and the date, so a replay of the log reproduces
// it exactly; from the last week on it no longer applies, and after the date it is gone.

/// The last week before a target date, as instants (the caller applies the time zone and
/// rollover hour).
public struct ReviewDeadline: Hashable, Sendable, Codable {
    /// The start of the last week: the target day's start minus seven study days.
    public var windowStart: UnixTime
    /// The start of the target day.
    public var deadline: UnixTime

    public static let windowDays: Int64 = 7

    public init(windowStart: UnixTime, deadline: UnixTime) {
        precondition(windowStart < deadline, "the window ends at the deadline")
        self.windowStart = windowStart
        self.deadline = deadline
    }
}

/// Any scheduler with `deadline`'s cap on top: a review before the last week whose next
/// due date would fall on or after the target day is due within the last week instead, on
/// a day picked by the fuzz seed so the cards spread over the week. The interval it
/// reports (SM-2 grows the next one from it) is left as the scheduler chose it.
public struct DeadlineCappedScheduler: Scheduler {
    public let base: any Scheduler
    public let deadline: ReviewDeadline

    public init(base: any Scheduler, deadline: ReviewDeadline) {
        self.base = base
        self.deadline = deadline
    }

    public var kind: SchedulerKind { base.kind }

    public func next(_ state: CardState, review: ReviewEvent, fuzzSeed: UInt64) -> CardState {
        var next = base.next(state, review: review, fuzzSeed: fuzzSeed)
        guard review.at < deadline.windowStart, next.due >= deadline.deadline else { return next }
        let days = max(1, (deadline.deadline - deadline.windowStart) / Seconds.day)
        next.due = deadline.windowStart + Int64(fuzzSeed % UInt64(days)) * Seconds.day
        return next
    }
}
