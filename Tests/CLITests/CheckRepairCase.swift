import Foundation
@testable import Store
import Testing

/// What `check` keeps beside the review log (tables and columns the triggers and the code
/// keep equal to what they are made from), spoiled by hand: `check` must report it in text
/// and JSON with exit 1, `--repair` must make it again, and `check` must then pass.
struct CheckRepairCase {
    /// SQL that spoils the database after two answered cards.
    let spoil: StaticString
    /// The key of `check --json` that counts what is wrong.
    let key: String
    let count: Int
    /// The text line's start, up to the count's noun (`first reviews: 3 cards differ from the log`).
    let finding: String
    /// What the line goes on with, without and with `--repair`.
    let advice: String
    let done: String

    func run(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["review", "--limit", "2"], stdin: "good\ngood\n").status == 0, sourceLocation: sourceLocation)
        let clean = try cli.run(["check"])
        #expect(clean.status == 0 && !clean.stdout.contains(finding), sourceLocation: sourceLocation)
        do {
            let store = try StudyStore.open(path: cli.databasePath)
            try store.connection.execute(script: spoil)
        }
        let checked = try cli.run(["check", "--json"])
        #expect(checked.status == 1, sourceLocation: sourceLocation)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(checked.stdout.utf8)) as? [String: Any],
                                  sourceLocation: sourceLocation)
        #expect(report[key] as? Int == count && report["ok"] as? Bool == false, "\(report)", sourceLocation: sourceLocation)
        let spoiled = try cli.run(["check"])
        #expect(spoiled.status == 1 && spoiled.stdout.contains(finding + "; " + advice), "\(spoiled.stdout)", sourceLocation: sourceLocation)
        let repaired = try cli.run(["check", "--repair"])
        #expect(repaired.status == 0 && repaired.stdout.contains(finding + ", " + done), "\(repaired.stdout)", sourceLocation: sourceLocation)
        let again = try #require(try cli.json(["check", "--json"]) as? [String: Any], sourceLocation: sourceLocation)
        #expect(again[key] as? Int == 0 && again["ok"] as? Bool == true, "\(again)", sourceLocation: sourceLocation)
    }
}
