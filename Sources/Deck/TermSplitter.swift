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
        // Trimmed straight from the slices: one copy each, not two.
        let term = text[..<colon].trimmingSpaces()
        let definition = text[text.index(after: colon)...].trimmingSpaces()
        guard looksLikeTerm(term) else { return nil }
        return Split(term: term, definition: definition)
    }

    /// A paragraph that opens with a bold term: `**Term**: text`, `**Term:** text`,
    /// `**Term** - text`. Only bold counts here: "It is fast. Use it: …" is prose.
    static func boldLeadIn(_ text: String) -> Split? {
        guard text.hasPrefix("**"), let split = boldTerm(text), !split.definition.isEmpty,
              looksLikeTerm(InlineMarkdown.text(split.term)) else { return nil }
        return split
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
        guard let close = TextSearch.firstRange(in: text[afterOpen...], of: "**") else { return nil }
        var term = text[afterOpen..<close.lowerBound].trimmingSpaces()
        var rest = text[close.upperBound...]
        if term.hasSuffix(":") {
            term = String(term.dropLast()).trimmingSpaces()
        } else if rest.first == ":" {
            rest = rest.dropFirst()
        } else if let dash = dashLeadIn(rest) {
            rest = rest[dash...]  // `**Term** - text`, `**Term** – text`
        } else if rest.allSatisfy({ $0 == " " || $0 == "\t" }) {
            return nil  // `**Scalability**` alone: a parent name, not a definition
        } else {
            return nil  // bold words inside a sentence
        }
        guard !term.isEmpty else { return nil }
        return Split(term: term, definition: rest.trimmingSpaces())
    }

    /// After spaces, a `-`, `–` or `—` and a space: where the text after them starts.
    private static func dashLeadIn(_ rest: Substring) -> Substring.Index? {
        let afterSpaces = rest.drop { $0 == " " || $0 == "\t" }
        guard afterSpaces.startIndex > rest.startIndex, let dash = afterSpaces.first, dash == "-" || dash == "–" || dash == "—" else {
            return nil
        }
        let afterDash = afterSpaces.dropFirst()
        guard afterDash.first == " " || afterDash.first == "\t" else { return nil }
        return afterDash.startIndex
    }

    /// The first `:` followed by a space or the end, outside backticks, parentheses and
    /// brackets (a link's text: `[Start here: the basics](#start)`).
    private static func termColon(in text: String) -> String.Index? {
        switch termColonASCII(in: text) {
        case .some(let found): return found
        case .none: break
        }
        var inCode = false
        var depth = 0
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            switch character {
            case "`": inCode.toggle()
            case "(" where !inCode, "[" where !inCode: depth += 1
            case ")" where !inCode, "]" where !inCode: depth = max(0, depth - 1)
            case ":" where !inCode && depth == 0:
                let next = text.index(after: index)
                if next == text.endIndex || text[next] == " " || text[next] == "\t" { return index }
            default: break
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// `termColon` on bytes while the text is plain ASCII: `.some(index or nil)` when that
    /// decides it, nil when a non-ASCII byte came first (a mark could change what the
    /// character before it is, so the character loop decides).
    private static func termColonASCII(in text: String) -> String.Index?? {
        let scanned = text.utf8.withContiguousStorageIfAvailable { bytes -> Int?? in
            var inCode = false
            var depth = 0
            for offset in 0..<bytes.count {
                let byte = bytes[offset]
                if byte >= 0x80 { return nil }
                // A non-ASCII byte right after a marker may be a mark making it another character.
                let next: UInt8? = offset + 1 < bytes.count ? bytes[offset + 1] : nil
                if let next, next >= 0x80 { return nil }
                switch byte {
                case UInt8(ascii: "`"): inCode.toggle()
                case UInt8(ascii: "(") where !inCode, UInt8(ascii: "[") where !inCode: depth += 1
                case UInt8(ascii: ")") where !inCode, UInt8(ascii: "]") where !inCode: depth = max(0, depth - 1)
                case UInt8(ascii: ":") where !inCode && depth == 0:
                    if next == nil || next == UInt8(ascii: " ") || next == UInt8(ascii: "\t") { return .some(offset) }
                default: break
                }
            }
            return .some(nil)
        }
        guard let scanned, let decided = scanned else { return nil }
        guard let offset = decided else { return .some(nil) }
        return .some(text.utf8.index(text.utf8.startIndex, offsetBy: offset))
    }

    static func looksLikeTerm(_ term: String) -> Bool {
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

// MARK: - The same on the bytes of simple text

extension TermSplitter {
    /// `split` as ranges of `bytes` (simple text).
    static func splitSimple(_ bytes: UnsafeBufferPointer<UInt8>) -> (term: Range<Int>, definition: Range<Int>)? {
        let all = 0..<bytes.count
        if SimpleText.hasPrefix(bytes, all, UInt8(ascii: "*"), UInt8(ascii: "*")), let bold = boldTermSimple(bytes) { return bold }
        guard let colon = termColonSimple(bytes) else { return nil }
        let term = SimpleText.trimmed(bytes, 0..<colon)
        guard looksLikeTermSimple(bytes, term) else { return nil }
        return (term, SimpleText.trimmed(bytes, (colon + 1)..<bytes.count))
    }

    /// `heading(of:)` as a range of `bytes` (simple text).
    static func headingSimple(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        if let split = splitSimple(bytes) { return split.term }
        var name = 0..<bytes.count
        let star = UInt8(ascii: "*")
        if SimpleText.hasPrefix(bytes, name, star, star), bytes.count >= 2, bytes[bytes.count - 2] == star, bytes[bytes.count - 1] == star,
           SimpleText.characterCount(bytes, name) > 4 {
            name = 2..<(bytes.count - 2)
        }
        while SimpleText.last(bytes, name) == UInt8(ascii: ":") { name = name.lowerBound..<(name.upperBound - 1) }
        return SimpleText.trimmed(bytes, name)
    }

    private static func boldTermSimple(_ bytes: UnsafeBufferPointer<UInt8>) -> (term: Range<Int>, definition: Range<Int>)? {
        guard let close = SimpleText.firstDoubleStar(bytes, in: 2..<bytes.count) else { return nil }
        var term = SimpleText.trimmed(bytes, 2..<close)
        var rest = (close + 2)..<bytes.count
        if SimpleText.last(bytes, term) == UInt8(ascii: ":") {
            term = SimpleText.trimmed(bytes, term.lowerBound..<(term.upperBound - 1))
        } else if !rest.isEmpty, bytes[rest.lowerBound] == UInt8(ascii: ":") {
            rest = (rest.lowerBound + 1)..<rest.upperBound
        } else if let dash = dashLeadInSimple(bytes, rest) {
            rest = dash..<rest.upperBound
        } else {
            return nil  // a parent name alone, or bold words inside a sentence
        }
        guard !term.isEmpty else { return nil }
        return (term, SimpleText.trimmed(bytes, rest))
    }

    /// `dashLeadIn` on bytes: spaces, then `-`, `–` (E2 80 93) or `—` (E2 80 94), then a space.
    private static func dashLeadInSimple(_ bytes: UnsafeBufferPointer<UInt8>, _ rest: Range<Int>) -> Int? {
        var index = rest.lowerBound
        while index < rest.upperBound, SimpleText.isSpace(bytes[index]) { index += 1 }
        guard index > rest.lowerBound, index < rest.upperBound else { return nil }
        if bytes[index] == UInt8(ascii: "-") {
            index += 1
        } else if index + 2 < rest.upperBound, bytes[index] == 0xE2, bytes[index + 1] == 0x80, bytes[index + 2] == 0x93 || bytes[index + 2] == 0x94 {
            index += 3
        } else {
            return nil
        }
        guard index < rest.upperBound, SimpleText.isSpace(bytes[index]) else { return nil }
        return index
    }

    /// The first `:` followed by a space, a tab or the end, outside backticks and parentheses.
    private static func termColonSimple(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var inCode = false
        var depth = 0
        for index in 0..<bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "`"): inCode.toggle()
            case UInt8(ascii: "(") where !inCode, UInt8(ascii: "[") where !inCode: depth += 1
            case UInt8(ascii: ")") where !inCode, UInt8(ascii: "]") where !inCode: depth = max(0, depth - 1)
            case UInt8(ascii: ":") where !inCode && depth == 0:
                if index + 1 == bytes.count || SimpleText.isSpace(bytes[index + 1]) { return index }
            default: break
            }
        }
        return nil
    }

    /// `looksLikeTerm` on the words of `term` (split at spaces, empty words dropped);
    /// words with non-ASCII letters are lowercased as Strings, as the original does.
    private static func looksLikeTermSimple(_ bytes: UnsafeBufferPointer<UInt8>, _ term: Range<Int>) -> Bool {
        guard !term.isEmpty else { return false }
        var wordCount = 0
        var previous: Range<Int>?  // a word is checked once the next one shows it is not the last
        var index = term.lowerBound
        while index < term.upperBound {
            if bytes[index] == UInt8(ascii: " ") {
                index += 1
                continue
            }
            let start = index
            while index < term.upperBound, bytes[index] != UInt8(ascii: " ") { index += 1 }
            wordCount += 1
            if wordCount > maximumTermWords { return false }
            if let previous, !isAbbreviationOrShort(bytes, previous) { return false }
            previous = start..<index
        }
        guard let lastWord = previous else { return false }
        return !isRunOnWord(bytes, lastWord)
    }

    /// A word before the last may end in a full stop only as "vs.", "e.g.", "i.e.",
    /// "etc." or when short ("a." in "Plan a. b"): otherwise the term reads as a sentence.
    private static func isAbbreviationOrShort(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        guard bytes[word.upperBound - 1] == UInt8(ascii: ".") else { return true }
        let bare = lowercased(bytes, word)
        return bare == "vs." || bare == "e.g." || bare == "i.e." || bare == "etc." || bare.count <= 2
    }

    private static func isRunOnWord(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> Bool {
        // The longest run-on word has 8 letters; longer ASCII words need no lookup.
        if word.count > 8, SimpleText.isASCII(bytes, word) { return false }
        return runOnWords.contains(lowercased(bytes, word))
    }

    /// The word lowercased: ASCII on bytes (short words stay inside the String, no
    /// allocation), anything else by `String.lowercased()`.
    private static func lowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>) -> String {
        guard SimpleText.isASCII(bytes, word) else { return SimpleText.string(bytes, word).lowercased() }
        return String(unsafeUninitializedCapacity: word.count) { buffer in
            for (offset, index) in word.enumerated() {
                let byte = bytes[index]
                buffer[offset] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            }
            return word.count
        }
    }
}
