import Timekeeping

/// What an import accepts beyond "well-formed": values a real history can hold. Both
/// readers apply them (`JSONChecker` and the byte scanners, which give up on anything out
/// of range so that the general reader reports it with the same message).
enum ImportLimits {
    /// One day: no answer takes longer, and with it a million durations sum far below
    /// `Int64.max` (issue 17: values near 2^63 made `stats` trap).
    static let maximumDurationMs: Int64 = 86_400_000
    static let durationRange: ClosedRange<Int64> = 0...maximumDurationMs

    /// Times of events (reviews, renames, marks, quiz answers, drills) must be before the
    /// year 9000 (issue 17): a card reviewed then is due at most centuries later, and
    /// `latestWrittenTime` keeps any due date an export writes within four-digit years,
    /// which `ISO8601.parse` reads back.
    static let latestEventTime: UnixTime = ISO8601.parse("8999-12-31T23:59:59Z")!

    /// The last instant with a four-digit year: an export writes no later time (a due date
    /// past it is written as it, which changes nothing a replay computes).
    static let latestWrittenTime: UnixTime = ISO8601.parse("9999-12-31T23:59:59Z")!
}
