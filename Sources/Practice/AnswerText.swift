/// How typed answers and expected terms are compared: the same idea written with other
/// quotes, dashes, case, spacing or a final full stop is the same answer.
public enum AnswerText {
    /// Case-folded, compatibility quotes and dashes mapped to ASCII, Markdown emphasis
    /// and code marks dropped, whitespace collapsed, trailing `.,;:!?` and surrounding
    /// quotes removed. Canonically equivalent Unicode (é as one scalar or as e + ´)
    /// already compares equal in Swift, character by character.
    public static func normalized(_ text: String) -> String {
        var mapped = ""
        for character in text {
            if let replacement = replacements[character] {
                mapped += replacement
            } else if character.isWhitespace {
                mapped.append(" ")
            } else {
                mapped.append(character)
            }
        }
        var words = mapped.lowercased().split(separator: " ").joined(separator: " ")
        while let last = words.last, trailingPunctuation.contains(last) || last == " " {
            words.removeLast()
        }
        while let first = words.first, let last = words.last, first == last, first == "\"" || first == "'", words.count >= 2 {
            words = String(words.dropFirst().dropLast()).trimmingCharacters(in: " ")
        }
        return words
    }

    /// The normalized text with hyphens, slashes and underscores read as spaces, so
    /// "write back" and "write-back" are the same words.
    public static func loose(_ normalized: String) -> String {
        String(normalized.map { "-/_".contains($0) ? " " : $0 }).split(separator: " ").joined(separator: " ")
    }

    /// `LRU`, `RPO`, `CQRS`: short all-capital names where one letter changes the
    /// meaning (RPO vs RTO), so only an exact answer counts.
    public static func isAcronym(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: " ")
        let letters = trimmed.filter(\.isLetter)
        guard (2...4).contains(letters.count) else { return false }
        return trimmed.allSatisfy { ($0.isASCII && $0.isUppercase) || $0.isNumber }
    }

    /// The text without parenthesised parts: `LRU (Least Recently Used)` -> `LRU`.
    public static func withoutParentheticals(_ text: String) -> String {
        var result = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1; continue }
            if character == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { result.append(character) }
        }
        return result.split(separator: " ").joined(separator: " ")
    }

    /// The contents of top-level parentheses, in order.
    public static func parentheticals(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" {
                if depth > 0 { current.append(character) }
                depth += 1
            } else if character == ")" && depth > 0 {
                depth -= 1
                if depth == 0 {
                    parts.append(current.trimmingCharacters(in: " "))
                    current = ""
                } else {
                    current.append(character)
                }
            } else if depth > 0 {
                current.append(character)
            }
        }
        return parts.filter { !$0.isEmpty }
    }

    static let trailingPunctuation: Set<Character> = [".", ",", ";", ":", "!", "?", "…"]

    /// Typographic forms people and outlines use interchangeably with ASCII ones.
    static let replacements: [Character: String] = [
        "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"", "\u{201F}": "\"", "\u{2033}": "\"", "\u{00AB}": "\"", "\u{00BB}": "\"",
        "\u{2018}": "'", "\u{2019}": "'", "\u{201A}": "'", "\u{201B}": "'", "\u{2032}": "'", "`": "",
        "\u{2010}": "-", "\u{2011}": "-", "\u{2012}": "-", "\u{2013}": "-", "\u{2014}": "-", "\u{2015}": "-", "\u{2212}": "-",
        "*": "", "\u{00A0}": " ", "\u{202F}": " ", "\u{2009}": " ",
    ]
}
