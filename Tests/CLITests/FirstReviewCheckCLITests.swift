import Testing

/// `check` compares `card_first_review` (today's new-card count reads it) with the log, and
/// `--repair` rebuilds it: the triggers keep it equal, but a file edited by hand may not be.
@Suite struct FirstReviewCheckCLITests {
    @Test func aSpoiledTableIsReportedAndRebuilt() throws {
        try CheckRepairCase(
            spoil: "UPDATE card_first_review SET at = at + 1; INSERT INTO card_first_review VALUES ('00000000000000ff', 5);",
            key: "first_review_mismatches", count: 3, finding: "first reviews: 3 cards differ from the log",
            advice: "run 'sysdrill check --repair' to rebuild them", done: "rebuilt from the log").run()
    }
}
