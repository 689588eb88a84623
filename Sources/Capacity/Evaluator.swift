// Walks the syntax tree with dimension checking. Values are Doubles in base units; every
// operation checks for overflow, division by zero and mismatched dimensions, and throws
// an error pointing at the operator or operand responsible. Nothing here can trap.

struct Evaluator {
    let calendar: CalendarConvention
    let input: String
    /// Months, quarters and years the expression used, for the conventions line.
    private(set) var calendarUnits: Set<CalendarUnit> = []

    init(calendar: CalendarConvention, input: String) {
        self.calendar = calendar
        self.input = input
    }

    /// Largest whole exponent accepted by `^`; larger ones overflow or vanish anyway.
    static let exponentLimit = 1_024.0

    mutating func evaluate(_ syntax: Syntax) throws(CapacityError) -> Quantity {
        switch syntax.kind {
        case .number(let value):
            return .number(value)

        case .word(let word):
            return try resolve(word, span: syntax.span)

        case .dollar:
            return Self.dollar

        case .money(let amount):
            return try evaluate(amount) * Self.dollar

        case .percent(let operand):
            var fraction = try evaluate(operand).scaled(by: 0.01)
            fraction.isPercent = true
            return fraction

        case .negate(let operand):
            return try evaluate(operand).scaled(by: -1)

        case .binary(let op, let leftSyntax, let rightSyntax, let operatorSpan):
            let left = try evaluate(leftSyntax)
            let right = try evaluate(rightSyntax)
            switch op {
            case .add, .subtract:
                guard left.dimension == right.dimension else {
                    throw CapacityError(.dimensionMismatch,
                                        "cannot \(op.verb) \(left.dimension) and \(right.dimension): '\(text(leftSyntax.span))' is \(left.dimension), '\(text(rightSyntax.span))' is \(right.dimension)",
                                        span: operatorSpan)
                }
                let value = op == .add ? left.value + right.value : left.value - right.value
                try checkFinite(value, syntax.span)
                var sum = Quantity.combined(left, right, value: value)
                sum.isPercent = left.isPercent && right.isPercent
                return sum
            case .multiply, .juxtapose:
                var product = left * right
                try checkDimension(product.dimension, syntax.span)
                try checkFinite(product.value, syntax.span)
                // A chance times a chance is a chance: 99.9% * 99.9% stays a percentage.
                product.isPercent = left.isPercent && right.isPercent
                // `5 percent` is written like `99.9%`.
                if op == .juxtapose, !left.isPercent, case .word = rightSyntax.kind, right.isPercent { product.isPercent = true }
                return product
            case .divide:
                guard right.value != 0 else {
                    throw CapacityError(.divisionByZero, "division by zero: '\(text(rightSyntax.span))' is zero", span: rightSyntax.span)
                }
                let quotient = left / right
                try checkDimension(quotient.dimension, syntax.span)
                try checkFinite(quotient.value, syntax.span)
                return quotient
            }

        case .call(let function, let argumentSyntax):
            var arguments: [Quantity] = []
            for argument in argumentSyntax { arguments.append(try evaluate(argument)) }
            let input = input
            return try function.apply(arguments, spans: argumentSyntax.map(\.span), call: syntax.span) { ScalarText.slice(input, $0) }

        case .power(let baseSyntax, let exponentSyntax, _):
            let base = try evaluate(baseSyntax)
            let exponent = try evaluate(exponentSyntax)
            guard exponent.dimension == .none else {
                throw CapacityError(.dimensionMismatch, "an exponent must be a plain number, but '\(text(exponentSyntax.span))' is \(exponent.dimension)",
                                    span: exponentSyntax.span)
            }
            guard exponent.value == exponent.value.rounded() else {
                throw CapacityError(.syntax, "only whole-number exponents are supported, got '\(text(exponentSyntax.span))'",
                                    span: exponentSyntax.span)
            }
            guard abs(exponent.value) <= Self.exponentLimit else {
                throw CapacityError(.overflow, "the exponent '\(text(exponentSyntax.span))' is too large (the limit is \(Int(Self.exponentLimit)))",
                                    span: exponentSyntax.span)
            }
            let power = Int(exponent.value)
            if base.value == 0 && power < 0 {
                throw CapacityError(.divisionByZero, "division by zero: '\(text(baseSyntax.span))' is zero and the exponent is negative",
                                    span: baseSyntax.span)
            }
            guard base.dimension.raised(to: power).isWithinLimits || base.dimension == .none else {
                throw CapacityError(.overflow, "the unit exponent is too large: \(base.dimension) to the power \(power)", span: syntax.span)
            }
            let value = Self.power(base.value, power)
            try checkFinite(value, syntax.span)
            var result = base.raised(to: power, value: value)
            result.isPercent = base.isPercent && power > 0
            return result
        }
    }

    static let dollar = Quantity(value: 1, dimension: .money, labels: CountLabels(),
                                 parts: [DisplayPart(symbol: "$", plural: nil, dimension: .money, scale: .fixed(1), exponent: 1)],
                                 information: [])

    mutating func resolve(_ word: String, span: Range<Int>) throws(CapacityError) -> Quantity {
        if UnitCatalog.nonFinite.contains(word.lowercased()) {
            throw CapacityError(.invalidNumber, "'\(word)' is not a finite number; the calculator works with finite values only", span: span)
        }
        switch UnitCatalog.lookup(word) {
        case .unit(let unit):
            if let calendarUnit = unit.calendarUnit { calendarUnits.insert(calendarUnit) }
            var quantity = Quantity(value: unit.factor(in: calendar), dimension: unit.dimension,
                                    labels: unit.label.map { CountLabels($0) } ?? CountLabels(),
                                    parts: unit.displayParts, information: unit.information)
            quantity.isPercent = unit.symbol == "percent"
            return quantity
        case .ambiguous(let message, let suggestion):
            throw CapacityError(.ambiguousUnit, message, span: span, suggestion: suggestion)
        case .unknown(let suggestion):
            if MathFunction(rawValue: word) != nil { throw MathFunction.withoutParenthesis(word, span: span) }
            var message = "unknown unit '\(word)'"
            if let suggestion {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += " (to count something, write the number alone or use a count word such as 'users', 'items' or 'servers')"
            }
            throw CapacityError(.unknownUnit, message, span: span, suggestion: suggestion)
        }
    }

    /// Exponentiation by squaring; overflow shows up as infinity and is checked after.
    static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        var factor = base
        var remaining = exponent.magnitude
        while remaining > 0 {
            if remaining & 1 == 1 { result *= factor }
            remaining >>= 1
            if remaining > 0 { factor *= factor }
        }
        return exponent < 0 ? 1 / result : result
    }

    private func checkFinite(_ value: Double, _ span: Range<Int>) throws(CapacityError) {
        guard value.isFinite else {
            throw CapacityError(.overflow, "the result of '\(text(span))' is too large to compute with (beyond about 1.8e308)", span: span)
        }
    }

    private func checkDimension(_ dimension: Dimension, _ span: Range<Int>) throws(CapacityError) {
        guard dimension.isWithinLimits else {
            throw CapacityError(.overflow, "the units of '\(text(span))' have too high a power (\(dimension.formula))", span: span)
        }
    }

    func text(_ span: Range<Int>) -> String {
        ScalarText.slice(input, span)
    }
}
