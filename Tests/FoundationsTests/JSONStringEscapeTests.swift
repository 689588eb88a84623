import Testing
import JSONText

/// `JSONValue.writeString` looks at eight bytes at a time and only at the bytes that may
/// need an escape; it must write what escaping one character at a time writes, wherever
/// in a string (and in its eight-byte words) the character falls.
@Suite struct JSONStringEscapeTests {
    /// One character at a time, as the JSON grammar and the writer's contract say.
    static func escapedByHand(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\u{8}": result += "\\b"
            case "\u{C}": result += "\\f"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    static func written(_ text: String) -> String {
        var output: [UInt8] = []
        JSONValue.writeString(text, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Every character the writer escapes, and the ones next to them in UTF-8 that it
    /// must not (U+2027 and U+202A share their first two bytes with U+2028), at every
    /// offset of strings up to three words long.
    static let characters: [String] = (0..<0x20).map { String(UnicodeScalar($0)!) }
        + ["\"", "\\", "/", "\u{7F}", "é", "\u{2027}", "\u{2028}", "\u{2029}", "\u{202A}", "→", "“", "😀"]

    @Test(arguments: characters)
    func escapesACharacterWhereverItFalls(character: String) {
        for length in 0...24 {
            for offset in 0...length {
                let text = String(repeating: "a", count: offset) + character + String(repeating: "b", count: length - offset)
                #expect(Self.written(text) == Self.escapedByHand(text), "\(length) \(offset)")
            }
        }
    }

    @Test func stringsOfMixedText() {
        let texts = ["", "plain", "tab\tthen \"quote\" then \\ and\u{2028}line", "\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{9}",
                     String(repeating: "é→“x”\u{2029}", count: 9), "ends with E2 80: \u{2000}", "\u{2028}"]
        for text in texts {
            #expect(Self.written(text) == Self.escapedByHand(text))
        }
    }
}
