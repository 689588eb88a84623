// Durations broken into calendar-free parts, the way downtime is quoted:
// 31,556.952 s is "8 h 45 min 57 s".

public enum DurationText {
    /// Days, hours, minutes and seconds (whole seconds), largest first, zero parts left
    /// out; below a minute, nil (the plain value already says it).
    public static func breakdown(_ seconds: Double) -> String? {
        guard seconds.isFinite, abs(seconds) >= 60, abs(seconds) < 1e15 else { return nil }
        var remaining = Int64(abs(NumberText.rounded(seconds)).rounded())
        var parts: [String] = []
        for (unit, size) in [("day", Int64(86_400)), ("h", 3_600), ("min", 60), ("s", 1)] {
            let count = remaining / size
            remaining %= size
            if count > 0 { parts.append(unit == "day" ? "\(NumberText.format(Double(count))) \(count == 1 ? "day" : "days")" : "\(count) \(unit)") }
        }
        return (seconds < 0 ? "-" : "") + parts.joined(separator: " ")
    }
}
