// The parsed form of an expression. Every node keeps its span so evaluation errors
// (wrong dimensions, division by zero) can point at the exact operands.

enum BinaryOperator: Sendable {
    case add, subtract, multiply, divide
    /// Multiplication written by juxtaposition (`100M req`, `2 GB`): binds tighter than
    /// `*` and `/`, so `10 MB / 2 s` is five megabytes per second.
    case juxtapose

    var verb: String {
        switch self {
        case .add: return "add"
        case .subtract: return "subtract"
        case .multiply, .juxtapose: return "multiply"
        case .divide: return "divide"
        }
    }
}

indirect enum SyntaxKind: Sendable {
    case number(Double)
    case word(String)
    /// `$` on its own: the dollar as a unit (`$/month`, `5 $`).
    case dollar
    /// `$` written before a number: `$0.10`.
    case money(Syntax)
    case percent(Syntax)
    case negate(Syntax)
    case binary(BinaryOperator, Syntax, Syntax, operatorSpan: Range<Int>)
    case power(Syntax, Syntax, operatorSpan: Range<Int>)
    /// `max(3 ms, 20 ms)`: a function and its arguments.
    case call(MathFunction, [Syntax])
}

struct Syntax: Sendable {
    let kind: SyntaxKind
    let span: Range<Int>
}

/// What follows `->`, `to` or `in`.
enum ConversionTarget: Sendable {
    /// `-> %`
    case percent(span: Range<Int>)
    case unit(Syntax)

    var span: Range<Int> {
        switch self {
        case .percent(let span): return span
        case .unit(let syntax): return syntax.span
        }
    }
}

struct Statement: Sendable {
    let expression: Syntax
    let target: ConversionTarget?
    /// Notes from the tokens, e.g. that `1.5B` was read as a billion.
    let notes: [String]
}
