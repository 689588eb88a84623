/// Column-aware padding and wrapping for plain-text tables and screens.
public enum TextLayout {
    /// Display width: East Asian wide characters and emoji take two columns, combining
    /// marks none. Good enough for card text; not a full UAX #11 implementation.
    public static func width(_ text: String) -> Int {
        var columns = 0
        for character in text {
            guard let scalar = character.unicodeScalars.first else { continue }
            let value = scalar.value
            if value < 0x20 { continue }
            if (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1FAFF).contains(value)
                || (0x20000...0x3FFFD).contains(value) {
                columns += 2
            } else {
                columns += 1
            }
        }
        return columns
    }

    public static func padRight(_ text: String, to columns: Int) -> String {
        let missing = columns - width(text)
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    public static func padLeft(_ text: String, to columns: Int) -> String {
        let missing = columns - width(text)
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }

    /// Greedy word wrap to `columns`; words longer than a line are split.
    public static func wrap(_ text: String, columns: Int) -> [String] {
        let limit = max(10, columns)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = String(word)
                while width(word) > limit {
                    if !line.isEmpty { lines.append(line); line = "" }
                    let head = String(word.prefix(limit))
                    lines.append(head)
                    word = String(word.dropFirst(limit))
                }
                if line.isEmpty {
                    line = word
                } else if width(line) + 1 + width(word) <= limit {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = word
                }
            }
            lines.append(line)
        }
        return lines
    }

    /// Truncates to `columns`, ending with "…" when cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard width(text) > columns, columns > 0 else { return text }
        var result = ""
        for character in text {
            if width(result + String(character)) > columns - 1 { break }
            result.append(character)
        }
        return result + "…"
    }
}
