/// A card that makes a weak prompt, why, and how its Markdown could say it better. The
/// parser already does what it can; these are left to the author's wording.
public struct PromptFinding: Hashable, Sendable {
    public enum Reason: String, Sendable, CaseIterable {
        case vagueFront = "front without a specific cue"
        case sharedFront = "front shared with another card"
        case conflictingDefinitions = "term defined twice with different answers"
        case questionAnswer = "answer is a question"
        case thinAnswer = "answer of three words or fewer"
        case namesOnly = "answer is only product names"
        case longList = "list of more than 7 items"
        case compoundTerm = "compound term"
        case circularAnswer = "answer repeats its term"
    }

    public let file: String
    public let line: Int
    public let card: CardID
    public let term: String
    public let reason: Reason
    public let suggestion: String

    public init(file: String, line: Int, card: CardID, term: String, reason: Reason, suggestion: String) {
        self.file = file
        self.line = line
        self.card = card
        self.term = term
        self.reason = reason
        self.suggestion = suggestion
    }

    /// The suggestion for a finding of `reason` on `term`, from the facts the linter found
    /// (`arguments`: a place, a context, the parts of a term). Findings keep only those
    /// facts and are given their words when shown: 56,000 findings of a 10 MB deck kept
    /// 9 MB of suggestions, mostly the same sentence.
    static func suggestion(_ reason: Reason, term: String, arguments: [String]) -> String {
        func argument(_ index: Int) -> String { index < arguments.count ? arguments[index] : "" }
        switch reason {
        case .sharedFront:
            return "another card at \(argument(0)) asks the same; give one of them a heading of its own"
        case .vagueFront:
            return "put it under a heading that names its topic, or write the topic into the label"
        case .conflictingDefinitions:
            return "'\(term)' is also defined at \(argument(0)); name the difference in the terms, e.g. '\(term) (\(argument(1)))'"
        case .questionAnswer:
            return "state the answer as a fact the learner can check"
        case .thinAnswer:
            return "add what it is for or how it works, so the answer can be recalled, not guessed"
        case .namesOnly:
            return "say what '\(term)' does or why it matters, then give the names as examples"
        case .longList:
            return "it is asked in parts; group the items under a few labels of at most 7 each"
        case .compoundTerm:
            return "split it into one definition each: " + arguments.map { "'- \($0): …'" }.joined(separator: ", ")
        case .circularAnswer:
            return "define it without its own name: what does it do, and why?"
        }
    }
}

/// Looks at a deck's cards one at a time (a big deck is never held whole) and lists the
/// weak prompts among them. Every rule is one function below. What it keeps per card is
/// numbers (hashes of fronts, terms and answers), so checking a 100k-card deck stays cheap;
/// a linter that only counts (`keepsFindings: false`, for the summary after a sync) does
/// not even write the suggestions, keeps no places, and leaves shared fronts to the sync,
/// which widens them (`DeckTally`).
public struct PromptLinter: Sendable {
    /// Per defined term, the hash of its first answer.
    private var definitionBacks: [UInt64: UInt64] = [:]
    /// Per defined term, where it was first defined (kept with the findings only), and
    /// per front, where it was first seen: a place is a file number and a line in one word
    /// (`place(of:)`), half the room of a file name and a line per card.
    private var definitionPlaces: [UInt64: UInt64] = [:]
    private var fronts: [UInt64: UInt64] = [:]
    private let keepsFindings: Bool
    /// The findings, packed; `findings` gives them as values.
    public private(set) var findingList = PromptFindingList()
    /// How many findings there are (also when they are not kept).
    public private(set) var count = 0
    /// The findings counted per reason.
    public private(set) var counts: [PromptFinding.Reason: Int] = [:]

    public init(keepsFindings: Bool = true) {
        self.keepsFindings = keepsFindings
    }

    public mutating func inspect(_ card: Card) {
        func add(_ reason: PromptFinding.Reason, _ arguments: @autoclosure () -> [String] = []) {
            count += 1
            counts[reason, default: 0] += 1
            guard keepsFindings else { return }
            findingList.append(file: card.source.file, line: card.source.line, card: card.id, term: card.term,
                               reason: reason, arguments: arguments())
        }
        if keepsFindings {
            if let first = fronts[card.frontKey] {
                add(.sharedFront, [location(first).description])
            } else {
                fronts[card.frontKey] = place(of: card.source)
            }
        }
        if Self.hasVagueFront(card) {
            add(.vagueFront)
        }
        switch card.kind {
        case .definition:
            let key = Self.wordHash(card.term), back = Self.wordHash(card.back)
            if let firstBack = definitionBacks[key] {
                if firstBack != back {
                    let first = definitionPlaces[key].map(location)
                    let place = first.map { $0.file == card.source.file ? "line \($0.line)" : "\($0.file):\($0.line)" } ?? "another line"
                    add(.conflictingDefinitions, [place, card.section.last.map(CardID.stripNumbering) ?? "context"])
                }
            } else {
                definitionBacks[key] = back
                if keepsFindings { definitionPlaces[key] = place(of: card.source) }
            }
            checkAnswer(card, add)
            if let parts = Self.compoundParts(card.term) {
                add(.compoundTerm, parts)
            }
        case .question:
            checkAnswer(card, add)
        case .list:
            if card.front.contains("name items ") && card.front.contains(" 1-") {
                add(.longList)
            }
        case .drill, .reverse, .comparison, .number:
            break  // drills are exercises; numbers are generated; derived cards are checked through their sources
        }
    }

    /// Every finding, in the order found.
    public var findings: [PromptFinding] { Array(findingList) }

    private mutating func place(of location: SourceLocation) -> UInt64 {
        UInt64(findingList.fileNumber(location.file)) << 32 | UInt64(UInt32(clamping: location.line))
    }

    private func location(_ place: UInt64) -> SourceLocation {
        SourceLocation(file: findingList.fileName(UInt32(place >> 32)), line: Int(place & 0xFFFF_FFFF))
    }

    private func checkAnswer(_ card: Card, _ add: (PromptFinding.Reason, @autoclosure () -> [String]) -> Void) {
        let back = card.back
        let wordCount = Self.wordCount(back)
        if back.last == "?" || back.hasSuffix("? ") {
            add(.questionAnswer, [])
        } else if wordCount <= 3 {
            if Self.isNamesOnly(back) {
                add(.namesOnly, [])
            } else {
                add(.thinAnswer, [])
            }
        } else if back.utf8.count <= Self.namesOnlyLength, Self.isNamesOnly(back) {
            add(.namesOnly, [])
        } else if wordCount <= Self.wordCount(card.term) + 3, Self.isCircular(term: card.term, back: back) {
            add(.circularAnswer, [])
        }
    }

    /// An answer of product names is short: longer answers are not looked at.
    static let namesOnlyLength = 80

    /// Words of `text` (runs of letters or digits), counted on its bytes.
    static func wordCount(_ text: String) -> Int {
        SimpleText.withBytes(text) { bytes in
            var count = 0
            var inWord = false
            for byte in bytes {
                let isWordByte = byte >= 0x80 || (byte >= 48 && byte <= 57) || (byte | 0x20 >= 97 && byte | 0x20 <= 122)
                if isWordByte && !inWord { count += 1 }
                inWord = isWordByte
            }
            return count
        }
    }

    /// A hash of the text's words, lowercased, ignoring punctuation and spacing.
    static func wordHash(_ text: String) -> UInt64 {
        SimpleText.withBytes(text, wordHash(bytes:))
    }

    private static func wordHash(bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var pendingSpace = false
        for byte in bytes {
            let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
            let isWordByte = lower >= 0x80 || (lower >= 48 && lower <= 57) || (lower >= 97 && lower <= 122)
            if isWordByte {
                if pendingSpace { hash = (hash ^ 0x20) &* 0x0000_0100_0000_01b3 }
                pendingSpace = false
                hash = (hash ^ UInt64(lower)) &* 0x0000_0100_0000_01b3
            } else {
                pendingSpace = hash != 0xcbf2_9ce4_8422_2325
            }
        }
        return hash
    }

    // MARK: Rules

    /// A front that names no topic: a list or question with no context at all, or one
    /// whose context is only generic words.
    static func hasVagueFront(_ card: Card) -> Bool {
        if card.section.isEmpty { return card.kind == .list }
        guard card.kind != .definition, !card.kind.isDerived else { return false }
        return card.section.map(CardID.stripNumbering).allSatisfy(GenericWords.isGeneric)
    }

    /// "Redis, Memcached" or "Kafka or RabbitMQ": every part a capitalised name of one or
    /// two words (and at least one part).
    static func isNamesOnly(_ back: String) -> Bool {
        // A word starting in lower case other than "or"/"and" rules it out (most answers,
        // found on the bytes without splitting anything).
        if hasLowercaseWord(back) { return false }
        var text = back
        while let last = text.last, last == "." || last == ";" { text.removeLast() }
        let parts = text.replacingWord("or", with: ",").replacingWord("and", with: ",").split(separator: ",")
            .map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { return false }
        return parts.allSatisfy { part in
            let words = part.split(separator: " ")
            return words.count <= 2 && words.allSatisfy { word in
                guard let first = word.first else { return false }
                return first.isUppercase || (first.isLetter && word.dropFirst().contains { $0.isUppercase })
            }
        }
    }

    /// Whether an ASCII word of `text` starts with a lower-case letter, "or" and "and" aside.
    static func hasLowercaseWord(_ text: String) -> Bool {
        var word: [UInt8] = []
        func startsLowercase() -> Bool {
            guard let first = word.first, first >= 97, first <= 122 else { return false }
            return word != [0x6F, 0x72] && word != [0x61, 0x6E, 0x64]  // "or", "and"
        }
        for byte in text.utf8 {
            if (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) {
                word.append(byte)
            } else {
                if startsLowercase() { return true }
                word.removeAll(keepingCapacity: true)
            }
        }
        return startsLowercase()
    }

    /// The term's words make up nearly all of the answer: at most three other words.
    static func isCircular(term: String, back: String) -> Bool {
        let termWords = words(term).map { $0.lowercased() }
        guard !termWords.isEmpty else { return false }
        var backWords = words(back).map { $0.lowercased() }
        guard let start = (0...max(0, backWords.count - termWords.count)).first(where: {
            $0 + termWords.count <= backWords.count && Array(backWords[$0..<($0 + termWords.count)]) == termWords
        }) else { return false }
        backWords.removeSubrange(start..<(start + termWords.count))
        return backWords.count <= 3
    }

    /// "A & B", "A/B", "A and B" naming two things: the parts, or nil. Short parts
    /// ("I/O", "TCP/IP") and comparisons ("A vs. B") are one thing.
    static func compoundParts(_ term: String) -> [String]? {
        let hasAmpersand = TextSearch.contains(term, " & "), hasSlash = term.utf8.contains(UInt8(ascii: "/"))
        guard hasAmpersand || hasSlash else { return nil }
        if term.lowercased().contains(" vs") || term.lowercased().contains("versus") { return nil }
        var parts: [String] = []
        // "Pub/Sub", "I/O", "TCP/IP": a slash between short parts names one thing.
        var shortest = 2
        if hasAmpersand {
            parts = term.components(separatedBy: " & ")
        } else if hasSlash {
            parts = term.split(separator: "/").map(String.init)
            shortest = 4
        }
        parts = parts.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        guard parts.count >= 2, parts.allSatisfy({ $0.count >= shortest }) else { return nil }
        return parts
    }

    static func words(_ text: String) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).map { word in
            word.trimmingCharacters { !($0.isLetter || $0.isNumber) }
        }.filter { !$0.isEmpty }
    }
}

private extension Substring {
    func trimmingCharacters(_ drop: (Character) -> Bool) -> Substring {
        var text = self
        while let first = text.first, drop(first) { text = text.dropFirst() }
        while let last = text.last, drop(last) { text = text.dropLast() }
        return text
    }
}

private extension String {
    func components(separatedBy separator: String) -> [String] {
        split(separator: separator, omittingEmptySubsequences: false).map(String.init)
    }

    /// Every " word " (as a whole word) replaced.
    func replacingWord(_ word: String, with replacement: String) -> String {
        components(separatedBy: " \(word) ").joined(separator: replacement)
    }
}
