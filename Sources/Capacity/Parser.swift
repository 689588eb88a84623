// Recursive descent over the tokens, loosest binding first:
//
//   statement  := sum (ARROW target)? END
//   target     := '%' | product
//   sum        := product (('+' | '-') product)*
//   product    := juxtapose (('*' | '/' | 'per') juxtapose)*
//   juxtapose  := unary (operand-starting-with-word-'$'-or-'(')*
//   unary      := ('-' | '+') unary | power
//   power      := postfix ('^' unary)?          (right-associative)
//   postfix    := primary '%'?
//   primary    := NUMBER | WORD | '$' NUMBER? | '(' sum ')' | FUNCTION '(' sum (',' sum)* ')'
//
// Juxtaposition binds tighter than `/` because that is how people write units:
// `100M req/day` and `10 MB / 2 s` mean what they look like.

struct Parser {
    /// Parentheses, signs and exponents nest at most this deep, and an expression holds
    /// at most this many operators: real estimates use a handful, and the bounds keep the
    /// recursive parser and evaluator far from the stack limit on any input.
    static let maximumDepth = 64
    static let maximumOperators = 128

    private let tokens: [Token]
    private let inputLength: Int
    private var position = 0
    private var depth = 0
    private var operators = 0

    private init(tokens: [Token], inputLength: Int) {
        self.tokens = tokens
        self.inputLength = inputLength
    }

    static func parse(_ text: String) throws(CapacityError) -> Statement {
        let tokens = try Lexer.tokens(text)
        let length = text.unicodeScalars.count
        if tokens.count == 1 {
            throw CapacityError(.emptyInput, "the expression is empty: type something like '100M req/day -> req/s'",
                                span: 0..<length)
        }
        var parser = Parser(tokens: tokens, inputLength: length)
        let expression = try parser.sum()
        var target: ConversionTarget?
        if parser.current.kind == .arrow {
            let arrow = parser.advance()
            if parser.current.kind == .end {
                throw CapacityError(.syntax, "expected a unit after \(arrow.quoted), like 'MB' or 'req/s'",
                                    span: parser.current.span)
            }
            if parser.current.kind == .percent {
                target = .percent(span: parser.advance().span)
            } else {
                let unit = try parser.product()
                try Self.checkTarget(unit)
                target = .unit(unit)
            }
            if parser.current.kind == .arrow {
                throw CapacityError(.syntax, "only one conversion is allowed; remove \(parser.current.quoted) or what follows it",
                                    span: parser.current.span)
            }
        }
        guard parser.current.kind == .end else {
            throw parser.unexpected(after: parser.tokens[parser.position - 1])
        }
        return Statement(expression: expression, target: target, notes: notes(tokens))
    }

    /// The "B touching a number is a billion" note, when it helps: at most once, and not
    /// when the input shows the reader meant a count (`1B req/day`, `1.5B users`) or
    /// knows how bytes are written (`1.5B users * 200 bytes`). Only looks further when a
    /// token carries a note, which is rare.
    static func notes(_ tokens: [Token]) -> [String] {
        guard let first = tokens.firstIndex(where: { $0.note != nil }) else { return [] }
        let spellsBytes = tokens.contains { token in
            guard case .word(let word) = token.kind, case .unit(let unit) = UnitCatalog.lookup(word) else { return false }
            return unit.dimension.information != 0
        }
        if spellsBytes { return [] }
        for index in first..<tokens.count {
            guard let note = tokens[index].note else { continue }
            if index + 1 < tokens.count, case .word(let word) = tokens[index + 1].kind,
               case .unit(let unit) = UnitCatalog.lookup(word), unit.label != nil {
                continue
            }
            return [note]
        }
        return []
    }

    /// Parses a unit on its own (`MB/s`, `days`, `%`), as used by `Calculator.unit(_:)`.
    static func parseUnit(_ text: String) throws(CapacityError) -> ConversionTarget {
        let tokens = try Lexer.tokens(text)
        var parser = Parser(tokens: tokens, inputLength: text.unicodeScalars.count)
        let target: ConversionTarget
        switch parser.current.kind {
        case .end:
            throw CapacityError(.emptyInput, "expected a unit such as 'MB', 'req/s' or '%'", span: 0..<text.unicodeScalars.count)
        case .percent:
            target = .percent(span: parser.advance().span)
        default:
            let unit = try parser.product()
            try checkTarget(unit)
            target = .unit(unit)
        }
        guard parser.current.kind == .end else { throw parser.unexpected(after: parser.tokens[parser.position - 1]) }
        return target
    }

    private var current: Token { tokens[position] }

    @discardableResult
    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private mutating func enter(_ token: Token) throws(CapacityError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw CapacityError(.syntax, "the expression is nested too deeply (more than \(Self.maximumDepth) levels)", span: token.span)
        }
    }

    private mutating func countOperator(at span: Range<Int>) throws(CapacityError) {
        operators += 1
        if operators > Self.maximumOperators {
            throw CapacityError(.syntax, "the expression has too many operations (more than \(Self.maximumOperators))", span: span)
        }
    }

    private mutating func sum() throws(CapacityError) -> Syntax {
        var left = try product()
        while current.kind == .plus || current.kind == .minus {
            let op = advance()
            try countOperator(at: op.span)
            let right = try product()
            left = Syntax(kind: .binary(op.kind == .plus ? .add : .subtract, left, right, operatorSpan: op.span),
                          span: left.span.lowerBound..<right.span.upperBound)
        }
        return left
    }

    private mutating func product() throws(CapacityError) -> Syntax {
        var left = try juxtapose()
        while current.kind == .star || current.kind == .slash {
            let op = advance()
            try countOperator(at: op.span)
            let right = try juxtapose()
            left = Syntax(kind: .binary(op.kind == .star ? .multiply : .divide, left, right, operatorSpan: op.span),
                          span: left.span.lowerBound..<right.span.upperBound)
        }
        return left
    }

    private mutating func juxtapose() throws(CapacityError) -> Syntax {
        var left = try unary()
        while current.startsImplicitOperand {
            let at = current.span.lowerBound
            try countOperator(at: current.span)
            let right = try power()
            left = Syntax(kind: .binary(.juxtapose, left, right, operatorSpan: at..<at),
                          span: left.span.lowerBound..<right.span.upperBound)
        }
        return left
    }

    private mutating func unary() throws(CapacityError) -> Syntax {
        if current.kind == .minus || current.kind == .plus {
            let sign = advance()
            try enter(sign)
            defer { depth -= 1 }
            let operand = try unary()
            let span = sign.span.lowerBound..<operand.span.upperBound
            return sign.kind == .minus ? Syntax(kind: .negate(operand), span: span) : Syntax(kind: operand.kind, span: span)
        }
        return try power()
    }

    private mutating func power() throws(CapacityError) -> Syntax {
        let base = try postfix()
        guard current.kind == .caret else { return base }
        let caret = advance()
        try enter(caret)
        defer { depth -= 1 }
        let exponent = try unary()
        return Syntax(kind: .power(base, exponent, operatorSpan: caret.span), span: base.span.lowerBound..<exponent.span.upperBound)
    }

    private mutating func postfix() throws(CapacityError) -> Syntax {
        let operand = try primary()
        guard current.kind == .percent else { return operand }
        let percent = advance()
        return Syntax(kind: .percent(operand), span: operand.span.lowerBound..<percent.span.upperBound)
    }

    private mutating func primary() throws(CapacityError) -> Syntax {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return Syntax(kind: .number(value), span: token.span)
        case .word(let word):
            advance()
            return Syntax(kind: .word(word), span: token.span)
        case .dollar:
            advance()
            if case .number(let value) = current.kind {
                let number = advance()
                let amount = Syntax(kind: .number(value), span: number.span)
                return Syntax(kind: .money(amount), span: token.span.lowerBound..<number.span.upperBound)
            }
            return Syntax(kind: .dollar, span: token.span)
        case .leftParen:
            advance()
            try enter(token)
            defer { depth -= 1 }
            if current.kind == .rightParen {
                throw CapacityError(.syntax, "empty parentheses: put a value inside", span: token.span.lowerBound..<current.span.upperBound)
            }
            let inner = try sum()
            let close = try closing(token)
            return Syntax(kind: inner.kind, span: token.span.lowerBound..<close.span.upperBound)
        case .function(let function):
            return try call(function, name: advance())
        case .end:
            let previous = position > 0 ? tokens[position - 1] : token
            throw CapacityError(.syntax, "the expression ends too early: expected a number or a unit after \(previous.quoted)",
                                span: inputLength..<inputLength)
        case .rightParen:
            throw CapacityError(.syntax, "unmatched ')'", span: token.span)
        case .arrow:
            throw CapacityError(.syntax, "expected a value before \(token.quoted)", span: token.span)
        default:
            throw CapacityError(.syntax, "expected a number or a unit, found \(token.quoted)", span: token.span)
        }
    }

    /// The `)` that closes `open`. When the input ends, or a conversion starts, before
    /// it, the error points at the `(` left open rather than at where the input stopped.
    private mutating func closing(_ open: Token) throws(CapacityError) -> Token {
        switch current.kind {
        case .rightParen:
            return advance()
        case .end, .arrow:
            throw CapacityError(.syntax, "missing ')' to close this '('", span: open.span)
        default:
            throw unexpected(after: tokens[position - 1])
        }
    }

    /// `max(3 ms, 20 ms)`: the lexer only makes a function token when `(` touches it.
    private mutating func call(_ function: MathFunction, name: Token) throws(CapacityError) -> Syntax {
        guard current.kind == .leftParen else {
            throw CapacityError(.syntax, "expected '(' after '\(name.text)'", span: current.span)
        }
        let open = advance()
        try enter(open)
        defer { depth -= 1 }
        if current.kind == .rightParen {
            throw CapacityError(.syntax, "\(function.rawValue)() needs an argument, as in '\(function.rawValue)(2.5)'",
                                span: name.span.lowerBound..<current.span.upperBound)
        }
        var arguments = [try sum()]
        while current.kind == .comma {
            let comma = advance()
            try countOperator(at: comma.span)
            arguments.append(try sum())
        }
        let close = try closing(open)
        let span = name.span.lowerBound..<close.span.upperBound
        if arguments.count > 1 && !function.takesSeveral {
            throw CapacityError(.syntax, "\(function.rawValue)() takes one argument, got \(arguments.count)", span: span)
        }
        return Syntax(kind: .call(function, arguments), span: span)
    }

    /// The error for a token that cannot follow a complete operand.
    private func unexpected(after previous: Token) -> CapacityError {
        let token = current
        if case .word(let word) = previous.kind, let function = MathFunction(rawValue: word), function != .min {
            return MathFunction.withoutParenthesis(word, span: previous.span)
        }
        switch token.kind {
        case .rightParen:
            return CapacityError(.syntax, "unmatched ')'", span: token.span)
        case .number:
            return CapacityError(.syntax, "expected an operator between \(previous.quoted) and \(token.quoted), such as '*'", span: token.span)
        case .percent:
            return CapacityError(.syntax, "'%' must directly follow a number, as in '99.9%'", span: token.span)
        default:
            return CapacityError(.syntax, "unexpected \(token.quoted)", span: token.span)
        }
    }

    /// A conversion target is a unit: words, `$`, `*`, `/`, `^` with whole exponents, and
    /// `1/...`. Numbers elsewhere would make the shown unit meaningless.
    private static func checkTarget(_ syntax: Syntax) throws(CapacityError) {
        switch syntax.kind {
        case .word, .dollar: return
        case .number(let value) where value == 1: return
        case .binary(let op, let left, let right, _) where op == .multiply || op == .divide || op == .juxtapose:
            try checkTarget(left)
            try checkTarget(right)
        case .power(let base, let exponent, _):
            try checkTarget(base)
            var whole = exponent
            if case .negate(let inner) = exponent.kind { whole = inner }
            guard case .number = whole.kind else {
                throw CapacityError(.syntax, "a unit exponent must be a whole number", span: exponent.span)
            }
        default:
            throw CapacityError(.syntax, "a conversion target must be a unit such as 'MB', 'req/s' or '%'", span: syntax.span)
        }
    }
}
