import Deck
import Timekeeping

/// One deck's sync (`StudyStore.sync`) inside the caller's transaction, with the cards
/// handed over one at a time: new cards are inserted, changed ones updated in place
/// (same ID keeps its history), and at `finish` vanished ones are retired (never deleted),
/// or renamed when `replay` is given and a new card is their successor (`RenameMatcher`).
///
/// A value, not an object: its per-card bookkeeping is then checked for exclusive
/// access when compiled, not at each card (a class made `decks add` ~10% slower). Several
/// may be open at once in one transaction (an Anki collection's decks, whose
/// cards come in note order, mixed): each only looks at its own deck's rows.
public struct DeckSync {
    private let store: StudyStore
    private let deck: String
    private let time: UnixTime
    private let replay: StateReplay?
    /// A deck synced for the first time has nothing stored to compare with.
    private let hasStoredCards: Bool
    private let stored: Statement
    private let insert: Statement
    private let copyIntoState: Statement
    private let hasState: Statement
    /// Whether any card has a state: only then may a card written here have one to copy
    /// into (a first sync into a new database writes 190k cards and no state).
    private let statesStored: Bool
    private let forgetSources: Statement
    private let addSource: Statement
    private var report = SyncReport()
    private var seen = CardIDSet()
    /// The IDs of the cards new to the deck, which may be renamed ones (their text is read
    /// back only if some card vanished: a deck is not held in memory).
    private var inserted: [CardID] = []
    /// Cards of one section share their section path: encode it once per run of them.
    private var lastSection: [String]?
    private var lastEncoded = ""

    init(store: StudyStore, deck: String, source: String, origin: DeckOrigin, at time: UnixTime, replay: StateReplay?) throws {
        precondition(store.connection.inTransaction, "a deck sync belongs in the caller's transaction")
        self.store = store
        self.deck = deck
        self.time = time
        self.replay = replay
        try store.upsertDeck(name: deck, source: source, origin: origin, at: time)
        hasStoredCards = try store.hasCards(deck: deck)
        let connection = store.connection
        stored = try store.cardInDeckLookup()
        insert = try connection.prepare("""
            INSERT INTO cards(id, deck, section, kind, term, front, back, items, source_file, source_line, position, retired, links,
                              derived_from, introduced)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, ?12, ?13, EXISTS (SELECT 1 FROM card_state WHERE card_id = ?1))
            ON CONFLICT(id) DO UPDATE SET deck = excluded.deck, section = excluded.section, kind = excluded.kind,
                term = excluded.term, front = excluded.front, back = excluded.back, items = excluded.items,
                source_file = excluded.source_file, source_line = excluded.source_line,
                position = excluded.position, retired = 0, links = excluded.links, derived_from = excluded.derived_from
            """)
        copyIntoState = try store.stateCopier()
        statesStored = try store.hasStates()
        hasState = try connection.prepare("SELECT introduced FROM cards WHERE id = ?1")
        forgetSources = try connection.prepare("DELETE FROM card_sources WHERE card_id = ?1")
        addSource = try connection.prepare("INSERT OR IGNORE INTO card_sources(card_id, source_id) VALUES (?1, ?2)")
    }

    /// Compares `card` with the stored card of its ID in this deck and writes it if it is
    /// new or changed.
    public mutating func add(_ card: Card) throws {
        guard seen.insert(card.id) else { throw StoreError.inconsistent("card \(card.id) was given twice to one sync") }
        // The ID's text, made once (an ID keeps only the number its digits spell).
        let idText = card.id.rawValue
        let previous = hasStoredCards ? try stored.first([idText, deck]) { StudyStore.decodeCard($0) } : nil
        switch previous {
        case nil:
            report.inserted += 1
            if hasStoredCards && replay != nil { inserted.append(card.id) }
        case let previous? where previous.retired: report.revived += 1
        case let previous? where previous.card == card:
            report.unchanged += 1
            return
        case _?: report.updated += 1
        }
        if card.section != lastSection {
            lastSection = card.section
            lastEncoded = SectionCoding.encode(card.section)
        }
        try insert.run([idText, card.deck, lastEncoded, card.kind.rawValue, card.term,
                        card.front, card.back, SectionCoding.encode(card.items), card.source.file,
                        card.source.line, card.order, SectionCoding.encode(card.links),
                        SectionCoding.encode(card.from.map(\.rawValue))])
        // A card answered before (changed, revived, or come from another deck) keeps its
        // state's copy of it current. Whether it has a state is read from the card's row
        // just written, a page in the cache; asked in the INSERT (`RETURNING introduced`),
        // it cost a first sync of 190k cards 6 -> 10 s, as a trigger on `cards` did.
        if statesStored, try hasState.first([idText], { $0.bool(0) }) == true {
            try copyIntoState.run([idText])
        }
        if previous != nil { try forgetSources.run([idText]) }
        for source in card.from { try addSource.run([idText, source.rawValue]) }
    }

    /// Retires (or renames) the deck's cards that did not come, records the fingerprints
    /// of the files parsed, and says what the sync did.
    public mutating func finish(files: [FileFingerprint]) throws -> SyncReport {
        let connection = store.connection
        if hasStoredCards {
            // Cards of the deck that did not come again (read first: rows are not changed
            // while a query reads their table).
            var vanished: [CardID] = []
            try connection.prepare("SELECT id FROM cards WHERE deck = ?1 AND retired = 0").forEach([deck]) { row in
                let id = row.cardID(0)
                if !seen.contains(id) { vanished.append(id) }
            }
            var renamed = Set<CardID>()
            if let replay, !vanished.isEmpty, !inserted.isEmpty {
                func candidates(_ ids: [CardID]) throws -> [RenameMatcher.Candidate] {
                    try ids.compactMap { id in
                        try stored.first([id.rawValue, deck]) { RenameMatcher.Candidate(StudyStore.decodeCard($0).card) }
                    }
                }
                let old = try candidates(vanished), new = try candidates(inserted)
                for (oldIndex, newIndex) in RenameMatcher.pairs(old: old, new: new) {
                    try store.moveHistory(from: old[oldIndex].id, to: new[newIndex].id, at: time, replay: replay)
                    renamed.insert(old[oldIndex].id)
                }
                report.renamed = renamed.count
                report.inserted -= renamed.count
            }
            let retire = try connection.prepare("UPDATE cards SET retired = 1 WHERE id = ?1")
            for id in vanished where !renamed.contains(id) {
                try retire.run([id.rawValue])
                try copyIntoState.run([id.rawValue])
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

extension StudyStore {
    /// The stored card of an ID (?1) in a deck (?2).
    func cardInDeckLookup() throws -> Statement {
        try connection.prepare(Self.selectCard + " WHERE c.id = ?1 AND c.deck = ?2")
    }

    /// Starts one deck's sync inside the caller's transaction (see `DeckSync`).
    public func beginSync(deck: String, source: String, origin: DeckOrigin, at time: UnixTime,
                          replay: StateReplay? = nil) throws -> DeckSync {
        try DeckSync(store: self, deck: deck, source: source, origin: origin, at: time, replay: replay)
    }
}

/// The IDs a sync has seen: as numbers when they are the parser's 16 hex digits (8 bytes
/// each instead of a string each, 100k of them), as text otherwise.
struct CardIDSet {
    private var numbers = Set<UInt64>()
    private var others = Set<String>()

    /// False when `id` was there already.
    mutating func insert(_ id: CardID) -> Bool {
        if let number = id.wellFormedNumber { return numbers.insert(number).inserted }
        return others.insert(id.rawValue).inserted
    }

    func contains(_ id: CardID) -> Bool {
        if let number = id.wellFormedNumber { return numbers.contains(number) }
        return others.contains(id.rawValue)
    }
}
