// Writes a conversion target back as a unit symbol, keeping the user's spellings
// (`-> hours` shows hours) but pluralizing a leading singular word (`-> day` shows 5 days).

enum TargetText {
    static func render(_ syntax: Syntax, evaluator: Evaluator) -> (symbol: String, plural: String?) {
        let symbol = text(syntax, evaluator: evaluator)
        var plural: String?
        if let (word, rest) = leadingWord(syntax, evaluator: evaluator), let wordPlural = UnitCatalog.plural(of: word) {
            plural = wordPlural + rest
        }
        // `1/s` reads better as `/s` after a number: `5/s`.
        if symbol.hasPrefix("1/") { return (String(symbol.dropFirst()), nil) }
        return (symbol, plural)
    }

    private static func text(_ syntax: Syntax, evaluator: Evaluator) -> String {
        switch syntax.kind {
        case .word(let word): return word
        case .dollar: return "$"
        case .number: return evaluator.text(syntax.span)
        case .binary(let op, let left, let right, _):
            let lhs = text(left, evaluator: evaluator)
            var rhs = text(right, evaluator: evaluator)
            if op == .divide {
                if case .binary(let inner, _, _, _) = right.kind, inner != .divide { rhs = "(" + rhs + ")" }
                return lhs + "/" + rhs
            }
            return lhs + "·" + rhs
        case .power(let base, let exponent, _):
            return text(base, evaluator: evaluator) + "^" + evaluator.text(exponent.span).filter { $0 != " " }
        default:
            return evaluator.text(syntax.span)
        }
    }

    /// `day` in `day`, `user` in `user/day` (with "/day" as the rest).
    private static func leadingWord(_ syntax: Syntax, evaluator: Evaluator) -> (String, String)? {
        switch syntax.kind {
        case .word(let word): return (word, "")
        case .binary(.divide, let left, _, _):
            guard case .word(let word) = left.kind else { return nil }
            let whole = text(syntax, evaluator: evaluator)
            return (word, String(whole.dropFirst(word.count)))
        default: return nil
        }
    }
}
