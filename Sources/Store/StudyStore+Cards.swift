import Deck
import Timekeeping

/// The IDs a sync has seen: as numbers when they are the parser's 16 hex digits (8 bytes
/// each instead of a string each, 100k of them), as text otherwise.
private struct CardIDSet {
    private var numbers = Set<UInt64>()
    private var others = Set<String>()

    /// False when `id` was there already.
    mutating func insert(_ id: CardID) -> Bool {
        if let number = Self.number(id) { return numbers.insert(number).inserted }
        return others.insert(id.rawValue).inserted
    }

    func contains(_ id: CardID) -> Bool {
        if let number = Self.number(id) { return numbers.contains(number) }
        return others.contains(id.rawValue)
    }

    /// The value of a well-formed ID (lowercase hex digits only: each number has exactly one
    /// such spelling, so equal numbers are equal IDs).
    private static func number(_ id: CardID) -> UInt64? {
        guard CardID.isWellFormed(id.rawValue) else { return nil }
        return UInt64(id.rawValue, radix: 16)
    }
}

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
            let items = row.string(7), links = row.string(12), from = row.string(13)
            let card = Card(id: CardID(rawValue: row.string(0)), deck: deck, section: section,
                            kind: CardKind(rawValue: row.string(3)) ?? .definition, term: row.string(4), front: row.string(5),
                            back: row.string(6), items: items.isEmpty ? [] : SectionCoding.decode(items),
                            source: SourceLocation(file: file, line: row.int(9)), order: row.int(10),
                            links: links.isEmpty ? [] : SectionCoding.decode(links),
                            from: from.isEmpty ? [] : SectionCoding.decode(from).map(CardID.init(rawValue:)))
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
    public func forEachCard(includeRetired: Bool = false, decks: DeckScope = .every, ids: Set<CardID>? = nil,
                            _ body: (StoredCard) throws -> Void) throws {
        var decoder = CardRowDecoder()
        try connection.prepare(Self.selectCard + """
             LEFT JOIN decks d ON d.name = c.deck WHERE (c.retired = 0 OR ?1 = 1)
              AND (?2 IS NULL OR c.deck IN (SELECT value FROM json_each(?2)))
              AND (?3 IS NULL OR c.id IN (SELECT value FROM json_each(?3)))
            ORDER BY COALESCE(d.sort_order, 1 << 30), c.deck, c.position, c.rowid
            """).forEach([includeRetired, decks.parameter, ids.map { Self.jsonList($0.sorted()) }]) { try body(decoder.decode($0)) }
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
    /// ID and written at once. All of it is one transaction, so when `nextCard` throws
    /// (the deck turns out to have an error) nothing of the deck is written. Each ID may
    /// come once (a parsed deck never repeats one).
    public func sync(deck: String, source: String, origin: DeckOrigin, files: [FileFingerprint], at time: UnixTime,
                     replay: StateReplay? = nil, nextCard: () throws -> Card?) throws -> SyncReport {
        try connection.transaction {
            try upsertDeck(name: deck, source: source, origin: origin, at: time)
            // A deck synced for the first time has nothing stored to compare with.
            let hasStoredCards = try hasCards(deck: deck)
            let stored = try connection.prepare(Self.selectCard + " WHERE c.id = ?1 AND c.deck = ?2")
            let insert = try connection.prepare("""
                INSERT INTO cards(id, deck, section, kind, term, front, back, items, source_file, source_line, position, retired, links,
                                  derived_from, introduced)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, ?12, ?13, EXISTS (SELECT 1 FROM card_state WHERE card_id = ?1))
                ON CONFLICT(id) DO UPDATE SET deck = excluded.deck, section = excluded.section, kind = excluded.kind,
                    term = excluded.term, front = excluded.front, back = excluded.back, items = excluded.items,
                    source_file = excluded.source_file, source_line = excluded.source_line,
                    position = excluded.position, retired = 0, links = excluded.links, derived_from = excluded.derived_from
                """)
            let forgetSources = try connection.prepare("DELETE FROM card_sources WHERE card_id = ?1")
            let addSource = try connection.prepare("INSERT OR IGNORE INTO card_sources(card_id, source_id) VALUES (?1, ?2)")
            var report = SyncReport()
            var seen = CardIDSet()
            // The IDs of the cards new to the deck, which may be renamed ones (their text is
            // read back only if some card vanished: a deck is not held in memory).
            let looksForRenames = hasStoredCards && replay != nil
            var inserted: [CardID] = []
            // Cards of one section share their section path: encode it once per run of them.
            var lastSection: [String]?
            var lastEncoded = ""
            while let card = try nextCard() {
                guard seen.insert(card.id) else { throw StoreError.inconsistent("card \(card.id) was given twice to one sync") }
                let previous = hasStoredCards ? try stored.first([card.id.rawValue, deck]) { Self.decodeCard($0) } : nil
                switch previous {
                case nil:
                    report.inserted += 1
                    if looksForRenames { inserted.append(card.id) }
                case let previous? where previous.retired: report.revived += 1
                case let previous? where previous.card == card:
                    report.unchanged += 1
                    continue
                case _?: report.updated += 1
                }
                if card.section != lastSection {
                    lastSection = card.section
                    lastEncoded = SectionCoding.encode(card.section)
                }
                try insert.run([card.id.rawValue, card.deck, lastEncoded, card.kind.rawValue, card.term,
                                card.front, card.back, SectionCoding.encode(card.items), card.source.file,
                                card.source.line, card.order, SectionCoding.encode(card.links),
                                SectionCoding.encode(card.from.map(\.rawValue))])
                if previous != nil { try forgetSources.run([card.id.rawValue]) }
                for source in card.from { try addSource.run([card.id.rawValue, source.rawValue]) }
            }
            if hasStoredCards {
                // Cards of the deck that did not come again (read first: rows are not changed
                // while a query reads their table).
                var vanished: [CardID] = []
                try connection.prepare("SELECT id FROM cards WHERE deck = ?1 AND retired = 0").forEach([deck]) { row in
                    let id = CardID(rawValue: row.string(0))
                    if !seen.contains(id) { vanished.append(id) }
                }
                var renamed = Set<CardID>()
                if let replay, !vanished.isEmpty, !inserted.isEmpty {
                    func candidates(_ ids: [CardID]) throws -> [RenameMatcher.Candidate] {
                        try ids.compactMap { id in
                            try stored.first([id.rawValue, deck]) { RenameMatcher.Candidate(Self.decodeCard($0).card) }
                        }
                    }
                    let old = try candidates(vanished), new = try candidates(inserted)
                    for (oldIndex, newIndex) in RenameMatcher.pairs(old: old, new: new) {
                        try moveHistory(from: old[oldIndex].id, to: new[newIndex].id, at: time, replay: replay)
                        renamed.insert(old[oldIndex].id)
                    }
                    report.renamed = renamed.count
                    report.inserted -= renamed.count
                }
                let retire = try connection.prepare("UPDATE cards SET retired = 1 WHERE id = ?1")
                for id in vanished where !renamed.contains(id) {
                    try retire.run([id.rawValue])
                    report.retired += 1
                }
            }
            try connection.run("DELETE FROM deck_files WHERE deck = ?1", [deck])
            let fingerprint = try connection.prepare("INSERT INTO deck_files(deck, path, size, fingerprint) VALUES (?1, ?2, ?3, ?4)")
            for file in files {
                try fingerprint.run([deck, file.path, file.size, file.fingerprint])
            }
            return report
        }
    }

    /// Inserts a card known only from an import (its deck is not loaded here), retired so
    /// it keeps its history without entering the queue. Does nothing if the ID exists.
    public func insertRetiredCard(_ card: Card) throws {
        try connection.run("""
            INSERT INTO cards(id, deck, section, kind, term, front, back, items, source_file, source_line, position, retired, links,
                              derived_from, introduced)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1, ?12, ?13, EXISTS (SELECT 1 FROM card_state WHERE card_id = ?1))
            ON CONFLICT(id) DO NOTHING
            """, [card.id.rawValue, card.deck, SectionCoding.encode(card.section), card.kind.rawValue, card.term, card.front,
                  card.back, SectionCoding.encode(card.items), card.source.file, card.source.line, card.order,
                  SectionCoding.encode(card.links), SectionCoding.encode(card.from.map(\.rawValue))])
    }
}
