/// Splits a bullet's text into term and definition, the way a person reads an outline:
/// `**Term**: definition`, `**Term:** definition`, or `Term: definition` when the part
/// before the colon reads like a name (short, not a sentence that runs on into the
/// colon like "You can only have two of: ...").
enum TermSplitter {
    struct Split: Equatable {
        let term: String
        /// Text after the colon, exactly as written (empty for `Fault Isolation:`).
        let definition: String
    }

    /// Words that end a phrase that runs on into a list rather than naming a term.
    private static let runOnWords: Set<String> = [
        "a", "an", "the", "of", "to", "for", "in", "on", "with", "and", "or", "as", "by", "from",
        "at", "is", "are", "be", "that", "this", "than", "into", "about", "include", "includes", "such",
    ]

    static let maximumTermWords = 8

    static func split(_ text: String) -> Split? {
        if text.hasPrefix("**"), let bold = boldTerm(text) { return bold }
        guard let colon = termColon(in: text) else { return nil }
        let term = String(text[..<colon]).trimmingSpaces()
        let definition = String(text[text.index(after: colon)...]).trimmingSpaces()
        guard looksLikeTerm(term) else { return nil }
        return Split(term: term, definition: definition)
    }

    /// The name of a parent or bold bullet without a definition: `**Scalability**`,
    /// `Fault Isolation:`, `**Scalability**:`.
    static func heading(of text: String) -> String {
        if let split = split(text) { return split.term }
        var name = text
        if name.hasPrefix("**"), name.hasSuffix("**"), name.count > 4 { name = String(name.dropFirst(2).dropLast(2)) }
        while name.hasSuffix(":") { name.removeLast() }
        return name.trimmingSpaces()
    }

    private static func boldTerm(_ text: String) -> Split? {
        let afterOpen = text.index(text.startIndex, offsetBy: 2)
        guard let close = text[afterOpen...].firstRange(of: "**") else { return nil }
        var term = text[afterOpen..<close.lowerBound].trimmingSpaces()
        var rest = text[close.upperBound...]
        if term.hasSuffix(":") {
            term = String(term.dropLast()).trimmingSpaces()
        } else if rest.first == ":" {
            rest = rest.dropFirst()
        } else if rest.allSatisfy({ $0 == " " || $0 == "\t" }) {
            return nil  // `**Scalability**` alone: a parent name, not a definition
        } else {
            return nil  // bold words inside a sentence
        }
        guard !term.isEmpty else { return nil }
        return Split(term: term, definition: rest.trimmingSpaces())
    }

    /// The first `:` followed by a space or the end, outside backticks and parentheses.
    private static func termColon(in text: String) -> String.Index? {
        var inCode = false
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            switch character {
            case "`": inCode.toggle()
            case "(" where !inCode: depth += 1
            case ")" where !inCode: depth = max(0, depth - 1)
            case ":" where !inCode && depth == 0:
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " || text[next] == "\t" { return index }
            default: break
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func looksLikeTerm(_ term: String) -> Bool {
        guard !term.isEmpty else { return false }
        let words = term.split(separator: " ")
        guard words.count <= maximumTermWords else { return false }
        let lastWord = words.last!.lowercased()
        if runOnWords.contains(lastWord) { return false }
        // A full stop followed by more words is a sentence ("It is fast. Use it: ..."),
        // except abbreviations such as "vs." and "e.g.".
        for (index, word) in words.enumerated() where index < words.count - 1 && word.hasSuffix(".") {
            let bare = word.lowercased()
            if bare != "vs." && bare != "e.g." && bare != "i.e." && bare != "etc." && bare.count > 2 { return false }
        }
        return true
    }
}
