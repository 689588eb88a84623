// The unit a quantity is shown in, and how a value in that unit is written:
// `11,574 req/s`, `36.52 PB`, `$73.05/month`, `99.95%`, `5 days`.

public struct DisplayUnit: Sendable, Equatable {
    /// As shown after the number: "req/s", "PB", "$/month", "%", "day"; empty for plain numbers.
    public let symbol: String
    /// The symbol for values other than one ("days", "users/day"), when it differs.
    let plural: String?
    /// Base units (s, B, $) per one of this unit.
    public let factor: Double
    let calendarUnits: Set<CalendarUnit>

    init(symbol: String, plural: String? = nil, factor: Double, calendarUnits: Set<CalendarUnit> = []) {
        self.symbol = symbol
        self.plural = plural == symbol ? nil : plural
        self.factor = factor
        self.calendarUnits = calendarUnits
    }

    public static let number = DisplayUnit(symbol: "", factor: 1)
    public static let percent = DisplayUnit(symbol: "%", factor: 0.01)

    /// The value of `quantity` in this unit, rounded to 12 significant digits.
    public func value(of quantity: Quantity) -> Double {
        NumberText.rounded(quantity.value / factor)
    }

    /// `value` (already in this unit) written with the unit.
    public func text(for value: Double) -> String {
        let rounded = NumberText.rounded(value)
        if symbol.hasPrefix("$") {
            return (rounded < 0 ? "-" : "") + "$" + NumberText.money(abs(rounded)) + symbol.dropFirst()
        }
        if symbol == "%" { return NumberText.percentage(rounded) + "%" }
        let number = NumberText.format(rounded)
        if symbol.isEmpty { return number }
        if symbol.hasPrefix("/") { return number + symbol }
        let isOne = abs(rounded) == 1
        return number + " " + (isOne ? symbol : (plural ?? symbol))
    }

    /// A value in base units (s, B, $ and per-second rates) written in this unit.
    public func text(base value: Double) -> String {
        text(for: value / factor)
    }

    public func text(of quantity: Quantity) -> String {
        text(for: value(of: quantity))
    }
}

extension NumberText {
    /// Money: cents below $10,000 (`730.49`, `2,780.49`), whole dollars above
    /// (`33,366`), four significant digits for sub-dollar prices (`0.023`, `0.10`).
    public static func money(_ value: Double) -> String {
        let rounded = rounded(value)
        let magnitude = abs(rounded)
        // Decide on the value as it will show with cents: $9,999.999 is $10,000, whole.
        let inCents = (rounded * 100).rounded() / 100
        if abs(inCents) >= 10_000 || rounded == rounded.rounded() { return format(abs(inCents) >= 10_000 ? inCents.rounded() : rounded) }
        if magnitude >= 1 { return fixed(rounded, decimals: 2) }
        var text = significant(rounded, digits: displayDigits)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < 2 { text += String(repeating: "0", count: 2 - decimals) }
        }
        return text
    }
}

/// Builds a unit symbol from numerator and denominator pieces: `req/user/day`, `MB/s`.
struct UnitComposer {
    var numerator: [(symbol: String, plural: String?)] = []
    var denominator: [String] = []
    var factor = 1.0
    var calendarUnits: Set<CalendarUnit> = []

    /// Adds what a count counts. `numerators: false` leaves out labels above the line,
    /// which only clutter physical units (`10k req/s * 200 KB` is `2 GB/s`, not
    /// `2 req·GB/s`), while labels below it still say something (`5 MB/user`).
    mutating func add(labels: CountLabels, numerators: Bool = true) {
        for entry in labels.entries where entry.exponent > 0 && numerators {
            let plural = entry.exponent == 1 ? UnitTable.plural(ofLabel: entry.label) : nil
            numerator.append((Self.powered(entry.label, entry.exponent), plural))
        }
        for entry in labels.entries where entry.exponent < 0 {
            denominator.append(Self.powered(entry.label, -entry.exponent))
        }
    }

    mutating func multiply(_ symbol: String, plural: String? = nil, factor: Double) {
        numerator.append((symbol, plural))
        self.factor *= factor
    }

    mutating func divide(_ symbol: String, factor: Double) {
        denominator.append(symbol)
        self.factor /= factor
    }

    func build() -> DisplayUnit {
        let top = numerator.map(\.symbol).joined(separator: "·")
        let bottom = denominator.map { "/" + $0 }.joined()
        var plural: String?
        if numerator.count == 1, let word = numerator[0].plural { plural = word + bottom }
        return DisplayUnit(symbol: top + bottom, plural: plural, factor: factor, calendarUnits: calendarUnits)
    }

    static func powered(_ symbol: String, _ exponent: Int) -> String {
        exponent == 1 ? symbol : "\(symbol)^\(exponent)"
    }
}
