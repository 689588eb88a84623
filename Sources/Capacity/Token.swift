// The words and symbols of an expression, each with its span in Unicode scalars.

enum TokenKind: Equatable, Sendable {
    case number(Double)
    case word(String)
    case dollar
    case percent
    case plus
    case minus
    case star
    case slash
    case caret
    case leftParen
    case rightParen
    /// A function name with its `(` touching it: `max(`, `ceil(`. The `(` is its own token.
    case function(MathFunction)
    /// Separates a function's arguments; only produced inside a function's parentheses.
    case comma
    /// `->`, `→`, `to`, `in`: convert to the unit that follows.
    case arrow
    case end
}

struct Token: Sendable {
    let kind: TokenKind
    let span: Range<Int>
    /// The text as typed, for messages ("'per'", "'1.5B'").
    let text: String
    /// Something the reader should know about how this token was read.
    var note: String?

    /// Whether the token can start an operand that follows another operand with no
    /// operator in between (`100M req`, `2 (3 + 4)`, `5 $`).
    var startsImplicitOperand: Bool {
        switch kind {
        case .word, .dollar, .leftParen, .function: return true
        default: return false
        }
    }

    /// How the token is named in messages.
    var quoted: String {
        kind == .end ? "the end of the input" : "'\(text)'"
    }
}
