/// The rows of `decks`, matched to a card's deck column on its bytes, as a join on
/// `decks.name` matches them. Decks are few: a pass over many cards finds each card's deck
/// here instead of a lookup in the decks' index per card (a fifth of today's due rows
/// after a break), and makes one String per deck.
struct DeckRows {
    struct Entry {
        let name: String
        /// nil: the deck has no row in `decks`.
        let sortOrder: Int64?
        let disabled: Bool
    }

    private var entries: [Entry]
    /// The entry of the card before, which the next card often shares.
    private var last = -1

    init(_ connection: Connection) throws {
        entries = try connection.prepare("SELECT name, sort_order, disabled FROM decks").map {
            Entry(name: $0.string(0), sortOrder: $0.int64(1), disabled: $0.bool(2))
        }
    }

    /// The deck named by `row`'s `column` (one with no row in `decks` is added as such).
    mutating func entry(of row: Row, column: Int32) -> Entry {
        if last < 0 || !row.text(column, equals: entries[last].name) {
            last = entries.firstIndex { row.text(column, equals: $0.name) } ?? -1
            if last < 0 {
                entries.append(Entry(name: row.string(column), sortOrder: nil, disabled: false))
                last = entries.count - 1
            }
        }
        return entries[last]
    }
}
