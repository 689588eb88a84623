/// Reads a Markdown outline into cards. Plain outlines need no special syntax:
///
/// - `#`/`##`/... headings (numbered or not) form the section path;
/// - `- **Term**: definition` and `- Term: definition` are definition cards;
/// - a bullet with indented children (`- **Scalability**`, `- Fault Isolation:`) is a
///   parent: its children are cards under it;
/// - a `**Label**:` paragraph owns the unindented bullets after it up to a blank line;
/// - plain bullets without a definition are grouped into one list card per container;
/// - under a heading about drills, case studies or exercises every bullet is a drill;
/// - a bullet that is only a parenthetical, like `(Covered above.)`, is a cross
///   reference and makes no card;
/// - `Q:` / `A:` lines make a question card (the answer may continue on following
///   lines up to a blank line);
/// - a `C:` line with `[deletions]` (hashcards) makes a question card per deletion;
/// - in a note tagged `#flashcards`, Obsidian's `Q::A`, `Q:::A` and `?` cards are read;
/// - `---` rules, code blocks and other paragraphs are skipped.
public struct OutlineParser: Sendable {
    /// Changes whenever the same Markdown gives other cards (new rules, other fronts), so
    /// that decks synced by an older build are read again though their files did not change.
    public static let rulesVersion = "5"

    public let deck: String
    /// The path shown in `file:line` (as the user gave it).
    public let file: String

    /// For a file of a folder deck: its path inside the folder (without `.md`), which makes
    /// it its own section root, and the title its cards have when it has no heading.
    public let fileKey: String?
    public let fileTitle: String?

    public init(deck: String, file: String, fileKey: String? = nil, fileTitle: String? = nil) {
        self.deck = deck
        self.file = file
        self.fileKey = fileKey
        self.fileTitle = fileTitle
    }

    public func parse(_ bytes: [UInt8]) throws(DeckError) -> [Card] {
        var reader = try reader(for: bytes)
        var cards: [Card] = []
        while let card = try reader.next() { cards.append(card) }
        Self.moveListCardsIntoPlace(&cards, count: reader.listCardCount)
        return cards
    }

    /// The reader gives the list cards last (a list card is complete only at the end); in
    /// the array every card takes its place in deck order. Both runs are in order already,
    /// so they are merged from the back, needing a copy of the list cards only (sorting
    /// took a buffer of half the cards, 7 MB for 100k).
    static func moveListCardsIntoPlace(_ cards: inout [Card], count listCount: Int) {
        guard listCount > 0 else { return }
        let lists = Array(cards[(cards.count - listCount)...])
        // The buffer's swapAt moves cards without copying them (the array's copies each).
        cards.withUnsafeMutableBufferPointer { cards in
            var other = cards.count - listCount - 1  // last card of the first run not placed yet
            var list = listCount - 1
            var slot = cards.count - 1
            while list >= 0 {
                if other >= 0 && cards[other].order > lists[list].order {
                    cards.swapAt(other, slot)
                    other -= 1
                } else {
                    cards[slot] = lists[list]
                    list -= 1
                }
                slot -= 1
            }
        }
    }

    public func parse(_ text: String) throws(DeckError) -> [Card] {
        try parse(Array(text.utf8))
    }

    /// The cards of `bytes` one at a time, without holding them all (see `OutlineReader`).
    /// Invalid text is refused here, before any card.
    public func reader(for bytes: [UInt8]) throws(DeckError) -> OutlineReader {
        try OutlineReader(bytes: bytes, deck: deck, file: file, fileKey: fileKey, fileTitle: fileTitle)
    }
}
