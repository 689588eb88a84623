// Display units the named calculators show their numbers in. A value is always in base
// units (per second for rates); `factor` says how many base units one display unit is.

extension DisplayUnit {
    /// `req/s`, `items/s`: a count per second.
    static func perSecond(_ label: String) -> DisplayUnit {
        DisplayUnit(symbol: label + "/s", factor: 1)
    }

    /// `req/day`: a count per day (the value stays per second).
    static func perDay(_ label: String) -> DisplayUnit {
        DisplayUnit(symbol: label + "/day", factor: 1 / 86_400)
    }

    /// A plain count with a label: `100,000,000 users`.
    static func count(_ label: String) -> DisplayUnit {
        DisplayUnit(symbol: label, plural: UnitTable.plural(ofLabel: label), factor: 1)
    }

    /// Bytes, scaled for `bytes`: `36.52 PB`.
    static func information(for bytes: Double, calendar: CalendarConvention, binary: Bool = false) -> DisplayUnit {
        let style: InformationStyle = binary ? [.bytes, .binary] : .bytes
        return AutomaticUnit.unit(for: Quantity(value: bytes, dimension: .information, labels: CountLabels(), parts: [], information: style),
                                  calendar: calendar)
    }

    /// Bytes per period (`TB/day`, `TB/month`), scaled for the amount per period; the
    /// value it shows is in bytes per second.
    static func information(perSecond bytesPerSecond: Double, per period: Period, calendar: CalendarConvention) -> DisplayUnit {
        let seconds = period.seconds(calendar)
        let bytes = information(for: bytesPerSecond * seconds, calendar: calendar)
        return DisplayUnit(symbol: bytes.symbol + "/" + period.symbol, factor: bytes.factor / seconds,
                           calendarUnits: period.calendarUnit.map { [$0] } ?? [])
    }

    /// Bytes per second: `231.5 MB/s`.
    static func byteRate(for bytesPerSecond: Double, calendar: CalendarConvention) -> DisplayUnit {
        AutomaticUnit.unit(for: Quantity(value: bytesPerSecond, dimension: .dataRate, labels: CountLabels(), parts: [], information: .bytes),
                           calendar: calendar)
    }

    /// Bits per second: `1.852 Gbps`.
    static func bitRate(for bytesPerSecond: Double, calendar: CalendarConvention) -> DisplayUnit {
        AutomaticUnit.unit(for: Quantity(value: bytesPerSecond, dimension: .dataRate, labels: CountLabels(), parts: [], information: .bits),
                           calendar: calendar)
    }

    /// A duration in the largest unit that keeps it at or above one: `4.383 h`.
    static func duration(for seconds: Double, calendar: CalendarConvention) -> DisplayUnit {
        AutomaticUnit.unit(for: Quantity(value: seconds, dimension: .time), calendar: calendar)
    }

    /// Dollars, optionally per period: `$`, `$/month`, `$/h`.
    static func money(per period: Period? = nil, calendar: CalendarConvention) -> DisplayUnit {
        guard let period else { return DisplayUnit(symbol: "$", factor: 1) }
        return DisplayUnit(symbol: "$/" + period.symbol, factor: 1 / period.seconds(calendar),
                           calendarUnits: period.calendarUnit.map { [$0] } ?? [])
    }
}

/// The periods results are expressed per.
enum Period: Sendable {
    case second, hour, day, week, month, quarter, year

    var symbol: String {
        switch self {
        case .second: return "s"
        case .hour: return "h"
        case .day: return "day"
        case .week: return "week"
        case .month: return "month"
        case .quarter: return "quarter"
        case .year: return "year"
        }
    }

    var calendarUnit: CalendarUnit? {
        switch self {
        case .month: return .month
        case .quarter: return .quarter
        case .year: return .year
        default: return nil
        }
    }

    func seconds(_ calendar: CalendarConvention) -> Double {
        switch self {
        case .second: return 1
        case .hour: return 3_600
        case .day: return 86_400
        case .week: return 604_800
        case .month: return calendar.secondsPerMonth
        case .quarter: return calendar.secondsPerQuarter
        case .year: return calendar.secondsPerYear
        }
    }
}
