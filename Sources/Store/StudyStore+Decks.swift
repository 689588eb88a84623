import Timekeeping

extension StudyStore {
    public func decks() throws -> [DeckRecord] {
        try connection.prepare("SELECT name, source, origin, sort_order, added_at FROM decks ORDER BY sort_order, name")
            .map { row in
                DeckRecord(name: row.string(0), source: row.string(1), origin: DeckOrigin(rawValue: row.string(2)) ?? .registered,
                           sortOrder: row.int(3), addedAt: row.int64(4))
            }
    }

    public func deck(named name: String) throws -> DeckRecord? {
        try decks().first { $0.name == name }
    }

    /// Turns a deck off or on (`decks disable` / `enable`): a disabled deck's cards leave
    /// every queue and quiz and keep their history. False when there is no such deck.
    @discardableResult
    public func setDeck(_ name: String, disabled: Bool) throws -> Bool {
        try connection.run("UPDATE decks SET disabled = ?2 WHERE name = ?1", [name, disabled])
        return connection.changes > 0
    }

    /// Every deck name a card or a deck row has: the decks in their order, then the decks
    /// known only from their cards (brought by an import into a database that never
    /// registered them), by name. What `--only` accepts.
    public func deckNames() throws -> [String] {
        var names = try decks().map(\.name)
        let known = Set(names)
        names += try connection.prepare("SELECT DISTINCT deck FROM cards ORDER BY deck").map { $0.string(0) }
            .filter { !known.contains($0) }
        return names
    }

    /// The names of the decks turned off.
    public func disabledDecks() throws -> Set<String> {
        Set(try connection.prepare("SELECT name FROM decks WHERE disabled = 1").map { $0.string(0) })
    }

    /// Adds the deck or updates its source and origin, keeping its place in the order.
    public func upsertDeck(name: String, source: String, origin: DeckOrigin, at time: UnixTime) throws {
        let nextOrder = try connection.prepare("SELECT COALESCE(MAX(sort_order), -1) + 1 FROM decks").first { $0.int(0) } ?? 0
        try connection.run("""
            INSERT INTO decks(name, source, origin, sort_order, added_at) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT(name) DO UPDATE SET source = excluded.source, origin = excluded.origin
            """, [name, source, origin.rawValue, nextOrder, time])
    }

    /// Unregisters a deck: its cards are retired (history kept), the deck row removed.
    public func removeDeck(named name: String) throws -> Int {
        try connection.transaction {
            try connection.run("UPDATE cards SET retired = 1 WHERE deck = ?1 AND retired = 0", [name])
            let retired = connection.changes
            try copyCardsIntoStates(ofDeck: name)
            try connection.run("DELETE FROM decks WHERE name = ?1", [name])
            return retired
        }
    }

    /// Fingerprints of the files last parsed for a deck.
    public func fingerprints(deck: String) throws -> Set<FileFingerprint> {
        Set(try connection.prepare("SELECT path, size, fingerprint FROM deck_files WHERE deck = ?1")
            .map([deck]) { FileFingerprint(path: $0.string(0), size: $0.int64(1), fingerprint: $0.int64(2)) })
    }

    /// Retires the cards of transient decks not used in this run, so a `--deck` given
    /// once does not keep its cards in later queues. Returns the number retired.
    public func retireTransientDecks(except active: Set<String>) throws -> Int {
        var total = 0
        for deck in try decks() where deck.origin == .transient && !active.contains(deck.name) {
            try connection.transaction {
                try connection.run("UPDATE cards SET retired = 1 WHERE deck = ?1", [deck.name])
                total += connection.changes
                try copyCardsIntoStates(ofDeck: deck.name)
                // The deck leaves the list; its retired cards keep their history.
                try connection.run("DELETE FROM decks WHERE name = ?1", [deck.name])
            }
        }
        return total
    }
}
