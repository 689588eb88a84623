/// A character diff of a typed answer against the expected one, so a near miss shows
/// exactly which letters were off: `consistent hashin{+g+}`, `write[-_-]{+-+}back`.
public enum DiffSegment: Equatable, Sendable {
    /// Characters both share.
    case same(String)
    /// Characters typed that the expected answer does not have.
    case extra(String)
    /// Characters the expected answer has that were not typed.
    case missing(String)
}

public enum CharacterDiff {
    /// Longest-common-subsequence alignment of `given` to `expected`. Inputs longer than
    /// `limit` characters are shown as one replacement: answers are short, and the
    /// quadratic table should never grow large.
    public static func segments(given: String, expected: String, limit: Int = 300) -> [DiffSegment] {
        let a = Array(given), b = Array(expected)
        if a == b { return a.isEmpty ? [] : [.same(given)] }
        guard a.count <= limit, b.count <= limit else {
            return [.extra(given), .missing(expected)].filter { segment in
                if case .extra(let text) = segment { return !text.isEmpty }
                if case .missing(let text) = segment { return !text.isEmpty }
                return true
            }
        }
        // table[i][j]: length of the LCS of a[i...] and b[j...].
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var result: [DiffSegment] = []
        func append(_ character: Character, _ kind: (String) -> DiffSegment) {
            let next = kind(String(character))
            if let last = result.last {
                switch (last, next) {
                case (.same(let text), .same): result[result.count - 1] = .same(text + String(character)); return
                case (.extra(let text), .extra): result[result.count - 1] = .extra(text + String(character)); return
                case (.missing(let text), .missing): result[result.count - 1] = .missing(text + String(character)); return
                default: break
                }
            }
            result.append(next)
        }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                append(a[i], DiffSegment.same)
                i += 1
                j += 1
            } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
                // On a tie the typed character goes first, reading "[-this-]{+not that+}".
                append(a[i], DiffSegment.extra)
                i += 1
            } else {
                append(b[j], DiffSegment.missing)
                j += 1
            }
        }
        return result
    }

    /// wdiff-style markers for plain text: `[-typed-]` was not expected, `{+missing+}`
    /// was expected but not typed.
    public static func text(_ segments: [DiffSegment]) -> String {
        segments.map { segment in
            switch segment {
            case .same(let text): return text
            case .extra(let text): return "[-" + text + "-]"
            case .missing(let text): return "{+" + text + "+}"
            }
        }.joined()
    }

    /// Share of the expected characters the answer got in place (0...1): a diff is worth
    /// showing for a near miss, and is noise for an unrelated answer.
    public static func sharedFraction(_ segments: [DiffSegment]) -> Double {
        var shared = 0, expected = 0
        for segment in segments {
            switch segment {
            case .same(let text): shared += text.count; expected += text.count
            case .missing(let text): expected += text.count
            case .extra: break
            }
        }
        return expected == 0 ? 0 : Double(shared) / Double(expected)
    }

    public static func isIdentical(_ segments: [DiffSegment]) -> Bool {
        segments.allSatisfy { if case .same = $0 { return true } else { return false } }
    }
}
