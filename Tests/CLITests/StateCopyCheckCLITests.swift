import Foundation
@testable import Store
import Testing

/// `check` compares each state's copy of its card (today's due rows read it) with the card,
/// and each card's new-card flag with whether it has a state, and `--repair` sets both
/// again: the code keeps them equal, but a file edited by hand may not be.
@Suite struct StateCopyCheckCLITests {
    @Test func aSpoiledCopyIsReportedAndCopiedAgain() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["review", "--limit", "2"], stdin: "good\ngood\n").status == 0)
        let clean = try cli.run(["check"])
        #expect(clean.status == 0 && !clean.stdout.contains("card copies"))
        do {
            let store = try StudyStore.open(path: cli.databasePath)
            try store.connection.execute(script: "UPDATE card_state SET card_position = card_position + 1;")
        }
        let checked = try cli.run(["check", "--json"])
        #expect(checked.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])
        #expect(report["state_copy_mismatches"] as? Int == 2)
        #expect(report["ok"] as? Bool == false)
        let spoiled = try cli.run(["check"])
        #expect(spoiled.status == 1)
        #expect(spoiled.stdout.contains("card copies: 2 card states hold an old copy of their cards; run 'sysdrill check --repair' to copy them again"))
        let repaired = try cli.run(["check", "--repair"])
        #expect(repaired.status == 0 && repaired.stdout.contains("card copies: 2 card states hold an old copy of their cards, copied again"))
        let again = try #require(try cli.json(["check", "--json"]) as? [String: Any])
        #expect(again["state_copy_mismatches"] as? Int == 0 && again["ok"] as? Bool == true)
    }

    @Test func aWrongNewCardFlagIsReportedAndSetAgain() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["review", "--limit", "2"], stdin: "good\ngood\n").status == 0)
        #expect(try cli.run(["check"]).stdout.contains("new-card flags") == false)
        do {
            // One answered card marked new (the walk would offer it again), one new card marked answered.
            let store = try StudyStore.open(path: cli.databasePath)
            try store.connection.execute(script: """
                UPDATE cards SET introduced = 0 WHERE id = (SELECT MIN(card_id) FROM card_state);
                UPDATE cards SET introduced = 1 WHERE id = (SELECT MIN(id) FROM cards WHERE introduced = 0 AND id NOT IN (SELECT card_id FROM card_state));
                """)
        }
        let checked = try cli.run(["check", "--json"])
        #expect(checked.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])
        #expect(report["introduced_mismatches"] as? Int == 2 && report["state_copy_mismatches"] as? Int == 0)
        let spoiled = try cli.run(["check"])
        #expect(spoiled.status == 1)
        #expect(spoiled.stdout.contains("new-card flags: 2 cards wrongly marked as new or as answered; run 'sysdrill check --repair' to set them from the states"))
        let repaired = try cli.run(["check", "--repair"])
        #expect(repaired.status == 0 && repaired.stdout.contains("new-card flags: 2 cards wrongly marked as new or as answered, set from the states"))
        let again = try #require(try cli.json(["check", "--json"]) as? [String: Any])
        #expect(again["introduced_mismatches"] as? Int == 0 && again["ok"] as? Bool == true)
    }
}
