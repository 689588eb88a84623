// `1.5 TB / 100 MB/s -> h` reads as `(1.5 TB / 100 MB) / s`, because `/` binds left to
// right: a rate, not a time. When a conversion fails, this looks for the one pair of
// parentheses around a quotient (`1.5 TB / (100 MB/s)`) that would make it succeed, so
// the error can show the expression as read and the fix. Only runs on that error path.

struct Regrouping {
    /// The expression with the right-hand quotient grouped.
    let syntax: Syntax
    /// Where the new parentheses go: around `100 MB/s`.
    let grouped: Range<Int>
    /// What the input was read as grouping instead: `1.5 TB / 100 MB`.
    let readAs: Range<Int>

    /// Every way of turning one `a / b / c` inside `syntax` into `a / (b / c)`.
    static func candidates(_ syntax: Syntax) -> [Regrouping] {
        var result: [Regrouping] = []
        switch syntax.kind {
        case .binary(let op, let left, let right, let operatorSpan):
            // Not when the user grouped `a / b` in parentheses themselves: `(a / b) / c`.
            if op == .divide, case .binary(.divide, let a, let b, let innerSpan) = left.kind,
               left.span == a.span.lowerBound..<b.span.upperBound {
                let quotient = Syntax(kind: .binary(.divide, b, right, operatorSpan: operatorSpan),
                                      span: b.span.lowerBound..<right.span.upperBound)
                let regrouped = Syntax(kind: .binary(.divide, a, quotient, operatorSpan: innerSpan), span: syntax.span)
                result.append(Regrouping(syntax: regrouped, grouped: quotient.span, readAs: left.span))
            }
            for candidate in candidates(left) {
                let rebuilt = Syntax(kind: .binary(op, candidate.syntax, right, operatorSpan: operatorSpan), span: syntax.span)
                result.append(Regrouping(syntax: rebuilt, grouped: candidate.grouped, readAs: candidate.readAs))
            }
            for candidate in candidates(right) {
                let rebuilt = Syntax(kind: .binary(op, left, candidate.syntax, operatorSpan: operatorSpan), span: syntax.span)
                result.append(Regrouping(syntax: rebuilt, grouped: candidate.grouped, readAs: candidate.readAs))
            }
        default:
            break
        }
        return result
    }

    /// `text` with `(` and `)` around `span` (Unicode scalar offsets).
    static func parenthesized(_ text: String, _ span: Range<Int>) -> String {
        let scalars = Array(text.unicodeScalars)
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[0..<span.lowerBound])
        result += "("
        result.unicodeScalars.append(contentsOf: scalars[span])
        result += ")"
        result.unicodeScalars.append(contentsOf: scalars[span.upperBound...])
        return result
    }
}
