// A value with a dimension, in base units (seconds, bytes, dollars), plus what the
// display needs to show it the way it was written: count labels, the written unit
// product, and whether the input spoke in bits, bytes or binary prefixes.

public struct Quantity: Sendable, Equatable, CustomStringConvertible {
    /// The value in base units: seconds, bytes, US dollars (and plain numbers).
    public internal(set) var value: Double
    public internal(set) var dimension: Dimension
    /// What a count counts; display only.
    public internal(set) var labels: CountLabels
    /// The unit product as written, used to display unusual dimensions.
    var parts: [DisplayPart]
    var information: InformationStyle
    /// Written as a percentage (`99.9%`), or a product or sum of percentages only: shown
    /// as a percentage when the result is a plain number (`99.9% * 99.9%` is 99.8001%).
    var isPercent = false

    /// A quantity in base units (seconds, bytes, dollars) with no display preferences.
    public init(value: Double, dimension: Dimension, labels: CountLabels = CountLabels()) {
        self.value = value
        self.dimension = dimension
        self.labels = labels
        self.parts = []
        self.information = []
    }

    init(value: Double, dimension: Dimension, labels: CountLabels, parts: [DisplayPart], information: InformationStyle) {
        self.value = value
        self.dimension = dimension
        self.labels = labels
        self.parts = parts
        self.information = information
    }

    public static func number(_ value: Double) -> Quantity {
        Quantity(value: value, dimension: .none)
    }

    public static func == (lhs: Quantity, rhs: Quantity) -> Bool {
        lhs.value == rhs.value && lhs.dimension == rhs.dimension && lhs.labels == rhs.labels
    }

    public var description: String {
        let unit = dimension == .none ? "" : " [\(dimension.formula)]"
        return "\(value)\(unit)"
    }

    // The operators below assume the caller checked dimensions and finiteness; the
    // evaluator does both and turns failures into errors with spans.

    static func * (lhs: Quantity, rhs: Quantity) -> Quantity {
        Quantity(value: lhs.value * rhs.value, dimension: lhs.dimension * rhs.dimension, labels: lhs.labels * rhs.labels,
                 parts: mergeParts(lhs.parts, rhs.parts, sign: 1), information: lhs.information.union(rhs.information))
    }

    static func / (lhs: Quantity, rhs: Quantity) -> Quantity {
        Quantity(value: lhs.value / rhs.value, dimension: lhs.dimension / rhs.dimension, labels: lhs.labels / rhs.labels,
                 parts: mergeParts(lhs.parts, rhs.parts, sign: -1), information: lhs.information.union(rhs.information))
    }

    /// Sum or difference of two quantities of the same dimension; the left side's
    /// written units win, as in `1 GB + 500 MB`.
    static func combined(_ lhs: Quantity, _ rhs: Quantity, value: Double) -> Quantity {
        Quantity(value: value, dimension: lhs.dimension, labels: CountLabels.combinedForSum(lhs.labels, rhs.labels),
                 parts: lhs.parts.isEmpty ? rhs.parts : lhs.parts, information: lhs.information.union(rhs.information))
    }

    func scaled(by factor: Double) -> Quantity {
        var copy = self
        copy.value *= factor
        return copy
    }

    func raised(to power: Int, value: Double) -> Quantity {
        Quantity(value: value, dimension: dimension.raised(to: power), labels: labels.raised(to: power),
                 parts: power == 0 ? [] : parts.map { var part = $0; part.exponent *= power; return part },
                 information: information)
    }

    private static func mergeParts(_ lhs: [DisplayPart], _ rhs: [DisplayPart], sign: Int) -> [DisplayPart] {
        var result = lhs
        for part in rhs {
            if let index = result.firstIndex(where: { $0.symbol == part.symbol }) {
                result[index].exponent += sign * part.exponent
                if result[index].exponent == 0 { result.remove(at: index) }
            } else {
                var added = part
                added.exponent *= sign
                result.append(added)
            }
        }
        return result
    }
}
