import Scheduling
import Study
import Timekeeping

/// One study day's reviews: how many, and their answer times summed (in Double: see
/// `StatsReport.ReviewPass`).
public struct ReviewDayTotals: Sendable {
    public let day: StudyDay
    public var count = 0
    public var durationMs = 0.0
}

/// Groups reviews handed over in time order into the study days that have any.
struct ReviewDayGrouping {
    let calendar: StudyCalendar
    private var current: ReviewDayTotals?

    init(calendar: StudyCalendar) {
        self.calendar = calendar
    }

    /// Adds a review; returns the day before it once the review falls after that day.
    mutating func add(at time: UnixTime, durationMs: Int64) -> ReviewDayTotals? {
        var finished: ReviewDayTotals?
        if let day = current?.day, time >= day.end || time < day.start {
            finished = current
            current = nil
        }
        if current == nil { current = ReviewDayTotals(day: calendar.day(containing: time)) }
        current!.count += 1
        current!.durationMs += Double(durationMs)
        return finished
    }

    /// The last day, once every review is in.
    mutating func finish() -> ReviewDayTotals? {
        defer { current = nil }
        return current
    }
}
