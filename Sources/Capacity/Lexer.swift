// Splits an expression into tokens. Numbers are read strictly: `1_000_000` and `1e9` are
// fine, `1,000,000` and `99.9.9` are refused with a pointer at the number, and a
// magnitude letter touching a number (`10k`, `500M`, `1.5B`, `2T`) multiplies it.

struct Lexer {
    /// Inputs longer than this are refused before any work is done.
    static let maximumLength = 1_000

    private let scalars: [Unicode.Scalar]
    private var index = 0
    /// One entry per open `(`: true when it opened a function call, where `,` separates
    /// arguments.
    private var openParentheses: [Bool] = []
    /// The last token was a function name, so the next `(` opens its arguments.
    private var functionPending = false

    private var insideFunctionCall: Bool { openParentheses.last == true }

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    static func tokens(_ text: String) throws(CapacityError) -> [Token] {
        var lexer = Lexer(text)
        guard lexer.scalars.count <= maximumLength else {
            throw CapacityError(.syntax, "the expression is too long (more than \(maximumLength) characters)",
                                span: maximumLength..<lexer.scalars.count)
        }
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let position = index + offset
        return position < scalars.count ? scalars[position] : nil
    }

    private func text(_ range: Range<Int>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[range])
        return result
    }

    private mutating func next() throws(CapacityError) -> Token {
        while let scalar = peek(), scalar.properties.isWhitespace { index += 1 }
        let start = index
        guard let scalar = peek() else { return Token(kind: .end, span: start..<start, text: "") }

        if Self.isDigit(scalar) || (scalar == "." && peek(1).map(Self.isDigit) == true) {
            return try number()
        }
        if Self.isLetter(scalar) {
            while let next = peek(), Self.isLetter(next) { index += 1 }
            return try word(from: start)
        }

        index += 1
        func token(_ kind: TokenKind) -> Token { Token(kind: kind, span: start..<index, text: text(start..<index)) }
        let opensFunction = functionPending
        functionPending = false
        switch scalar {
        case "+": return token(.plus)
        case "-", "\u{2212}":
            if scalar == "-", peek() == ">" { index += 1; return token(.arrow) }
            return token(.minus)
        case "*":
            if peek() == "*" { index += 1; return token(.caret) }
            return token(.star)
        case "×", "·", "\u{22C5}": return token(.star)
        case "/", "÷": return token(.slash)
        case "^": return token(.caret)
        case "(":
            openParentheses.append(opensFunction)
            return token(.leftParen)
        case ")":
            _ = openParentheses.popLast()
            return token(.rightParen)
        case "%": return token(.percent)
        case "$": return token(.dollar)
        case "→": return token(.arrow)
        case "," where insideFunctionCall:
            return token(.comma)
        case ",":
            throw CapacityError(.syntax, "',' is not part of the language: write thousands as '1_000_000'; commas only separate a function's arguments, as in 'max(3 ms, 20 ms)'",
                                span: start..<index)
        default:
            let shown = scalar.properties.isWhitespace || scalar.value < 0x20 ? "U+\(String(scalar.value, radix: 16, uppercase: true))" : String(scalar)
            throw CapacityError(.syntax, "unexpected character '\(shown)'", span: start..<index)
        }
    }

    /// Reads digits, an optional fraction and exponent, and a touching magnitude letter.
    private mutating func number() throws(CapacityError) -> Token {
        let start = index
        consumeDigits()
        if peek() == ".", peek(1).map(Self.isDigit) == true {
            index += 1
            consumeDigits()
        }
        if let e = peek(), e == "e" || e == "E" {
            if peek(1).map(Self.isDigit) == true {
                index += 1
                consumeDigits()
            } else if let sign = peek(1), sign == "+" || sign == "-", peek(2).map(Self.isDigit) == true {
                index += 2
                consumeDigits()
            }
        }
        // Inside a function call a comma ends the number: `max(3,20)`. Refuse only the
        // reading that could be a thousands separator (`max(10,100)`: 10 and 100, or 10,100?).
        if insideFunctionCall, peek() == ",", peek(1).map(Self.isDigit) == true {
            var groupEnd = index + 1
            while groupEnd < scalars.count, Self.isDigit(scalars[groupEnd]) { groupEnd += 1 }
            let before = text(start..<index)
            if groupEnd - index - 1 == 3, before.allSatisfy({ $0.isASCII && $0.isNumber }), before.count <= 3 {
                let written = text(start..<groupEnd)
                throw CapacityError(.invalidNumber,
                                    "'\(written)' is ambiguous inside a function: write '\(before), \(text((index + 1)..<groupEnd))' for two arguments or '\(before)_\(text((index + 1)..<groupEnd))' for one number",
                                    span: start..<groupEnd)
            }
        }
        // A second decimal point or a comma inside the number: show the whole run.
        else if let next = peek(), next == "." || next == ",", peek(1).map(Self.isDigit) == true {
            let isComma = next == ","
            while let more = peek(), Self.isDigit(more) || more == "." || more == "," || more == "_" { index += 1 }
            let written = text(start..<index)
            if isComma && !written.contains(".") {
                let fixed = String(written.map { $0 == "," ? "_" : $0 })
                throw CapacityError(.invalidNumber,
                                    "'\(written)' uses ',' as a thousands separator, which is not accepted: write '\(fixed)' (or '\(written.filter { $0 != "," })')",
                                    span: start..<index, suggestion: fixed)
            }
            throw CapacityError(.invalidNumber, "'\(written)' is not a number: it has more than one decimal point or a stray ','",
                                span: start..<index)
        }
        let written = text(start..<index)
        if hasMisplacedUnderscore(start..<index) {
            throw CapacityError(.invalidNumber, "'\(written)' has a misplaced '_': underscores go between digits, as in '1_000_000'",
                                span: start..<index, suggestion: written.filter { $0 != "_" })
        }
        let digits = written.filter { $0 != "_" }
        guard var value = Double(digits) else {
            throw CapacityError(.invalidNumber, "'\(written)' is not a number", span: start..<index)
        }
        guard value.isFinite else {
            throw CapacityError(.overflow, "'\(written)' is too large to compute with (the limit is about 1.8e308)", span: start..<index)
        }
        let mantissa = digits.prefix { $0 != "e" && $0 != "E" }
        let writtenNonZero = mantissa.contains { $0 != "0" && $0 != "." }
        if (value != 0 && value < Double.leastNormalMagnitude) || (value == 0 && writtenNonZero) {
            throw CapacityError(.overflow, "'\(written)' is too small to compute with (the limit is about 2.2e-308)", span: start..<index)
        }

        // A magnitude letter touching the number: the whole following word must be it.
        var note: String?
        var wordEnd = index
        while wordEnd < scalars.count, Self.isLetter(scalars[wordEnd]) { wordEnd += 1 }
        if wordEnd > index, let multiplier = Self.magnitudes[text(index..<wordEnd)] {
            let suffix = text(index..<wordEnd)
            index = wordEnd
            value *= multiplier
            guard value.isFinite else {
                throw CapacityError(.overflow, "'\(text(start..<index))' is too large to compute with (the limit is about 1.8e308)", span: start..<index)
            }
            if suffix == "B" {
                let bytes = value == 1e9 ? "byte" : "bytes"
                note = "'\(text(start..<index))' means \(written) billion \(Self.magnitudeNoteMark); write '\(written) B' or '\(written) \(bytes)' for bytes"
            }
        }
        return Token(kind: .number(value), span: start..<index, text: text(start..<index), note: note)
    }

    /// A word ending at `index`: a keyword, a function name with its `(` touching it, or
    /// a unit name. `log2` and `log10` take their digits here; a function name without
    /// its `(` is read as a word (`min` is then minutes).
    private mutating func word(from start: Int) throws(CapacityError) -> Token {
        var word = text(start..<index)
        if word == "log" {
            for base in ["2", "10"] {
                let digits = Array(base.unicodeScalars)
                let end = index + digits.count
                if end <= scalars.count, Array(scalars[index..<end]) == digits,
                   !(end < scalars.count && Self.isDigit(scalars[end])) {
                    index = end
                    word += base
                    break
                }
            }
            if word == "log" {
                throw CapacityError(.syntax, "'log' needs a base: write log2(...), log10(...) or ln(...)", span: start..<index)
            }
        }
        // Only a word touching '(' is looked up as a function, so unit words cost nothing
        // extra; a function name without its '(' is explained when it fails as a unit.
        if peek() == "(", let function = MathFunction(rawValue: word) {
            functionPending = true
            return Token(kind: .function(function), span: start..<index, text: word)
        }
        return Token(kind: Self.keyword(word) ?? .word(word), span: start..<index, text: word)
    }

    /// Underscores may only sit between two digits: `1_000`, not `_1`, `1__0` or `1_.5`.
    private func hasMisplacedUnderscore(_ range: Range<Int>) -> Bool {
        for position in range where scalars[position] == "_" {
            let before = position > range.lowerBound ? scalars[position - 1] : nil
            let after = position + 1 < range.upperBound ? scalars[position + 1] : nil
            if !(before.map(Self.isDigit) ?? false) || !(after.map(Self.isDigit) ?? false) { return true }
        }
        return false
    }

    private mutating func consumeDigits() {
        while let next = peek(), Self.isDigit(next) || next == "_" { index += 1 }
    }

    /// Marks the "B touching a number" note, so a session can show it once.
    static let magnitudeNoteMark = "(B touching a number is a magnitude)"

    static let magnitudes: [String: Double] = ["k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12]

    static func keyword(_ word: String) -> TokenKind? {
        switch word {
        case "to", "in": return .arrow
        case "per": return .slash
        case "x", "of": return .star
        default: return nil
        }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar)
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic && !isDigit(scalar)
    }
}
