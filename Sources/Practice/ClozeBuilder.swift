import Study
import Deck

/// An enumeration found in a card: a list card's items, or a comma enumeration such as
/// `LRU (Least Recently Used), LFU (Least Frequently Used), FIFO.`
public struct ClozeEnumeration: Sendable, Equatable {
    /// Where it comes from, shown before the items: `Caching › Eviction`.
    public let title: String
    public let items: [String]
    /// Whether the order is part of what is learned: a numbered list, or steps. An
    /// unordered set is asked without teaching an order.
    public var ordered = false

    public init(title: String, items: [String], ordered: Bool = false) {
        self.title = title
        self.items = items
        self.ordered = ordered
    }
}

/// One overlapping cloze: one item hidden, the item before it shown as the cue.
public struct ClozePrompt: Sendable, Equatable {
    public let card: Card
    public let enumeration: ClozeEnumeration
    public let hidden: Int

    public var expected: String { enumeration.items[hidden] }
    /// The other items: typing one of them is never accepted for this one.
    public var siblings: [String] { enumeration.items.enumerated().filter { $0.offset != hidden }.map(\.element) }

    /// Ordered: `Steps (item 2 of 3): Plan, ___, …` (the item before as the cue).
    /// Unordered: `Caching › Eviction — one is missing: FIFO, LRU (Least Recently Used), ___`
    /// (the others in an order of their own, so no position is learned).
    public var text: String {
        let items = enumeration.items
        guard enumeration.ordered else {
            var random = PracticeRandom(seed: UInt64(hidden)).derived("cloze-order:" + card.id.rawValue + enumeration.title)
            let others = random.shuffled(siblings)
            return "\(enumeration.title) — one is missing: " + (others + [ClozeBuilder.blank]).joined(separator: ", ")
        }
        var shown: [String] = []
        if hidden > 0 { shown.append(items[hidden - 1]) }
        shown.append(ClozeBuilder.blank)
        if hidden < items.count - 1 { shown.append("…") }
        return "\(enumeration.title) (item \(hidden + 1) of \(items.count)): " + shown.joined(separator: ", ")
    }
}

/// Finds enumerations in cards and turns each into overlapping cloze prompts (SuperMemo's
/// advice for lists: never ask for a whole set at once; ask one item at a time with its
/// neighbour as the cue, so every item gets its own review).
public enum ClozeBuilder {
    public static let blank = "___"
    /// Items of a comma enumeration may have at most this many words (outside
    /// parentheses): longer parts are clauses ("covering indexes speed up queries"),
    /// not names, and would make a poor blank to fill.
    static let maximumWordsInCommaItem = 3
    /// A list card's own items may be a little longer ("TLS for data in-transit").
    static let maximumWordsInListItem = 5
    static let maximumItemLength = 48

    public static func prompts(for card: Card) -> [ClozePrompt] {
        enumerations(of: card).flatMap { enumeration in
            enumeration.items.indices.map { ClozePrompt(card: card, enumeration: enumeration, hidden: $0) }
        }
    }

    public static func enumerations(of card: Card) -> [ClozeEnumeration] {
        let context = OutlineContext.title(of: card.section)
        var found: [ClozeEnumeration] = []
        switch card.kind {
        case .list:
            let items = card.items.map(withoutFinalStop)
            if items.count >= 2, items.allSatisfy({ isShortItem($0, maximumWords: maximumWordsInListItem) && !$0.contains(",") }) {
                found.append(ClozeEnumeration(title: context, items: items,
                                              ordered: card.asksInOrder || isSteps(context)))
            }
            found += card.items.compactMap { commaEnumeration(in: $0, title: context) }
        case .definition, .question:
            let title = context.isEmpty ? card.term : context + " › " + card.term
            if let enumeration = commaEnumeration(in: card.back, title: title) { found.append(enumeration) }
        case .reverse, .comparison, .number:
            break  // numbers are answered with a quantity; their text is their sources' text: the sources are asked instead
        case .drill:
            let items = card.items.map(withoutFinalStop)
            if items.count >= 3, items.allSatisfy({ isShortItem($0, maximumWords: maximumWordsInListItem) }) {
                found.append(ClozeEnumeration(title: card.term + " (talking points)", items: items))
            }
        }
        var seen = Set<[String]>()
        return found.filter { seen.insert($0.items.map(AnswerText.normalized)).inserted }
    }

    /// A comma enumeration of at least three short items in the first sentence of
    /// `text`, after a lead-in such as "You can only have two of:".
    static func commaEnumeration(in text: String, title: String) -> ClozeEnumeration? {
        var sentence = firstSentence(of: text)
        var fullTitle = title
        if let colon = leadInColon(in: sentence) {
            let lead = String(sentence[..<colon]).trimmingCharacters(in: " ")
            sentence = String(sentence[sentence.index(after: colon)...])
            fullTitle = title.isEmpty ? lead : title + ": " + lead
        }
        let items = Enumeration.items(of: sentence)
        guard items.count >= 3, items.allSatisfy({ isShortItem($0, maximumWords: maximumWordsInCommaItem) }) else { return nil }
        return ClozeEnumeration(title: fullTitle, items: items, ordered: isSteps(fullTitle))
    }

    /// Titles that name a sequence: its items keep their order.
    static func isSteps(_ title: String) -> Bool {
        let lower = title.lowercased()
        return ["step", "phase", "stage", "sequence", "lifecycle", "life cycle", "order of", "flow"].contains { lower.contains($0) }
    }

    static func isShortItem(_ item: String, maximumWords: Int) -> Bool {
        let outside = AnswerText.withoutParentheticals(item)
        let words = outside.split(separator: " ").count
        return words >= 1 && words <= maximumWords && outside.count <= maximumItemLength
    }

    /// Up to the first full stop that ends a sentence (not "e.g." or "vs.").
    static func firstSentence(of text: String) -> String {
        let characters = Array(text)
        var depth = 0
        for index in characters.indices {
            switch characters[index] {
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            case "." where depth == 0 && index + 1 < characters.count && characters[index + 1] == " ":
                let word = String(characters[..<index]).split(separator: " ").last.map(String.init)?.lowercased() ?? ""
                if !["e.g", "i.e", "vs", "etc"].contains(word) { return String(characters[..<index]) }
            default: break
            }
        }
        return withoutFinalStop(text)
    }

    /// A colon before the first comma, outside parentheses: "You can only have two of: a, b, c".
    static func leadInColon(in text: String) -> String.Index? {
        var depth = 0
        for index in text.indices {
            switch text[index] {
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            case "," where depth == 0: return nil
            case ":" where depth == 0: return index
            default: break
            }
        }
        return nil
    }

    static func withoutFinalStop(_ text: String) -> String {
        var text = text.trimmingCharacters(in: " ")
        while text.hasSuffix(".") && !text.hasSuffix("...") { text.removeLast() }
        return text
    }
}

/// How practice prompts name a place in the outline.
public enum OutlineContext {
    /// The section path without numbers, leaving out the top heading when a subsection
    /// names the topic (as card fronts do): `Caching › Eviction`.
    public static func title(of section: [String]) -> String {
        let titles = section.map(CardID.stripNumbering)
        return (titles.count > 1 ? Array(titles.dropFirst()) : titles).joined(separator: " › ")
    }
}
