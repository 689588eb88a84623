/// `--section`: a number selects that part of the outline (`3` is all of section 3,
/// `3.4` only "3.4 Caching"); anything else matches a heading, label, parent term or the
/// card's own term containing the text, ignoring case. Nothing else is looked at: not the
/// answer, not a Q/A card's question (its "term" is prose), not a link's URL (the text is
/// stored as rendered, the link's text only), and a URL spelled out in a heading is
/// skipped. The deck's name is not part of it either: `--only` selects decks.
public struct SectionFilter: Sendable {
    public let text: String
    /// The text lowercased, once: every card's headings and term are compared with it.
    private let needle: String
    /// Its bytes when they are ASCII: an ASCII heading is then searched byte by byte,
    /// without a lowercased copy (a `--section` over 190k cards spent 68% there).
    private let asciiNeedle: [UInt8]?

    public init(_ text: String) {
        self.text = text.trimmingSpaces()
        needle = self.text.lowercased()
        asciiNeedle = needle.utf8.allSatisfy { $0 < 0x80 } ? Array(needle.utf8) : nil
    }

    private var isNumber: Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && text.first!.isNumber
    }

    public func matches(_ section: [String]) -> Bool {
        if isNumber {
            let wanted = text.hasSuffix(".") ? String(text.dropLast()) : text
            return section.contains { heading in
                guard let number = HeadingNumber.split(heading).number else { return false }
                return number == wanted || number.hasPrefix(wanted + ".")
            }
        }
        return section.contains(where: contains)
    }

    /// Whether `text`, without its web addresses and ignoring case, contains the filter's text.
    private func contains(_ text: String) -> Bool {
        if let asciiNeedle, let found = Self.asciiContains(text, asciiNeedle) { return found }
        return Self.withoutURLs(text).lowercased().contains(needle)
    }

    /// The byte search for an ASCII `text` without web addresses; nil for any other text.
    static func asciiContains(_ text: String, _ needle: [UInt8]) -> Bool? {
        var text = text
        return text.withUTF8 { bytes -> Bool? in
            func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
            func hasAt(_ index: Int, _ pattern: StaticString) -> Bool {
                index + pattern.utf8CodeUnitCount <= bytes.count
                    && (0..<pattern.utf8CodeUnitCount).allSatisfy { bytes[index + $0] == pattern.utf8Start[$0] }
            }
            for index in bytes.indices {
                if bytes[index] >= 0x80 { return nil }
                if bytes[index] == UInt8(ascii: ":") && hasAt(index, "://") { return nil }
                if bytes[index] == UInt8(ascii: "w") && hasAt(index, "www.") { return nil }
            }
            guard !needle.isEmpty else { return true }
            guard needle.count <= bytes.count else { return false }
            for start in 0...(bytes.count - needle.count) where lower(bytes[start]) == needle[0] {
                if (1..<needle.count).allSatisfy({ lower(bytes[start + $0]) == needle[$0] }) { return true }
            }
            return false
        }
    }

    /// The section path or, for a word, the card's term (`Self.term(of:)`).
    public func matches(_ section: [String], term: String) -> Bool {
        matches(section) || matches(term: term)
    }

    /// The term alone: a word in it (a number names sections only).
    public func matches(term: String) -> Bool {
        !isNumber && !term.isEmpty && contains(term)
    }

    public func matches(_ card: Card) -> Bool {
        matches(card.section, term: Self.term(of: card))
    }

    /// The term a word may match: a Q/A card's question is prose, not a name.
    public static func term(of card: Card) -> String {
        card.kind == .question ? "" : card.term
    }

    /// The words of a section path, lowercased, without numbering, URLs or punctuation
    /// around them: what a "did you mean" for `--section` chooses from.
    public static func words(of section: [String]) -> Set<String> {
        var words = Set<String>()
        for heading in section {
            for word in withoutURLs(heading).split(whereSeparator: { $0 == " " || $0 == "/" }) {
                let trimmed = word.drop { !$0.isLetter && !$0.isNumber }.reversed().drop { !$0.isLetter && !$0.isNumber }.reversed()
                let cleaned = String(trimmed).lowercased()
                if cleaned.count >= 3, cleaned.contains(where: \.isLetter) { words.insert(cleaned) }
            }
        }
        return words
    }

    /// `text` without the words that are web addresses (a heading may spell one out).
    static func withoutURLs(_ text: String) -> String {
        guard text.contains("://") || text.contains("www.") else { return text }
        return text.split(separator: " ", omittingEmptySubsequences: false)
            .filter { !($0.contains("://") || $0.hasPrefix("www.") || $0.hasPrefix("<http") || $0.hasPrefix("(http")) }
            .joined(separator: " ")
    }
}
