import Testing

/// `check` compares each state's copy of its card (today's due rows read it) with the card,
/// and each card's new-card flag with whether it has a state, and `--repair` sets both
/// again: the code keeps them equal, but a file edited by hand may not be.
@Suite struct StateCopyCheckCLITests {
    @Test func aSpoiledCopyIsReportedAndCopiedAgain() throws {
        try CheckRepairCase(
            spoil: "UPDATE card_state SET card_position = card_position + 1;",
            key: "state_copy_mismatches", count: 2, finding: "card copies: 2 card states hold an old copy of their cards",
            advice: "run 'sysdrill check --repair' to copy them again", done: "copied again").run()
    }

    @Test func aWrongNewCardFlagIsReportedAndSetAgain() throws {
        // One answered card marked new (the walk would offer it again), one new card marked answered.
        try CheckRepairCase(
            spoil: """
                UPDATE cards SET introduced = 0 WHERE id = (SELECT MIN(card_id) FROM card_state);
                UPDATE cards SET introduced = 1
                WHERE id = (SELECT MIN(id) FROM cards WHERE introduced = 0 AND id NOT IN (SELECT card_id FROM card_state));
                """,
            key: "introduced_mismatches", count: 2, finding: "new-card flags: 2 cards wrongly marked as new or as answered",
            advice: "run 'sysdrill check --repair' to set them from the states", done: "set from the states").run()
    }
}
