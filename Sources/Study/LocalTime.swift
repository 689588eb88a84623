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
