import Timekeeping

// Due dates are review time plus a whole number of days or a learning step in seconds.
// A corrupted or imported log can carry absurd times; saturating instead of trapping keeps
// a pure function total (the card just ends up due "never" or "always").

extension UnixTime {
    func adding(days: Int) -> UnixTime {
        let (seconds, overflowInMultiply) = Int64(days).multipliedReportingOverflow(by: Seconds.day)
        return overflowInMultiply ? (days > 0 ? .max : .min) : adding(seconds: seconds)
    }

    func adding(seconds: Int64) -> UnixTime {
        let (sum, overflow) = addingReportingOverflow(seconds)
        return overflow ? (seconds > 0 ? .max : .min) : sum
    }
}
