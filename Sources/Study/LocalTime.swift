import Timekeeping
#if canImport(Glibc)
import Glibc
#endif

/// The process's local time zone (from `TZ` or the system), for study-day rollover and
/// for showing local times. The pure modules take its `utcOffset` as a parameter.
public enum LocalTime {
    /// Seconds east of UTC at `time` (DST-aware).
    public static func utcOffset(at time: UnixTime) -> Int64 {
        var seconds = time_t(time)
        var parts = tm()
        guard localtime_r(&seconds, &parts) != nil else { return 0 }
        return Int64(parts.tm_gmtoff)
    }

    /// The offset function due dates are computed with (`StudyConfiguration.dueCalendar`):
    /// `utcOffset(at:)`, or the constant offset of a zone that kept one offset all through
    /// 2000-2040 (UTC, most of Asia), so that replaying a million reviews does not ask the
    /// C library four million times. Decided from fixed instants, never from the clock,
    /// so an answer and every later replay of it decide alike.
    public static let dueDateOffset: @Sendable (UnixTime) -> Int64 = makeDueDateOffset()

    private static func makeDueDateOffset() -> @Sendable (UnixTime) -> Int64 {
        let start: Int64 = 946_684_800, end: Int64 = 2_208_988_800  // 2000-01-01, 2040-01-01
        let first = utcOffset(at: start)
        var time = start
        while time <= end {
            if utcOffset(at: time) != first { return { utcOffset(at: $0) } }
            time += 10 * Seconds.day
        }
        return { _ in first }
    }

    /// `YYYY-MM-DD HH:MM` in local time.
    public static func shortFormat(_ time: UnixTime) -> String {
        let iso = ISO8601.format(time, utcOffset: utcOffset(at: time))
        return String(iso.prefix(16)).replacingFirst("T", with: " ")
    }
}

extension String {
    func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let position = firstIndex(of: target) else { return self }
        return String(self[..<position]) + replacement + String(self[self.index(after: position)...])
    }
}
