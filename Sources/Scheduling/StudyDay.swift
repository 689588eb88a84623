import Timekeeping

// A study day runs from one local rollover time to the next (default 04:00, like Anki), so
// a late-night session still counts as "today" for limits and streaks. The local offset is
// injected as a function of the instant because it changes at DST switches: a study day
// can last 23 or 25 hours, and a rollover time can fall into a skipped or repeated hour.
//
// Definitions, chosen to stay consistent across those switches:
// - Study day number N (days since 1970-01-01, local calendar) starts at the earliest
//   instant whose local wall-clock time is at or after date N, rolloverHour:00. In a skipped
//   hour that is the switch itself; in a repeated hour it is the first occurrence.
// - An instant belongs to the day whose start is the latest start not after it.
// Assumes at most one offset change within 18 hours either side of a rollover, and offsets
// within ±18 h (true of every real time zone).

public struct StudyDay: Hashable, Sendable {
    /// Local calendar date of the study day, as days since 1970-01-01; consecutive days
    /// differ by one, which is what streaks count.
    public let number: Int64
    public let start: UnixTime
    /// The next day's start (exclusive).
    public let end: UnixTime

    /// The local date the study day is named after (the date on which it starts).
    public var date: CivilDate { CivilDate(daysSinceEpoch: number) }

    public static let defaultRolloverHour = 4
    public static let rolloverHours = 0...23

    /// The study day that contains `now`.
    public static func containing(_ now: UnixTime, rolloverHour: Int = defaultRolloverHour,
                                  utcOffset: (UnixTime) -> Int64) -> StudyDay {
        precondition(rolloverHours.contains(rolloverHour), "rollover hour must be within 0...23")
        let localSeconds = now + utcOffset(now) - Int64(rolloverHour) * Seconds.hour
        var number = floorDiv(localSeconds, Seconds.day)
        // The wall clock is ambiguous near a switch; the starts are not, so they decide.
        while now < start(ofDay: number, rolloverHour: rolloverHour, utcOffset: utcOffset) { number -= 1 }
        while now >= start(ofDay: number + 1, rolloverHour: rolloverHour, utcOffset: utcOffset) { number += 1 }
        return StudyDay(number: number,
                        start: start(ofDay: number, rolloverHour: rolloverHour, utcOffset: utcOffset),
                        end: start(ofDay: number + 1, rolloverHour: rolloverHour, utcOffset: utcOffset))
    }

    /// Start and end of the study day that contains `now`.
    public static func bounds(containing now: UnixTime, rolloverHour: Int = defaultRolloverHour,
                              utcOffset: (UnixTime) -> Int64) -> (start: UnixTime, end: UnixTime) {
        let day = containing(now, rolloverHour: rolloverHour, utcOffset: utcOffset)
        return (day.start, day.end)
    }

    /// The instant study day `number` begins.
    public static func start(ofDay number: Int64, rolloverHour: Int = defaultRolloverHour,
                             utcOffset: (UnixTime) -> Int64) -> UnixTime {
        let wallClock = number * Seconds.day + Int64(rolloverHour) * Seconds.hour
        return earliestInstant(atOrAfterWallClock: wallClock, utcOffset: utcOffset)
    }

    private static let largestOffset = 18 * Seconds.hour

    /// The earliest instant t with t + offset(t) >= wallClock. Every candidate lies within
    /// the largest offset of `wallClock`; split that window at the (single) offset change,
    /// and within each piece local time is instant + a constant, so the answer is direct.
    static func earliestInstant(atOrAfterWallClock wallClock: Int64, utcOffset: (UnixTime) -> Int64) -> UnixTime {
        let low = wallClock - largestOffset
        let high = wallClock + largestOffset + 1
        let offsetAtLow = utcOffset(low)
        var pieces = [(from: low, to: high, offset: offsetAtLow)]
        if utcOffset(high) != offsetAtLow {
            let change = firstInstant(in: low...high) { utcOffset($0) != offsetAtLow }
            pieces = [(low, change - 1, offsetAtLow), (change, high, utcOffset(change))]
        }
        for piece in pieces {
            let candidate = max(piece.from, wallClock - piece.offset)
            if candidate <= piece.to { return candidate }
        }
        return wallClock - offsetAtLow  // unreachable for offsets within ±18 h
    }

    /// Binary search for the first instant where `isAfterChange` holds; it must be false at
    /// the lower bound and true at the upper one.
    private static func firstInstant(in range: ClosedRange<Int64>, where isAfterChange: (Int64) -> Bool) -> Int64 {
        var before = range.lowerBound
        var after = range.upperBound
        while after - before > 1 {
            let middle = before + (after - before) / 2
            if isAfterChange(middle) { after = middle } else { before = middle }
        }
        return after
    }
}
