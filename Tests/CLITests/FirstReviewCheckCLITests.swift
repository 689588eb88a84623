import Foundation
@testable import Store
import Testing

/// `check` compares `card_first_review` (today's new-card count reads it) with the log, and
/// `--repair` rebuilds it: the triggers keep it equal, but a file edited by hand may not be.
@Suite struct FirstReviewCheckCLITests {
    @Test func aSpoiledTableIsReportedAndRebuilt() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["review", "--limit", "2"], stdin: "good\ngood\n").status == 0)
        let clean = try cli.run(["check"])
        #expect(clean.status == 0 && !clean.stdout.contains("first reviews"))
        do {
            let store = try StudyStore.open(path: cli.databasePath)
            try store.connection.execute(script: "UPDATE card_first_review SET at = at + 1; INSERT INTO card_first_review VALUES ('00000000000000ff', 5);")
        }
        let checked = try cli.run(["check", "--json"])
        #expect(checked.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any])
        #expect(report["first_review_mismatches"] as? Int == 3)
        #expect(report["ok"] as? Bool == false)
        let spoiled = try cli.run(["check"])
        #expect(spoiled.status == 1)
        #expect(spoiled.stdout.contains("first reviews: 3 cards differ from the log; run 'sysdrill check --repair' to rebuild them"))
        let repaired = try cli.run(["check", "--repair"])
        #expect(repaired.status == 0 && repaired.stdout.contains("first reviews: 3 cards differ from the log, rebuilt from the log"))
        let again = try #require(try cli.json(["check", "--json"]) as? [String: Any])
        #expect(again["first_review_mismatches"] as? Int == 0 && again["ok"] as? Bool == true)
    }
}
