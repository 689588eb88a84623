import CSQLite
import Deck
import Scheduling
import Timekeeping

// Queries for stats, export and import. Every statement is a literal with bound
// parameters, like the rest of the Store.

extension StudyStore {
    /// Every card, active and retired, in a stable order: decks in their added order
    /// (cards of decks unknown here last, by deck name), then position, then ID. The
    /// export lists cards in this order so two exports of the same data are identical.
    public func cardsInExportOrder() throws -> [StoredCard] {
        try connection.prepare(Self.selectCard + """
             LEFT JOIN decks d ON d.name = c.deck
            ORDER BY COALESCE(d.sort_order, 1 << 30), c.deck, c.position, c.id
            """).map { Self.decodeCard($0) }
    }

    /// The same cards in the same order with their stored state (nil: never reviewed), one
    /// row at a time: an export of a 100k-card deck need not hold them all.
    /// `decks` narrows them to those decks (`export --only`).
    ///
    /// The order is `ORDER BY COALESCE(d.sort_order, 1 << 30), c.deck, c.position, c.id`,
    /// taken deck by deck: sorting every card row in one query (600 bytes each) spilled to
    /// temporary files, where each deck's cards come through its `(deck, position)` index
    /// (`deckRowsInOrder`), and the cards that share a position (a card and those made
    /// from it) are put in ID order by `RunsInOrder`. The queries read one snapshot
    /// (`readSnapshot`; the caller's, when it reads in one, as `export` does).
    public func forEachCardInExportOrder(decks: DeckScope = .every, _ body: (StoredCard, CardState?) throws -> Void) throws {
        try readSnapshot { try forEachCardInExportOrderInSnapshot(decks: decks, body) }
    }

    private func forEachCardInExportOrderInSnapshot(decks: DeckScope, _ body: (StoredCard, CardState?) throws -> Void) throws {
        let decksInOrder = try deckRowsInOrder(decks)
        let cardsOfDeck = try connection.prepare(Self.selectCardsOfDeck)
        let cardsAtOnePlace = try connection.prepare(Self.selectCardsOfDeckFrom + " AND c.position = ?2 ORDER BY c.id")
        func decode(_ row: Row) -> (card: StoredCard, state: CardState?) {
            (Self.decodeCard(row), row.isNull(14) ? nil : Self.decodeState(row, from: 14).1)
        }
        try withoutActuallyEscaping(body) { body in
            for deckRow in decksInOrder {
                // IDs in SQLite's order (their UTF-8 bytes), which the text's own order need not be.
                var places = RunsInOrder<Int64, (card: StoredCard, state: CardState?)>(
                    largestRunHeld: Self.largestRunHeld,
                    precedes: { $0.card.id.precedesInUTF8Order($1.card.id) },
                    emit: { try body($0.card, $0.state) },
                    readRun: { position in
                        try cardsAtOnePlace.forEach([deckRow, position]) { row in
                            let (card, state) = decode(row)
                            try body(card, state)
                        }
                    })
                try cardsOfDeck.forEach([deckRow]) { row in try places.add(key: row.int64(10)) { decode(row) } }
                try places.finish()
            }
        }
    }

    /// One deck's cards with their states in the `(deck, position)` index's order; ?1 the
    /// row of one of the deck's cards (`deckRowsInOrder`).
    static let selectCardsOfDeck = selectCardsOfDeckFrom + " ORDER BY c.position"

    /// One deck's cards with their states, in no order; ?1 as in `selectCardsOfDeck`.
    static let selectCardsOfDeckFrom = "SELECT " + cardColumns + ", " + stateColumns + """
         FROM cards c LEFT JOIN card_state s ON s.card_id = c.id
        WHERE c.deck = (SELECT k.deck FROM cards k WHERE k.rowid = ?1)
        """

    /// The IDs of every card, active and retired (import checks references against them).
    public func allCardIDs() throws -> Set<CardID> {
        Set(try connection.prepare("SELECT id FROM cards").map { $0.cardID(0) })
    }

    /// Active, unsuspended cards: how many were never reviewed and how many were, counted
    /// in SQL (`plan`). Holding every ID and state to count them took 83 MB at 190k cards.
    public func activeCardCounts() throws -> (new: Int, studied: Int) {
        try connection.prepare("""
            SELECT COUNT(*), COALESCE(SUM(s.reps > 0), 0)
            FROM cards c LEFT JOIN card_state s ON s.card_id = c.id
            WHERE c.retired = 0
              AND NOT EXISTS (SELECT 1 FROM card_marks m WHERE m.card_id = c.id AND m.mark = 'suspended' AND m.is_set = 1)
            """).first { (new: $0.int(0) - $0.int(1), studied: $0.int(1)) } ?? (0, 0)
    }

    /// The cards that are retired or suspended: usually few, where the active cards are
    /// all of them (a set of 190k IDs took 15 MB in `simulate`).
    public func inactiveCardIDs() throws -> Set<CardID> {
        Set(try connection.prepare("""
            SELECT id FROM cards WHERE retired = 1
            UNION SELECT card_id FROM card_marks WHERE mark = 'suspended' AND is_set = 1
            """).map { $0.cardID(0) })
    }

    /// Every card ID (active or retired), one at a time, without collecting them.
    public func forEachCardID(_ body: (CardID) throws -> Void) throws {
        try connection.prepare("SELECT id FROM cards").forEach { try body($0.cardID(0)) }
    }

    /// Every review in the order the log replays them: time, then arrival.
    public func allReviews() throws -> [ReviewRecord] {
        var reviews: [ReviewRecord] = []
        try forEachReview { reviews.append($0) }
        return reviews
    }

    /// One review by its ID, nil when the log has none.
    public func review(id: String) throws -> ReviewRecord? {
        try connection.prepare(Self.selectReview + " WHERE r.id = ?1").first([id]) { Self.decodeReview($0) }
    }

    /// Runs `body`, which must only read, on one consistent snapshot of the database: a
    /// deferred read transaction, which in WAL mode never takes the write lock, so stats
    /// or an export in one terminal do not hold up a review in another. Inside a running
    /// transaction `body` simply joins it.
    public func readSnapshot<T>(_ body: () throws -> T) throws -> T {
        guard sqlite3_get_autocommit(connection.handle) != 0 else { return try body() }
        try connection.run("BEGIN DEFERRED")
        do {
            let result = try body()
            try connection.run("COMMIT")
            return result
        } catch {
            if sqlite3_get_autocommit(connection.handle) == 0 { try? connection.run("ROLLBACK") }
            throw error
        }
    }
}
