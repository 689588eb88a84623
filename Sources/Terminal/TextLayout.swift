/// Column-aware padding and wrapping for plain-text tables and screens.
/// For text that may hold colour escape sequences, use `ANSIText`.
public enum TextLayout {
    /// Display width: East Asian wide characters and emoji take two columns, combining
    /// marks none. Good enough for card text; not a full UAX #11 implementation.
    public static func width(_ text: String) -> Int {
        var columns = 0
        for character in text {
            columns += width(of: character)
        }
        return columns
    }

    /// Columns one character takes: 0 for control characters, 2 for wide ones, else 1.
    /// A character's combining marks and emoji modifiers ride along with its first scalar.
    public static func width(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return 0 }
        if (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
            || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1FAFF).contains(value)
            || (0x20000...0x3FFFD).contains(value) {
            return 2
        }
        return 1
    }

    public static func padRight(_ text: String, to columns: Int) -> String {
        let missing = columns - width(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    public static func padLeft(_ text: String, to columns: Int) -> String {
        let missing = columns - width(text)
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }

    /// Greedy word wrap to `columns`; words wider than a line are split by columns (so a
    /// run of wide characters never overflows).
    public static func wrap(_ text: String, columns: Int) -> [String] {
        let limit = max(10, columns)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = Substring(word)
                while width(String(word)) > limit {
                    if !line.isEmpty { lines.append(line); line = "" }
                    let fitting = prefix(word, fitting: limit)
                    // A single character wider than the line still has to go somewhere.
                    let head = fitting.isEmpty ? word.prefix(1) : fitting
                    lines.append(String(head))
                    word = word[head.endIndex...]
                }
                let wordText = String(word)
                if line.isEmpty {
                    line = wordText
                } else if width(line) + 1 + width(wordText) <= limit {
                    line += " " + wordText
                } else {
                    lines.append(line)
                    line = wordText
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// Truncates to `columns`, ending with "…" when cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard columns > 0, width(text) > columns else { return text }
        return String(prefix(Substring(text), fitting: columns - 1)) + "…"
    }

    /// The longest prefix that fits in `columns`.
    private static func prefix(_ text: Substring, fitting columns: Int) -> Substring {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            used += width(of: text[index])
            if used > columns { break }
            end = text.index(after: index)
        }
        return text[..<end]
    }
}
