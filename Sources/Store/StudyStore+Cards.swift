import Deck
import Timekeeping

/// What the store held for a card before a sync.
private enum Previous {
    case absent, retired, same, changed
}

extension StudyStore {
    /// Column list shared by every card query (a literal: SQL is never built from data).
    static let selectCard = "SELECT c.id, c.deck, c.section, c.kind, c.term, c.front, c.back, c.items, c.source_file, c.source_line, c.position, c.retired FROM cards c"

    static func decodeCard(_ row: Row) -> StoredCard {
        let items = row.string(7)
        let card = Card(id: CardID(rawValue: row.string(0)), deck: row.string(1), section: SectionCoding.decode(row.string(2)),
                        kind: CardKind(rawValue: row.string(3)) ?? .definition, term: row.string(4), front: row.string(5),
                        back: row.string(6), items: items.isEmpty ? [] : SectionCoding.decode(items),
                        source: SourceLocation(file: row.string(8), line: row.int(9)), order: row.int(10))
        return StoredCard(card: card, retired: row.bool(11))
    }

    /// All cards in deck order (decks in their added order, then position).
    public func cards(includeRetired: Bool = false) throws -> [StoredCard] {
        try connection.prepare(Self.selectCard + """
             LEFT JOIN decks d ON d.name = c.deck WHERE c.retired = 0 OR ?1 = 1
            ORDER BY COALESCE(d.sort_order, 1 << 30), c.deck, c.position
            """).map([includeRetired]) { Self.decodeCard($0) }
    }

    public func card(id: CardID) throws -> StoredCard? {
        try connection.prepare(Self.selectCard + " WHERE c.id = ?1").first([id.rawValue]) { Self.decodeCard($0) }
    }

    /// Cards whose ID starts with `prefix` (like git's short hashes).
    public func cards(idPrefix prefix: String) throws -> [StoredCard] {
        try connection.prepare(Self.selectCard + " WHERE substr(c.id, 1, length(?1)) = ?1 ORDER BY c.id LIMIT 10")
            .map([prefix]) { Self.decodeCard($0) }
    }

    /// Makes the stored cards of `deck` match `cards` in one transaction: new cards are
    /// inserted, changed ones updated in place (same ID keeps its history), vanished
    /// ones retired (never deleted), returning ones revived. Records the deck and the
    /// fingerprints of the files parsed.
    public func sync(deck: String, source: String, origin: DeckOrigin, files: [FileFingerprint], cards: [Card],
                     at time: UnixTime) throws -> SyncReport {
        try connection.transaction {
            try upsertDeck(name: deck, source: source, origin: origin, at: time)
            // Compare with the stored cards one row at a time: holding every stored card of
            // a 100k-card deck in a dictionary doubled the memory of a re-sync.
            var position: [String: Int] = [:]  // ID -> its index in `cards`
            var repeated: [String: [Int]] = [:]  // later indexes of an ID given twice (not from a parser)
            position.reserveCapacity(cards.count)
            for (index, card) in cards.enumerated() {
                if position[card.id.rawValue] == nil {
                    position[card.id.rawValue] = index
                } else {
                    repeated[card.id.rawValue, default: []].append(index)
                }
            }
            var before = [Previous](repeating: .absent, count: cards.count)
            var toRetire: [String] = []
            try connection.prepare(Self.selectCard + " WHERE c.deck = ?1").forEach([deck]) { row in
                let id = row.string(0)
                guard let first = position[id] else {
                    if !row.bool(11) { toRetire.append(id) }
                    return
                }
                let stored = Self.decodeCard(row)
                before[first] = stored.retired ? .retired : (stored.card == cards[first] ? .same : .changed)
                for index in repeated[id] ?? [] {
                    before[index] = stored.retired ? .retired : (stored.card == cards[index] ? .same : .changed)
                }
            }
            var report = SyncReport()
            let insert = try connection.prepare("""
                INSERT INTO cards(id, deck, section, kind, term, front, back, items, source_file, source_line, position, retired)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0)
                ON CONFLICT(id) DO UPDATE SET deck = excluded.deck, section = excluded.section, kind = excluded.kind,
                    term = excluded.term, front = excluded.front, back = excluded.back, items = excluded.items,
                    source_file = excluded.source_file, source_line = excluded.source_line,
                    position = excluded.position, retired = 0
                """)
            // Cards of one section share their section path: encode it once per run of them.
            var lastSection: [String]?
            var lastEncoded = ""
            for (index, card) in cards.enumerated() {
                switch before[index] {
                case .same:
                    report.unchanged += 1
                    continue
                case .changed: report.updated += 1
                case .retired: report.revived += 1
                case .absent: report.inserted += 1
                }
                if card.section != lastSection {
                    lastSection = card.section
                    lastEncoded = SectionCoding.encode(card.section)
                }
                try insert.run([card.id.rawValue, card.deck, lastEncoded, card.kind.rawValue, card.term,
                                card.front, card.back, SectionCoding.encode(card.items), card.source.file,
                                card.source.line, card.order])
            }
            let retire = try connection.prepare("UPDATE cards SET retired = 1 WHERE id = ?1")
            for id in toRetire {
                try retire.run([id])
                report.retired += 1
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
            INSERT INTO cards(id, deck, section, kind, term, front, back, items, source_file, source_line, position, retired)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 1) ON CONFLICT(id) DO NOTHING
            """, [card.id.rawValue, card.deck, SectionCoding.encode(card.section), card.kind.rawValue, card.term, card.front,
                  card.back, SectionCoding.encode(card.items), card.source.file, card.source.line, card.order])
    }
}
