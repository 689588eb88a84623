// How long a month and a year are. Estimates differ by up to 1.5% depending on this
// choice, so every result that used a month, quarter or year says which length it used.

/// The calendar behind `month`, `quarter` and `year`. A day is always 86,400 s and a week
/// 7 days (no leap seconds, no time zones: these are estimates, not timestamps).
public enum CalendarConvention: String, Sendable, CaseIterable {
    /// The Gregorian average: a year is 365.2425 days and a month a twelfth of it
    /// (30.436875 days, 2,629,746 s). The default.
    case gregorian = "365.2425d"
    /// SRE-book style: 30-day months and 365-day years (so 12 months are 360 days).
    case thirtyDay = "30d"

    public static let secondsPerDay: Double = 86_400

    public var secondsPerYear: Double {
        switch self {
        case .gregorian: return 365.2425 * Self.secondsPerDay
        case .thirtyDay: return 365 * Self.secondsPerDay
        }
    }

    public var secondsPerMonth: Double {
        switch self {
        case .gregorian: return secondsPerYear / 12
        case .thirtyDay: return 30 * Self.secondsPerDay
        }
    }

    public var secondsPerQuarter: Double { 3 * secondsPerMonth }

    /// The spelling accepted by `--calendar`.
    public var spelling: String { rawValue }

    /// One line per calendar unit that was used, in a fixed order.
    func conventions(for used: Set<CalendarUnit>) -> [String] {
        var lines: [String] = []
        for unit in CalendarUnit.allCases where used.contains(unit) {
            lines.append(convention(for: unit))
        }
        return lines
    }

    func convention(for unit: CalendarUnit) -> String {
        switch (self, unit) {
        case (.gregorian, .month):
            return "month = 30.436875 days = 2,629,746 s (a 365.2425-day year / 12)"
        case (.gregorian, .quarter):
            return "quarter = 3 months = 91.310625 days"
        case (.gregorian, .year):
            return "year = 365.2425 days = 31,556,952 s (Gregorian average)"
        case (.thirtyDay, .month):
            return "month = 30 days = 2,592,000 s (30-day calendar)"
        case (.thirtyDay, .quarter):
            return "quarter = 3 months = 90 days (30-day calendar)"
        case (.thirtyDay, .year):
            return "year = 365 days = 31,536,000 s (30-day calendar: 12 months are 360 days)"
        }
    }

    func seconds(in unit: CalendarUnit) -> Double {
        switch unit {
        case .month: return secondsPerMonth
        case .quarter: return secondsPerQuarter
        case .year: return secondsPerYear
        }
    }
}

/// The units whose length depends on the calendar convention.
enum CalendarUnit: Int, Hashable, Sendable, CaseIterable {
    case month, quarter, year
}
