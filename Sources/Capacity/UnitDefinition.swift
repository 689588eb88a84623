// What one unit name means: a scale in base units (s, B, $), a dimension, and what it
// tells the display (a count label such as "req", bits versus bytes, binary prefixes).

/// How a unit spells information, so results are shown the way the input was written.
struct InformationStyle: OptionSet, Hashable, Sendable {
    let rawValue: UInt8
    static let bytes = InformationStyle(rawValue: 1)
    static let bits = InformationStyle(rawValue: 2)
    static let binary = InformationStyle(rawValue: 4)
}

struct UnitDefinition: Sendable {
    enum Scale: Sendable {
        /// Base units per one of this unit.
        case fixed(Double)
        /// A month, quarter or year: depends on the calendar convention.
        case calendar(CalendarUnit, times: Double)
    }

    /// The symbol results are shown with ("KB", "day", "req").
    let symbol: String
    /// The plural of a word-like symbol ("days"), nil for symbols that never change ("KB").
    let plural: String?
    /// Spellings accepted exactly as written (case matters: `B` is a byte, `b` a bit).
    let spellings: [String]
    /// Long names also accepted in any letter case ("Bytes", "HOURS").
    let words: [String]
    let scale: Scale
    let dimension: Dimension
    /// For counts: what was counted ("req", "user"). Display only; counts are dimensionless.
    let label: String?
    let information: InformationStyle
    /// How the unit contributes to the fallback display of unusual dimensions: itself, or
    /// (for `rps`) a decomposition into other symbols. Empty for pure numbers and counts.
    let displayParts: [DisplayPart]

    func factor(in calendar: CalendarConvention) -> Double {
        switch scale {
        case .fixed(let value): return value
        case .calendar(let unit, let times): return calendar.seconds(in: unit) * times
        }
    }

    var calendarUnit: CalendarUnit? {
        if case .calendar(let unit, _) = scale { return unit }
        return nil
    }
}

/// One symbol with an exponent in a written unit product, e.g. `MB^1`, `s^-1`.
struct DisplayPart: Hashable, Sendable {
    let symbol: String
    let plural: String?
    let dimension: Dimension
    let scale: UnitDefinition.Scale
    var exponent: Int

    static func == (lhs: DisplayPart, rhs: DisplayPart) -> Bool {
        lhs.symbol == rhs.symbol && lhs.exponent == rhs.exponent
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(symbol)
        hasher.combine(exponent)
    }
}
