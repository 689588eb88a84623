import Timekeeping

// Where a whole-day interval lands. "Next in 3 days" means the study day three days after
// the one the card was answered on, however long those days are: adding 3 x 86,400 s
// instead made a card answered at 04:30 the day before a fall-back switch (rollover 04:00)
// due at 03:30 the next morning, still the same study day, and a card near a spring-forward
// switch skip a study day. Anki keeps review due dates as day numbers for the same reason.
//
// The rule: the due time is the answer's local wall-clock time N calendar days later
// (the earliest instant showing that time or later, so a time in a skipped hour moves to
// the switch), kept inside study day D + N (D the answer's study day). Where the offset
// does not change, that is exactly the answer time + N x 86,400 s: UTC, every zone without
// DST, and every interval that crosses no switch keep the old due dates to the second, so
// the reference vectors (UTC) hold.
//
// Pure: the caller passes the zone's UTC offset as a function of the instant (the process
// reads it from TZ) and the rollover hour.

/// Local days of one time zone with a study-day rollover hour, for due dates.
public struct DueCalendar: Sendable {
    public let rolloverHour: Int
    public let utcOffset: @Sendable (UnixTime) -> Int64

    public init(rolloverHour: Int = StudyDay.defaultRolloverHour, utcOffset: @escaping @Sendable (UnixTime) -> Int64) {
        precondition(StudyDay.rolloverHours.contains(rolloverHour), "rollover hour must be within 0...23")
        self.rolloverHour = rolloverHour
        self.utcOffset = utcOffset
    }

    /// UTC, where a day is always 86,400 s (what the schedulers used before local days).
    public static let utc = DueCalendar(rolloverHour: StudyDay.defaultRolloverHour, utcOffset: { _ in 0 })

    /// Instants this far from the epoch (about 34,000 years) are past any real review and
    /// past what the offset function is asked about; they keep plain arithmetic, saturating.
    static let saneRange: ClosedRange<Int64> = -(Int64(1) << 40)...(Int64(1) << 40)

    /// A zone is taken as steady around an instant when its offset is the same two days
    /// before and after (no real zone switches twice within four days).
    private static let steadyMargin = 2 * Seconds.day

    /// The due time of an interval of `days` whole days counted from `time`.
    public func adding(days: Int, to time: UnixTime) -> UnixTime {
        let plain = time.adding(days: days)
        guard days != 0, Self.saneRange.contains(time), Self.saneRange.contains(plain) else { return plain }
        // Fast path (almost every call): both ends away from any switch, so local time is
        // the instant plus a constant near each, and the same wall-clock time is direct.
        let offsetAtStart = utcOffset(time - Self.steadyMargin)
        let offsetAtEnd = utcOffset(plain + Self.steadyMargin)
        if offsetAtStart == utcOffset(time + Self.steadyMargin), offsetAtEnd == utcOffset(plain - Self.steadyMargin) {
            return plain + offsetAtStart - offsetAtEnd
        }
        return exactDue(days: Int64(days), from: time)
    }

    /// The rule itself, for an answer or a due date near a switch.
    func exactDue(days: Int64, from time: UnixTime) -> UnixTime {
        let answered = StudyDay.containing(time, rolloverHour: rolloverHour, utcOffset: utcOffset)
        let target = answered.number + days
        let targetStart = StudyDay.start(ofDay: target, rolloverHour: rolloverHour, utcOffset: utcOffset)
        let nextStart = StudyDay.start(ofDay: target + 1, rolloverHour: rolloverHour, utcOffset: utcOffset)
        let wallClock = time + utcOffset(time) + days * Seconds.day
        let sameWallClock = StudyDay.earliestInstant(atOrAfterWallClock: wallClock, utcOffset: utcOffset)
        return min(max(sameWallClock, targetStart), nextStart - 1)
    }

    /// Whole days from `earlier` to `later` on the local wall clock (FSRS's elapsed days):
    /// an answer at 04:30 and one at 04:30 the next day are one day apart even when the
    /// night between had 23 hours. Equal to floor(seconds / 86,400) in UTC.
    public func elapsedDays(from earlier: UnixTime, to later: UnixTime) -> Int64 {
        guard Self.saneRange.contains(earlier), Self.saneRange.contains(later) else {
            return floorDiv(later &- earlier, Seconds.day)
        }
        return floorDiv((later + utcOffset(later)) - (earlier + utcOffset(earlier)), Seconds.day)
    }
}
