// The public entry point: evaluate an expression, convert or compare quantities. Pure:
// nothing here prints, reads the clock or touches the environment.

/// The outcome of evaluating one expression such as `100M req/day -> req/s`.
public struct Evaluation: Sendable {
    public let input: String
    public let quantity: Quantity
    /// What the value is shown in: the conversion target, or an automatic choice.
    public let unit: DisplayUnit
    /// The value in `unit`, rounded to 12 significant digits.
    public let value: Double
    /// `1,157 req/s`
    public let display: String
    /// Month, quarter and year lengths used, one line each.
    public let conventions: [String]
    /// How parts of the input were read when that could surprise (`1.5B` is a billion).
    public let notes: [String]
    /// The calendar units behind `conventions`, for reports that merge several inputs.
    let calendarUnits: Set<CalendarUnit>
}

public struct Calculator: Sendable {
    public var calendar: CalendarConvention

    public init(calendar: CalendarConvention = .gregorian) {
        self.calendar = calendar
    }

    /// Evaluates `text` and chooses how to show it. Negative durations, sizes and counts
    /// are refused: they are never a meaningful answer to an estimate.
    public func evaluate(_ text: String) throws(CapacityError) -> Evaluation {
        do throws(CapacityError) {
            let statement = try Parser.parse(text)
            var evaluator = Evaluator(calendar: calendar, input: text)
            let quantity = try evaluator.evaluate(statement.expression)
            let unit: DisplayUnit
            if let target = statement.target {
                unit = try targetUnit(target, for: quantity, source: statement.expression, evaluator: &evaluator)
            } else {
                unit = AutomaticUnit.unit(for: quantity, calendar: calendar)
            }
            try Self.refuseNegative(quantity, span: statement.expression.span, text: text, unit: unit)
            let used = evaluator.calendarUnits.union(unit.calendarUnits)
            let value = unit.value(of: quantity)
            // A finite result can still overflow once scaled to the unit shown (9e306 -> %).
            guard value.isFinite else {
                let shown = unit.symbol.isEmpty ? "as a plain number" : "in \(unit.symbol)"
                throw CapacityError(.overflow, "the result is too large to show \(shown) (beyond about 1.8e308)",
                                    span: statement.target?.span ?? statement.expression.span)
            }
            return Evaluation(input: text, quantity: quantity, unit: unit, value: value, display: unit.text(for: value),
                              conventions: calendar.conventions(for: used), notes: statement.notes, calendarUnits: used)
        } catch {
            throw error.with(input: text, field: nil)
        }
    }

    /// Whether `note` is the "'1.5B' means 1.5 billion" note, which a session that
    /// evaluates many inputs shows once.
    public static func isMagnitudeNote(_ note: String) -> Bool {
        note.contains(Lexer.magnitudeNoteMark)
    }

    /// The quantity `text` denotes (a conversion target, if any, only changes the display).
    public func quantity(_ text: String) throws(CapacityError) -> Quantity {
        try evaluate(text).quantity
    }

    /// Convenience for other modules: `Calculator.evaluate("3 PB", calendar: .gregorian)`.
    public static func evaluate(_ text: String, calendar: CalendarConvention = .gregorian) throws(CapacityError) -> Quantity {
        try Calculator(calendar: calendar).quantity(text)
    }

    /// The display unit a unit expression such as `MB/s`, `days` or `%` denotes.
    public func unit(_ text: String) throws(CapacityError) -> (unit: DisplayUnit, dimension: Dimension) {
        do throws(CapacityError) {
            let target = try Parser.parseUnit(text)
            var evaluator = Evaluator(calendar: calendar, input: text)
            let dimension: Dimension
            switch target {
            case .percent: dimension = .none
            case .unit(let syntax): dimension = try evaluator.evaluate(syntax).dimension
            }
            return (try targetUnit(target, for: nil, source: nil, evaluator: &evaluator), dimension)
        } catch {
            throw error.with(input: text, field: nil)
        }
    }

    /// The value of `quantity` in the unit `unitText` (`"MiB"`, `"req/s"`), checking dimensions.
    public func convert(_ quantity: Quantity, to unitText: String) throws(CapacityError) -> Double {
        let target = try unit(unitText)
        guard target.dimension == quantity.dimension else {
            throw CapacityError(.dimensionMismatch, "cannot convert \(quantity.dimension) to \(target.dimension) ('\(unitText)')",
                                span: 0..<unitText.unicodeScalars.count, input: unitText)
        }
        return quantity.value / target.unit.factor
    }

    /// How to show `quantity` with no unit requested.
    public func automaticUnit(for quantity: Quantity) -> DisplayUnit {
        AutomaticUnit.unit(for: quantity, calendar: calendar)
    }

    /// `quantity` written in its automatic unit: `11,574 req/s`.
    public func format(_ quantity: Quantity) -> String {
        automaticUnit(for: quantity).text(of: quantity)
    }

    /// Compares an estimate with the expected quantity (same dimension required).
    public func compare(_ estimate: Quantity, to expected: Quantity) throws(CapacityError) -> EstimateComparison {
        guard estimate.dimension == expected.dimension else {
            throw CapacityError(.dimensionMismatch, "cannot compare \(estimate.dimension) with \(expected.dimension)", span: 0..<0)
        }
        return EstimateComparison(estimate: estimate.value, expected: expected.value)
    }

    // MARK: internals

    private func targetUnit(_ target: ConversionTarget, for quantity: Quantity?, source: Syntax?,
                            evaluator: inout Evaluator) throws(CapacityError) -> DisplayUnit {
        switch target {
        case .percent:
            if let quantity, quantity.dimension != .none {
                throw CapacityError(.dimensionMismatch, "cannot convert \(quantity.dimension) to a percentage", span: target.span)
            }
            return .percent
        case .unit(let syntax):
            let unitQuantity = try evaluator.evaluate(syntax)
            if let quantity, let source, unitQuantity.dimension != quantity.dimension {
                if let hint = regroupingHint(source, wanting: unitQuantity.dimension, from: quantity, evaluator: evaluator) {
                    throw hint
                }
                throw CapacityError(.dimensionMismatch,
                                    "cannot convert \(quantity.dimension) to \(unitQuantity.dimension): '\(evaluator.text(source.span))' is \(quantity.dimension), '\(evaluator.text(syntax.span))' is \(unitQuantity.dimension)",
                                    span: syntax.span)
            }
            guard unitQuantity.value != 0 else {
                throw CapacityError(.divisionByZero, "cannot convert to a unit of size zero", span: syntax.span)
            }
            var calendarUnits = Set<CalendarUnit>()
            for part in unitQuantity.parts {
                if case .calendar(let unit, _) = part.scale { calendarUnits.insert(unit) }
            }
            let written = TargetText.render(syntax, evaluator: evaluator)
            return DisplayUnit(symbol: written.symbol, plural: written.plural, factor: unitQuantity.value, calendarUnits: calendarUnits)
        }
    }

    /// The error for a conversion that parentheses around a quotient would fix.
    private func regroupingHint(_ source: Syntax, wanting dimension: Dimension, from quantity: Quantity,
                                evaluator: Evaluator) -> CapacityError? {
        let input = evaluator.input
        for candidate in Regrouping.candidates(source) {
            var trial = Evaluator(calendar: calendar, input: input)
            guard let regrouped = try? trial.evaluate(candidate.syntax), regrouped.dimension == dimension else { continue }
            let expression = evaluator.text(source.span)
            let readAs = Regrouping.parenthesized(input, candidate.readAs)
            // The source with the two parentheses the parser implied.
            let asRead = ScalarText.slice(readAs, source.span.lowerBound..<(source.span.upperBound + 2))
            let fixed = Regrouping.parenthesized(input, candidate.grouped)
            return CapacityError(.dimensionMismatch,
                                 "cannot convert \(quantity.dimension) to \(dimension): '\(expression)' is read as '\(asRead)', since '/' works left to right; did you mean '\(fixed)'?",
                                 span: candidate.grouped, suggestion: fixed)
        }
        return nil
    }

    private static func refuseNegative(_ quantity: Quantity, span: Range<Int>, text: String, unit: DisplayUnit) throws(CapacityError) {
        guard quantity.value < 0 else { return }
        let what: String?
        if quantity.dimension.time != 0 && quantity.dimension.information == 0 && quantity.dimension.money == 0 {
            what = quantity.dimension == .time ? "a duration" : "a rate"
        } else if quantity.dimension.information != 0 {
            what = "a size or data rate"
        } else if !quantity.labels.isEmpty && quantity.dimension == .none {
            what = "a count"
        } else {
            what = nil
        }
        if let what {
            throw CapacityError(.outOfRange, "the result is negative (\(unit.text(of: quantity))), and \(what) cannot be negative",
                                span: span, input: text)
        }
    }
}

/// How an estimate compares with the expected value.
public struct EstimateComparison: Sendable, Equatable {
    public let estimate: Double
    public let expected: Double

    /// estimate / expected (infinite when expected is zero and the estimate is not).
    public var ratio: Double {
        if expected == 0 { return estimate == 0 ? 1 : .infinity }
        return estimate / expected
    }

    /// How many times off, always at least 1: 2 means half or double.
    public var factorOff: Double {
        let ratio = ratio
        guard ratio > 0, ratio.isFinite else { return .infinity }
        return ratio >= 1 ? ratio : 1 / ratio
    }

    /// Within a factor (2 means from half to double the expected value).
    public func isWithin(factor: Double) -> Bool {
        NumberText.rounded(factorOff) <= factor
    }

    /// Within a relative error (25 means 75% to 125% of the expected value).
    public func isWithin(percent: Double) -> Bool {
        if expected == 0 { return estimate == 0 }
        return NumberText.rounded(abs(estimate - expected) / abs(expected)) <= percent / 100
    }
}
