/// What a card asks for.
public enum CardKind: String, Sendable, CaseIterable, Codable {
    /// `- Term: definition` — recall the definition of a term.
    case definition
    /// Plain bullets of one container — name the items.
    case list
    /// A design exercise or failure scenario (section "Case Studies & Mock Drills").
    case drill
    /// An explicit `Q:` / `A:` pair from a user deck.
    case question
    /// Made from a definition: its answer is the prompt, its term the answer.
    case reverse
    /// Made from two to four definitions that are alternatives of one kind: how do they differ?
    case comparison
    /// A figure worth knowing (`sysdrill numbers`), answered with a number and a unit and
    /// graded by how close it is; `Card.items` holds the accepted values as quantities.
    case number

    /// Made from other cards (`Card.from` names them).
    public var isDerived: Bool { self == .reverse || self == .comparison }
}

/// Where a card comes from, for `e` in the review and for error messages.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// One flashcard extracted from a Markdown deck.
public struct Card: Hashable, Sendable {
    public let id: CardID
    /// Deck name (file or folder name without `.md`).
    public let deck: String
    /// Heading, label and parent chain, outermost first, text as written.
    public let section: [String]
    public let kind: CardKind
    /// The thing asked about: the term, the container name of a list, the drill name,
    /// or the question of a Q/A pair.
    public let term: String
    public let front: String
    public let back: String
    /// For list cards, the items in order (the back joins them); else empty.
    public let items: [String]
    public let source: SourceLocation
    /// Position within its deck, for "new cards in deck order".
    public let order: Int
    /// The URLs of the links the card's text had in the Markdown (the text shows only the
    /// link text), in order of appearance, without repeats.
    public let links: [String]
    /// The cards a derived card (reverse, comparison) is made from; empty for the others.
    public let from: [CardID]

    public init(id: CardID, deck: String, section: [String], kind: CardKind, term: String, front: String,
                back: String, items: [String], source: SourceLocation, order: Int, links: [String] = [], from: [CardID] = []) {
        self.id = id
        self.deck = deck
        self.section = section
        self.kind = kind
        self.term = term
        self.front = front
        self.back = back
        self.items = items
        self.source = source
        self.order = order
        self.links = links
        self.from = from
    }
}

extension Card {
    /// A number for the card's front, to find fronts that two cards of a deck share
    /// without keeping the fronts themselves.
    public var frontKey: UInt64 {
        CardID.fnv1a(front.utf8, continuing: CardID.fnvOffsetBasis)
    }

    /// The card with its whole section path as the front's context, for when another card
    /// of the deck has the same front (itself when that changes nothing).
    public func withWidenedFront() -> Card {
        guard let front = CardFront.widened(front, section: section) else { return self }
        return Card(id: id, deck: deck, section: section, kind: kind, term: term, front: front, back: back, items: items,
                    source: source, order: order, links: links, from: from)
    }

    /// For a reverse card, a number for its prompt (its front without the context): two
    /// reverses with one prompt cannot be told apart, and the sync leaves both out.
    public var reversePromptKey: UInt64? {
        guard kind == .reverse else { return nil }
        // The ask is "Which term is this? " without context, "…: which term is this? " with.
        // A key only has to be the same for the same prompt, so bytes are searched and
        // hashed (the prompt often has "(…)", which a character-aware search is slow on).
        return SimpleText.withBytes(front) { bytes -> UInt64? in
            guard let end = Self.end(of: DerivedCards.reverseAsk, in: bytes) ?? Self.end(of: "Which term is this? ", in: bytes) else { return nil }
            return CardID.fnv1a(buffer: UnsafeBufferPointer(rebasing: bytes[end...]), continuing: CardID.fnvOffsetBasis)
        }
    }

    /// The offset just past the first occurrence of `pattern` in `bytes`, or nil.
    private static func end(of pattern: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let needle = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        guard needle.count <= bytes.count else { return nil }
        var offset = 0
        while offset + needle.count <= bytes.count {
            var matched = 0
            while matched < needle.count, bytes[offset + matched] == needle[matched] { matched += 1 }
            if matched == needle.count { return offset + needle.count }
            offset += 1
        }
        return nil
    }

    /// A list card made from a numbered list: it asks for its items in order.
    public var asksInOrder: Bool { kind == .list && front.hasSuffix(CardFront.inOrder) }

    /// The card numbered at `order` in its deck.
    public func withOrder(_ order: Int) -> Card {
        Card(id: id, deck: deck, section: section, kind: kind, term: term, front: front, back: back, items: items,
             source: source, order: order, links: links, from: from)
    }
}
