import Deck
import Timekeeping

extension StudyStore {
    /// Column list shared by every card query (a literal: SQL is never built from data).
    /// The columns `decodeCard` reads, in its order.
    static let cardColumns = "c.id, c.deck, c.section, c.kind, c.term, c.front, c.back, c.items, c.source_file, c.source_line, c.position, c.retired, c.links, c.derived_from"
    static let selectCard = "SELECT " + cardColumns + " FROM cards c"

    /// Decodes the 14 `selectCard` columns.
    static func decodeCard(_ row: Row) -> StoredCard {
        var decoder = CardRowDecoder()
        return decoder.decode(row)
    }

    /// Decodes the card rows of one query, in deck order: a card whose deck, section path
    /// or source file is the previous card's (most cards of a section sit together) shares
    /// that card's values instead of a copy of its own. 100k cards held at once (a quiz)
    /// had 25,000 distinct section paths between them, and 100k copies: 20 MB.
    struct CardRowDecoder {
        private var deck = "", sectionText = "", section = SectionCoding.decode(""), file = ""

        mutating func decode(_ row: Row) -> StoredCard {
            if !row.text(1, equals: deck) { deck = row.string(1) }
            if !row.text(2, equals: sectionText) {
                sectionText = row.string(2)
                section = SectionCoding.decode(sectionText)
            }
            if !row.text(8, equals: file) { file = row.string(8) }
            let items = row.string(7), links = row.string(12)
            let card = Card(id: row.cardID(0), deck: deck, section: section,
                            kind: CardKind(rawValue: row.string(3)) ?? .definition, term: row.string(4), front: row.string(5),
                            back: row.string(6), items: items.isEmpty ? [] : SectionCoding.decode(items),
                            source: SourceLocation(file: file, line: row.int(9)), order: row.int(10),
                            links: links.isEmpty ? [] : SectionCoding.decode(links),
                            from: row.cardIDs(13))
            return StoredCard(card: card, retired: row.bool(11))
        }
    }

    /// All cards in deck order (decks in their added order, then position).
    public func cards(includeRetired: Bool = false, decks: DeckScope = .every) throws -> [StoredCard] {
        var cards: [StoredCard] = []
        try forEachCard(includeRetired: includeRetired, decks: decks) { cards.append($0) }
        return cards
    }

    /// The same cards one at a time, none kept: a listing of 190k cards stays small.
    /// `decks` narrows them to those decks (`--only`), and `ids` to those cards (`cards
    /// --flagged`: a few cards, read by their IDs instead of passing over all of them).
    ///
    /// Every card is taken deck by deck (`deckRowsInOrder`), each deck's through its
    /// `(deck, position)` index: one query sorting every card row (600 bytes each) spilled
    /// 100 MB to temporary files, and `cards --json` spent most of its time there. The
    /// queries see one snapshot (`readSnapshot`), so `body` must only read: a write there
    /// would be inside that read transaction.
    public func forEachCard(includeRetired: Bool = false, decks: DeckScope = .every, ids: Set<CardID>? = nil,
                            _ body: (StoredCard) throws -> Void) throws {
        var decoder = CardRowDecoder()
        if let ids {
            // A few cards: sorting them costs nothing.
            try connection.prepare(Self.selectCard + """
                 LEFT JOIN decks d ON d.name = c.deck WHERE (c.retired = 0 OR ?1 = 1)
                  AND (?2 IS NULL OR c.deck IN (SELECT value FROM json_each(?2)))
                  AND c.id IN (SELECT value FROM json_each(?3))
                ORDER BY COALESCE(d.sort_order, 1 << 30), c.deck, c.position, c.rowid
                """).forEach([includeRetired, decks.parameter, Self.jsonList(ids.sorted())]) { try body(decoder.decode($0)) }
            return
        }
        try readSnapshot {
            let cardsOfDeck = try connection.prepare(Self.selectCard + """
                 WHERE c.deck = (SELECT k.deck FROM cards k WHERE k.rowid = ?1) AND (c.retired = 0 OR ?2 = 1)
                ORDER BY c.position, c.rowid
                """)
            for deckRow in try deckRowsInOrder(decks) {
                try cardsOfDeck.forEach([deckRow, includeRetired]) { try body(decoder.decode($0)) }
            }
        }
    }

    /// One card row of each deck that has cards (its `rowid`), the decks in the order every
    /// listing uses: their added order, then the decks unknown here by name. A deck is named
    /// by a row of its cards so that its name goes from the database back to it untouched
    /// (a name that is not valid UTF-8 would not survive a Swift String).
    func deckRowsInOrder(_ decks: DeckScope) throws -> [Int64] {
        try connection.prepare("""
            SELECT MIN(c.rowid), COALESCE(d.sort_order, 1 << 30) AS place FROM cards c LEFT JOIN decks d ON d.name = c.deck
            WHERE ?1 IS NULL OR c.deck IN (SELECT value FROM json_each(?1))
            GROUP BY c.deck ORDER BY place, c.deck
            """).map([decks.parameter]) { $0.int64(0) }
    }

    public func card(id: CardID) throws -> StoredCard? {
        try connection.prepare(Self.selectCard + " WHERE c.id = ?1").first([id.rawValue]) { Self.decodeCard($0) }
    }

    /// The active cards of one kind in enabled decks, in the order of `cards()` (the
    /// drills, without decoding every other card).
    public func cards(kind: CardKind) throws -> [StoredCard] {
        try connection.prepare(Self.selectCard + """
             LEFT JOIN decks d ON d.name = c.deck WHERE c.retired = 0 AND c.kind = ?1 AND COALESCE(d.disabled, 0) = 0
            ORDER BY COALESCE(d.sort_order, 1 << 30), c.deck, c.position, c.rowid
            """).map([kind.rawValue]) { Self.decodeCard($0) }
    }

    /// Cards whose ID starts with `prefix` (like git's short hashes). IDs are lowercase hex,
    /// so every ID with the prefix lies in [prefix, prefix + "g"): a range on the primary
    /// key's index instead of a scan of every card (the `substr` test keeps it exact).
    public func cards(idPrefix prefix: String) throws -> [StoredCard] {
        try connection.prepare(Self.selectCard + """
             WHERE c.id >= ?1 AND c.id < ?2 AND substr(c.id, 1, length(?1)) = ?1 ORDER BY c.id LIMIT 10
            """).map([prefix, prefix + "g"]) { Self.decodeCard($0) }
    }

    /// Makes the stored cards of `deck` match `cards` in one transaction: new cards are
    /// inserted, changed ones updated in place (same ID keeps its history), vanished
    /// ones retired (never deleted), returning ones revived. A vanished card whose
    /// successor is among the new ones (`RenameMatcher`) is renamed: its history moves to
    /// the new card, whose state `replay` recomputes (without `replay`, no renames are
    /// looked for). Records the deck and the fingerprints of the files parsed.
    public func sync(deck: String, source: String, origin: DeckOrigin, files: [FileFingerprint], cards: [Card],
                     at time: UnixTime, replay: StateReplay? = nil) throws -> SyncReport {
        var remaining = cards.makeIterator()
        return try sync(deck: deck, source: source, origin: origin, files: files, at: time, replay: replay) { remaining.next() }
    }

    /// The same, with the cards handed over one at a time by `nextCard` (nil: no more), so
    /// a big deck is never held whole: each card is compared with the stored card of its
    /// ID and written at once (`DeckSync`). All of it is one transaction, so when
    /// `nextCard` throws (the deck turns out to have an error) nothing of the deck is
    /// written. Each ID may come once (a parsed deck never repeats one).
    public func sync(deck: String, source: String, origin: DeckOrigin, files: [FileFingerprint], at time: UnixTime,
                     replay: StateReplay? = nil, nextCard: () throws -> Card?) throws -> SyncReport {
        try connection.transaction {
            var sync = try beginSync(deck: deck, source: source, origin: origin, at: time, replay: replay)
            while let card = try nextCard() { try sync.add(card) }
            return try sync.finish(files: files)
        }
    }

    /// Inserts a card known only from an import (its deck is not loaded here), retired so
    /// it keeps its history without entering the queue. Does nothing if the ID exists. Its
    /// state may have come first (an import writes with foreign keys off): it gets its copy.
    public func insertRetiredCard(_ card: Card) throws {
        try connection.transaction {
            try connection.run("""
                INSERT INTO cards(id, deck, section, kind, term, front, back, items, source_file, source_line, position, retired, links,
                                  derived_from, introduced)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, ?12, ?13, EXISTS (SELECT 1 FROM card_state WHERE card_id = ?1))
                ON CONFLICT(id) DO NOTHING
                """, [card.id.rawValue, card.deck, SectionCoding.encode(card.section), card.kind.rawValue, card.term, card.front,
                      card.back, SectionCoding.encode(card.items), card.source.file, card.source.line, card.order,
                      SectionCoding.encode(card.links), SectionCoding.encode(card.from.map(\.rawValue))])
            if connection.changes > 0 { try stateCopier().run([card.id.rawValue]) }
        }
    }
}
