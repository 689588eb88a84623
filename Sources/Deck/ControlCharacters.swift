/// Text from a deck or an import may hold control characters: an ESC or BEL printed raw
/// would drive the user's terminal. Everything shown as text goes through `visible`;
/// `--json` keeps the text exact (JSON escapes them).
public enum ControlCharacters {
    /// `text` with each control character other than tab and line feed shown as a caret
    /// escape (`^[` for ESC, `^G` for BEL, `^?` for DEL), and C1 controls as U+FFFD.
    public static func visible(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A || $0 == 0x7F || $0 == 0xC2 }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A:
                result.append(scalar)
            case 0x00..<0x20:
                result.append("^")
                result.append(Unicode.Scalar(UInt8(scalar.value) + 0x40))
            case 0x7F:
                result.append(contentsOf: "^?".unicodeScalars)
            case 0x80..<0xA0:
                result.append("\u{FFFD}")
            default:
                result.append(scalar)
            }
        }
        return String(result)
    }
}
