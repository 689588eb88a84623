/// `--section`: a number selects that part of the outline (`3` is all of section 3,
/// `3.4` only "3.4 Caching"); anything else matches a heading, label, parent term or the
/// card's own term containing the text, ignoring case. Nothing else is looked at: not the
/// answer, not a Q/A card's question (its "term" is prose), not a link's URL (the text is
/// stored as rendered, the link's text only), and a URL spelled out in a heading is
/// skipped. The deck's name is not part of it either: `--only` selects decks.
public struct SectionFilter: Sendable {
    public let text: String

    public init(_ text: String) {
        self.text = text.trimmingSpaces()
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
        let needle = text.lowercased()
        return section.contains { Self.withoutURLs($0).lowercased().contains(needle) }
    }

    /// The section path or, for a word, the card's term (`Self.term(of:)`).
    public func matches(_ section: [String], term: String) -> Bool {
        if matches(section) { return true }
        guard !isNumber, !term.isEmpty else { return false }
        return Self.withoutURLs(term).lowercased().contains(text.lowercased())
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
