import Timekeeping

// The short interval shown under each answer button, in Anki's style: one unit, the
// largest that fits, whole numbers up to days and one decimal for months and years (where
// "3mo" vs "3.4mo" is a real difference). A month is a twelfth of a year, as in Anki.

public enum IntervalText {
    private static let month = 365 * Seconds.day / 12
    private static let year = 365 * Seconds.day

    /// `<1m`, `10m`, `1h`, `1d`, `6d`, `3.2mo`, `1.5y`. Negative spans read as `<1m`.
    public static func format(seconds: Int64) -> String {
        if seconds < Seconds.minute { return "<1m" }
        // Rounding may reach the next unit (59.6 minutes would be "60m"): then that unit speaks.
        let minutes = rounded(seconds, per: Seconds.minute)
        if seconds < Seconds.hour && minutes < 60 { return "\(minutes)m" }
        let hours = rounded(seconds, per: Seconds.hour)
        if seconds < Seconds.day && hours < 24 { return "\(hours)h" }
        if seconds < month { return "\(rounded(seconds, per: Seconds.day))d" }
        if seconds < year {
            let monthTenths = rounded(seconds * 10, per: month)
            if monthTenths < 120 { return decimal(tenths: monthTenths) + "mo" }
        }
        return decimal(tenths: rounded(seconds, per: year / 10)) + "y"
    }

    /// The text for the gap between now and a due date.
    public static func format(from now: UnixTime, to due: UnixTime) -> String {
        let (gap, overflow) = due.subtractingReportingOverflow(now)
        return format(seconds: overflow ? (due > now ? .max : .min) : gap)
    }

    private static func rounded(_ seconds: Int64, per unit: Int64) -> Int64 {
        Int64((Double(seconds) / Double(unit)).rounded())
    }

    /// 32 -> "3.2", 30 -> "3".
    private static func decimal(tenths: Int64) -> String {
        let fraction = tenths % 10
        return fraction == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(fraction)"
    }
}
