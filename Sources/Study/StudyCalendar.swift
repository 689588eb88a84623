import Scheduling
import Timekeeping

/// Study days in the user's time zone with their rollover hour: which day an instant
/// belongs to, and streaks of consecutive study days.
public struct StudyCalendar: Sendable {
    public let rolloverHour: Int
    public let utcOffset: @Sendable (UnixTime) -> Int64

    public init(rolloverHour: Int, utcOffset: @escaping @Sendable (UnixTime) -> Int64 = LocalTime.utcOffset(at:)) {
        self.rolloverHour = rolloverHour
        self.utcOffset = utcOffset
    }

    public func day(containing time: UnixTime) -> StudyDay {
        StudyDay.containing(time, rolloverHour: rolloverHour, utcOffset: utcOffset)
    }

    public func start(ofDay number: Int64) -> UnixTime {
        StudyDay.start(ofDay: number, rolloverHour: rolloverHour, utcOffset: utcOffset)
    }

    /// Consecutive study days with at least one review, counting back from today; a day
    /// not yet studied today does not break the streak until it is over.
    public func streak(reviewDays: Set<Int64>, today: Int64) -> Int {
        var day = reviewDays.contains(today) ? today : today - 1
        var count = 0
        while reviewDays.contains(day) {
            count += 1
            day -= 1
        }
        return count
    }
}
