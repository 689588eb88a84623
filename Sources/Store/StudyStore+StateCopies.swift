/// Each stored state holds a copy of its card's deck, order, kind, retirement, sources
/// and row (migration 13), so that today's due rows come from one index alone. A trigger
/// copies the card into a state when the state is inserted; the code that changes those
/// columns of a card copies them with `stateCopier` (a trigger on `cards` slowed every
/// sync). `check` compares the copies with the cards and `--repair` copies them again.
extension StudyStore {
    /// A statement that copies card ?1 into its state, when it has one: run after each
    /// write to the card's deck, order, kind, retirement or sources.
    func stateCopier() throws -> Statement {
        try connection.prepare("""
            UPDATE card_state SET (card_deck, card_position, card_kind, card_retired, card_from, card_row) =
                (SELECT deck, position, kind, retired, derived_from, rowid FROM cards WHERE id = ?1)
            WHERE card_id = ?1
            """)
    }

    /// Copies each card into its state again, or only the cards of `deck` (after a write to
    /// all of that deck's cards), in one transaction.
    public func copyCardsIntoStates(ofDeck deck: String? = nil) throws {
        try connection.transaction {
            try connection.run("""
                UPDATE card_state SET (card_deck, card_position, card_kind, card_retired, card_from, card_row) =
                    (SELECT deck, position, kind, retired, derived_from, rowid FROM cards WHERE id = card_state.card_id)
                WHERE ?1 IS NULL OR card_id IN (SELECT id FROM cards WHERE deck = ?1)
                """, [deck])
        }
    }

    /// Runs `body`, which gives states to many cards that had none (an import into an
    /// empty log), with what the triggers on `card_state` inserts keep done once at the
    /// end instead of row by row:
    /// - `cards.introduced`, set by one pass over the cards. The `card_state_introduces`
    ///   trigger's updates land on random pages of the cards table, and under an import's
    ///   small page cache each one was a page spilled and read back: 87,000 states wrote
    ///   2 GB more to the WAL and cost the 1M-review import 2 s.
    /// - each state's copy of its card, by one pass over the states, and the due index
    ///   built once from the finished table, where each insert would have updated its row
    ///   a second time and moved its entry in the index.
    /// The triggers and the index are dropped and made again inside the caller's
    /// transaction, so an error rolls all of it back: a caller must let an error from
    /// `body` end its transaction, never catch it and commit.
    public func withStatesAddedInBulk<T>(_ body: () throws -> T) throws -> T {
        precondition(connection.inTransaction, "the triggers are dropped and restored inside the caller's transaction")
        try connection.execute(script: """
            DROP TRIGGER card_state_introduces;
            DROP TRIGGER card_state_copies_card;
            DROP INDEX card_state_by_due;
            """)
        let result = try body()
        try connection.run("""
            UPDATE cards SET introduced = 1
            WHERE introduced = 0 AND EXISTS (SELECT 1 FROM card_state s WHERE s.card_id = cards.id)
            """)
        try copyCardsIntoStates()
        try connection.execute(script: Self.stateIntroducesTrigger)
        try connection.execute(script: Self.stateCopiesCardTrigger)
        try connection.execute(script: Self.dueIndex)
        return result
    }

    /// How many states' copy of their card differs from the card (a state without a card
    /// should copy NULLs). The row number is left out: it is a hint that VACUUM may make
    /// stale, and a listing checks it. The trigger and the writers of cards keep this at 0
    /// unless the file was edited by hand.
    public func stateCopyMismatches() throws -> Int {
        try connection.prepare("""
            SELECT COUNT(*) FROM card_state s LEFT JOIN cards c ON c.id = s.card_id
            WHERE s.card_deck IS NOT c.deck OR s.card_position IS NOT c.position OR s.card_kind IS NOT c.kind
               OR s.card_retired IS NOT c.retired OR s.card_from IS NOT c.derived_from
            """).first { $0.int(0) } ?? 0
    }

    /// The trigger as migration 7 made it (same text, so the schema reads the same).
    static let stateIntroducesTrigger: StaticString = """
        CREATE TRIGGER card_state_introduces AFTER INSERT ON card_state
        BEGIN
            UPDATE cards SET introduced = 1 WHERE id = NEW.card_id;
        END;
        """

    /// The trigger and the index as migration 13 made them.
    static let stateCopiesCardTrigger: StaticString = """
        CREATE TRIGGER card_state_copies_card AFTER INSERT ON card_state
        BEGIN
            UPDATE card_state SET (card_deck, card_position, card_kind, card_retired, card_from, card_row) =
                (SELECT deck, position, kind, retired, derived_from, rowid FROM cards WHERE id = NEW.card_id)
            WHERE card_id = NEW.card_id;
        END;
        """
    static let dueIndex: StaticString = """
        CREATE INDEX card_state_by_due ON card_state(due, phase, card_id, card_retired, card_kind, card_deck, card_position, card_from, card_row);
        """
}
