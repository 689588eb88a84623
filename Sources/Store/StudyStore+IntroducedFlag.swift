/// `cards.introduced` says whether a card has a state (migration 7): today's new cards are
/// walked on it, and a sync copies a card into its state only when it is set. Triggers on
/// `card_state` keep it; `check` compares it with the states and `--repair` sets it again.
extension StudyStore {
    /// How many cards' flag differs from whether they have a state: 0 unless the file was
    /// edited by hand.
    public func introducedMismatches() throws -> Int {
        try connection.prepare("""
            SELECT COUNT(*) FROM cards c
            WHERE c.introduced <> EXISTS (SELECT 1 FROM card_state s WHERE s.card_id = c.id)
            """).first { $0.int(0) } ?? 0
    }

    /// Sets every card's flag from the states again, in one transaction.
    public func setIntroducedFromStates() throws {
        try connection.transaction {
            try connection.run("""
                UPDATE cards SET introduced = EXISTS (SELECT 1 FROM card_state s WHERE s.card_id = cards.id)
                WHERE introduced <> EXISTS (SELECT 1 FROM card_state s WHERE s.card_id = cards.id)
                """)
        }
    }
}
