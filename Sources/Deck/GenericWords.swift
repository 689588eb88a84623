/// Headings and labels that say what kind of thing follows, not what it is about:
/// "Advantages" alone does not tell a learner which topic's advantages are asked. A
/// front whose nearest heading or label is one of these also names the nearest specific
/// heading above it. The one list of them; plurals and a trailing "(s)" count too.
public enum GenericWords {
    static let words: Set<String> = [
        "advantage", "disadvantage", "pro", "con", "pros and cons", "benefit", "drawback", "example", "type", "kind",
        "use case", "overview", "introduction", "intro", "summary", "note", "consideration", "purpose", "definition",
        "technique", "level", "process", "solution", "how it works", "key point", "detail", "feature", "limitation",
        "trade-off", "tradeoff", "trade off", "when to use", "why", "what", "how", "concept", "basics", "background",
        "description", "step", "approach", "strategy", "problem", "challenge", "issue", "tip", "caveat", "goal",
        "requirement", "component", "characteristic", "property", "idea", "key idea", "key concept", "details",
        "downside", "upside", "strength", "weakness", "alternative", "option", "source", "further reading",
        "reference", "resource", "link", "related", "see also", "tl;dr", "tldr", "conclusion", "what is it", "algorithm", "method", "pattern", "principle", "practice", "best practice", "rule", "metric",
        "guideline", "mechanism", "implementation", "usage", "application", "category", "variant", "design",
    ]

    /// Headings whose prose introduces a text rather than defining a thing: their first
    /// paragraph makes no card. Other generic headings ("Methods", "Phases") do define
    /// something, with the topic above them as context.
    static let introductions: Set<String> = [
        "overview", "introduction", "intro", "summary", "note", "reference", "conclusion", "background", "tl;dr", "tldr",
        "further reading", "resource", "source", "see also", "related", "link", "what", "why", "how", "acknowledgement",
        "credit", "license", "contributing", "table of contents", "contents", "index",
    ]

    /// Labels of one attribute of the topic above them (`- **Purpose**: Speed up reads.`
    /// under "Indexing"): such a card asks the topic for the attribute ("Indexing:
    /// purpose?") and is never reversed, as "Purpose" answers nothing on its own.
    static let attributes: Set<String> = [
        "purpose", "definition", "example", "examples", "note", "notes", "pro", "pros", "con", "cons", "total",
        "benefit", "benefits", "drawback", "drawbacks", "advantage", "advantages", "disadvantage", "disadvantages",
        "description", "meaning", "goal", "goals", "idea", "summary", "overview", "use", "uses", "usage", "downside",
        "upside", "limitation", "limitations", "when to use", "why", "how", "assumption", "assumptions",
        "constraint", "constraints", "requirement", "requirements",
    ]

    /// `attributes` as bytes, by length (index: the length; an array, as a dictionary
    /// lookup cost more than the comparisons).
    private static let attributeBytes: [[[UInt8]]] = {
        let words = attributes.map { Array($0.utf8) }
        return (0...(words.map(\.count).max() ?? 0)).map { length in words.filter { $0.count == length } }
    }()

    /// Whether the term `term` labels an attribute of the topic above it ("Purpose",
    /// "Cons:", "Benefit(s)"). Compared on bytes, ASCII case ignored: this runs for every
    /// definition of a deck.
    public static func isAttribute(_ term: String) -> Bool {
        SimpleText.withBytes(term) { bytes in
            var count = bytes.count
            while count > 0, bytes[count - 1] == UInt8(ascii: ":") || bytes[count - 1] == UInt8(ascii: ".") { count -= 1 }
            if count >= 3, bytes[count - 3] == UInt8(ascii: "("), bytes[count - 2] == UInt8(ascii: "s"), bytes[count - 1] == UInt8(ascii: ")") {
                count -= 3
            }
            guard count < attributeBytes.count else { return false }
            return attributeBytes[count].contains { word in
                word.indices.allSatisfy { index in
                    SimpleText.lowercased(bytes[index]) == word[index]
                }
            }
        }
    }

    /// Whether `title` introduces a text ("Overview", "References", "Notes").
    public static func isIntroduction(_ title: String) -> Bool {
        var text = InlineMarkdown.text(title).lowercased().trimmingSpaces()
        while let last = text.last, last == ":" || last == "." { text.removeLast() }
        if text.hasSuffix("(s)") { text = String(text.dropLast(3)).trimmingSpaces() }
        if introductions.contains(text) { return true }
        return text.hasSuffix("s") && introductions.contains(String(text.dropLast()))
    }

    /// Whether `title` (a heading or label without numbering) is generic: "Advantages",
    /// "Disadvantage(s)", "Use cases", "Pros & Cons", "Examples:".
    public static func isGeneric(_ title: String) -> Bool {
        if let word = plainWord(title) { return isGenericWord(word) }
        var text = InlineMarkdown.text(title).lowercased().trimmingSpaces()
        while let last = text.last, last == ":" || last == "." { text.removeLast() }
        if text.hasSuffix("(s)") { text = String(text.dropLast(3)).trimmingSpaces() }
        text = text.replacingAmpersand()
        return isGenericWord(text)
    }

    /// `title` lowercased when it is one plain ASCII word (letters and hyphens, as most
    /// heads of names and many headings are): nothing in it to render or trim.
    private static func plainWord(_ title: String) -> String? {
        var lowered = [UInt8]()
        for byte in title.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "-"): lowered.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): lowered.append(byte + 32)
            default: return nil
            }
        }
        return String(decoding: lowered, as: UTF8.self)
    }

    /// Whether the normalized `text` (lowercase, trimmed) is generic, plurals included.
    private static func isGenericWord(_ text: String) -> Bool {
        if text.isEmpty { return false }
        if words.contains(text) { return true }
        if text.hasSuffix("ies"), words.contains(String(text.dropLast(3)) + "y") { return true }
        if text.hasSuffix("es"), words.contains(String(text.dropLast(2))) { return true }
        if text.hasSuffix("s"), words.contains(String(text.dropLast())) { return true }
        return false
    }
}

private extension String {
    /// "pros & cons" -> "pros and cons".
    func replacingAmpersand() -> String {
        guard contains("&") else { return self }
        return split(separator: "&").map { $0.trimmingSpaces() }.joined(separator: " and ")
    }
}
