/// What `decks` lists for one deck: its active cards per top-level section, in deck order,
/// and how many of its cards are retired.
public struct DeckContents: Sendable, Equatable {
    public var active = 0
    public var retired = 0
    /// Top-level section (nil: cards outside any section) and its active cards, in the
    /// order the sections first appear in the deck.
    public var sections: [(name: String?, cards: Int)] = []

    public init(active: Int = 0, retired: Int = 0, sections: [(name: String?, cards: Int)] = []) {
        self.active = active
        self.retired = retired
        self.sections = sections
    }

    public static func == (a: DeckContents, b: DeckContents) -> Bool {
        a.active == b.active && a.retired == b.retired
            && a.sections.map(\.name) == b.sections.map(\.name) && a.sections.map(\.cards) == b.sections.map(\.cards)
    }
}

extension StudyStore {
    /// Every deck's contents, counted by SQL per section path on the `cards_stats` index:
    /// reading every card with its text to count them took `decks` to 3.2 s and 283 MiB
    /// on 190k cards. A section's place is that of its first card (position, then
    /// insertion), as `cards(includeRetired:)` orders them.
    public func deckContents() throws -> [String: DeckContents] {
        struct Group {
            var cards = 0
            /// The place of its first card: position, then insertion, as one number.
            var first: Int64
        }
        var retired: [String: Int] = [:]
        var groups: [String: [String?: Group]] = [:]
        // Position and rowid in one key, so a tie on the position goes to the earlier row
        // (both stay far below 2^31: the product cannot overflow).
        try connection.prepare("""
            SELECT deck, retired, section, COUNT(*), MIN(position * 2147483648 + rowid) FROM cards GROUP BY deck, retired, section
            """).forEach { row in
            let deck = row.string(0), count = row.int(3)
            guard !row.bool(1) else { retired[deck, default: 0] += count; return }
            let top = SectionCoding.first(row.string(2))
            let first = row.int64(4)
            if var group = groups[deck, default: [:]][top] {
                group.cards += count
                group.first = min(group.first, first)
                groups[deck]![top] = group
            } else {
                groups[deck, default: [:]][top] = Group(cards: count, first: first)
            }
        }
        var result: [String: DeckContents] = [:]
        for deck in Set(groups.keys).union(retired.keys) {
            let sections = (groups[deck] ?? [:]).sorted { $0.value.first < $1.value.first }
            result[deck] = DeckContents(active: sections.reduce(0) { $0 + $1.value.cards }, retired: retired[deck] ?? 0,
                                        sections: sections.map { (name: $0.key, cards: $0.value.cards) })
        }
        return result
    }
}
