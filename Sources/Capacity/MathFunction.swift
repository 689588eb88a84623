// The functions an estimate reaches for: rounding a count of machines up, the larger of
// two latencies, a square root or a logarithm. Each one states which dimensions it
// accepts, so `max(3 ms, 20 ms)` keeps its unit and `ceil(1.5 h)` is refused instead of
// silently rounding seconds. Logarithms are computed here (no math library): the module
// depends on the standard library only.

enum MathFunction: String, Sendable, CaseIterable {
    case ceil, floor, round, min, max, sqrt, log2, log10, ln

    /// How the call is written in messages: `ceil(...)`.
    var written: String { rawValue + "(...)" }

    /// The error for a function name written without its `(` (`sqrt 4`).
    static func withoutParenthesis(_ word: String, span: Range<Int>) -> CapacityError {
        CapacityError(.syntax, "'\(word)' is a function: write '\(word)(' with the '(' right after the name, as in '\(word)(2.5)'",
                      span: span)
    }

    /// min and max take one or more arguments; the others exactly one.
    var takesSeveral: Bool { self == .min || self == .max }

    /// Applies the function to evaluated arguments. `spans` are the arguments' spans,
    /// `call` the span of the whole call; `text` reads a span of the input.
    func apply(_ arguments: [Quantity], spans: [Range<Int>], call: Range<Int>,
               text: (Range<Int>) -> String) throws(CapacityError) -> Quantity {
        let first = arguments[0]
        switch self {
        case .min, .max:
            var chosen = first
            for (index, argument) in arguments.enumerated().dropFirst() {
                guard argument.dimension == first.dimension else {
                    throw CapacityError(.dimensionMismatch,
                                        "\(rawValue)() compares like with like: '\(text(spans[0]))' is \(first.dimension), '\(text(spans[index]))' is \(argument.dimension)",
                                        span: spans[index])
                }
                if self == .min ? argument.value < chosen.value : argument.value > chosen.value { chosen = argument }
            }
            return chosen

        case .ceil, .floor, .round:
            guard first.dimension == .none else {
                throw CapacityError(.dimensionMismatch,
                                    "\(rawValue)() works on plain numbers and counts, but '\(text(spans[0]))' is \(first.dimension): divide by the unit to round in, as in '\(rawValue)(1.5 h / 1 min)'",
                                    span: spans[0])
            }
            // Round to 12 significant digits first, so 3000.0000000000005 is 3,000.
            let value = NumberText.rounded(first.value)
            var result = first
            result.isPercent = false
            switch self {
            case .ceil: result.value = value.rounded(.up)
            case .floor: result.value = value.rounded(.down)
            default: result.value = value.rounded(.toNearestOrAwayFromZero)
            }
            return result

        case .sqrt:
            guard first.value >= 0 else {
                throw CapacityError(.outOfRange, "sqrt() of a negative number: '\(text(spans[0]))' is \(NumberText.format(first.value))",
                                    span: spans[0])
            }
            let dimension = first.dimension
            guard dimension.time % 2 == 0, dimension.information % 2 == 0, dimension.money % 2 == 0 else {
                throw CapacityError(.dimensionMismatch,
                                    "sqrt() of \(dimension) has no unit: only squares such as 's^2' have a square root",
                                    span: spans[0])
            }
            let labels = first.labels.entries.allSatisfy { $0.exponent % 2 == 0 } ? first.labels.halved : CountLabels()
            var parts: [DisplayPart] = []
            if first.parts.allSatisfy({ $0.exponent % 2 == 0 }) {
                parts = first.parts.map { part in
                    var half = part
                    half.exponent /= 2
                    return half
                }
            }
            return Quantity(value: first.value.squareRoot(),
                            dimension: Dimension(time: dimension.time / 2, information: dimension.information / 2,
                                                 money: dimension.money / 2),
                            labels: labels, parts: parts, information: first.information)

        case .log2, .log10, .ln:
            guard first.dimension == .none else {
                throw CapacityError(.dimensionMismatch,
                                    "\(rawValue)() needs a plain number, but '\(text(spans[0]))' is \(first.dimension): divide by a unit first",
                                    span: spans[0])
            }
            guard first.value > 0 else {
                throw CapacityError(.outOfRange, "\(rawValue)() needs a number above zero, but '\(text(spans[0]))' is \(NumberText.format(first.value))",
                                    span: spans[0])
            }
            switch self {
            case .log2: return .number(Self.binaryLog(first.value))
            case .log10: return .number(Self.naturalLog(first.value) / Self.ln10)
            default: return .number(Self.naturalLog(first.value))
            }
        }
    }

    static let ln2 = 0.693_147_180_559_945_3
    static let ln10 = 2.302_585_092_994_046

    /// ln(x) for finite x > 0: x = m·2^e, and ln(m) from the series
    /// 2·(z + z³/3 + z⁵/5 + ...) with z = (m-1)/(m+1), which converges fast for m near 1.
    static func naturalLog(_ x: Double) -> Double {
        let (e, fraction) = split(x)
        return Double(e) * ln2 + fraction
    }

    /// log2(x), exact for powers of two (`log2(1024)` is 10).
    static func binaryLog(_ x: Double) -> Double {
        let (e, fraction) = split(x)
        return Double(e) + fraction / ln2
    }

    /// x = m·2^e with m in [√½, √2): returns e and ln(m).
    private static func split(_ x: Double) -> (Int, Double) {
        var m = x.significand
        var e = Int(x.exponent)
        if m > 1.414_213_562_373_095_1 {
            m /= 2
            e += 1
        }
        let z = (m - 1) / (m + 1)
        let z2 = z * z
        var term = z
        var sum = 0.0
        var divisor = 1.0
        // |z| < 0.172, so each term is at least 30 times smaller: 12 terms reach a Double's precision.
        for _ in 0..<30 {
            let next = sum + term / divisor
            if next == sum { break }
            sum = next
            term *= z2
            divisor += 2
        }
        return (e, 2 * sum)
    }
}

extension CountLabels {
    /// The labels with every exponent halved (callers check they are even).
    var halved: CountLabels {
        var result = CountLabels()
        for entry in entries { result = result * CountLabels(entry.label).raised(to: entry.exponent / 2) }
        return result
    }
}
