import Foundation
import Testing

/// A mistyped `--db` or `SYSDRILL_DB` must not create folders and a fresh database (the
/// user's progress would look gone); the default location's folders are still made.
@Suite struct DatabasePathCLITests {
    @Test func aMissingFolderIsRefusedAndNothingIsCreated() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let path = cli.directory + "/no-such-dir/deeper/x.sqlite"
        let result = try cli.run(["--db", path, "due"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("--db \(path): no folder \(cli.directory)/no-such-dir/deeper"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.directory + "/no-such-dir"))

        let fromEnvironment = try cli.run(["due"], extraEnvironment: ["SYSDRILL_DB": path])
        #expect(fromEnvironment.status == 66)
        #expect(fromEnvironment.stderr.contains("SYSDRILL_DB \(path): no folder"))
        #expect(!FileManager.default.fileExists(atPath: cli.directory + "/no-such-dir"))
    }

    @Test func anExistingFolderAndTheDefaultLocationWork() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["--db", cli.directory + "/here.sqlite", "due"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: cli.directory + "/here.sqlite"))
        // No --db and no SYSDRILL_DB: the default under XDG_DATA_HOME, folders created.
        var bare = cli
        bare.environment.removeValue(forKey: "SYSDRILL_DB")
        let data = cli.directory + "/data"
        #expect(try bare.run(["due"], extraEnvironment: ["XDG_DATA_HOME": data]).status == 0)
        #expect(FileManager.default.fileExists(atPath: data + "/sysdrill/sysdrill.sqlite"))
    }
}

/// `decks disable` / `enable`: a deck's cards leave every queue and quiz and come back.
@Suite struct DeckSwitchCLITests {
    @Test func theBuiltInDeckCanBeTurnedOffAndOnAgain() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        // The outline alone: the numbers deck (built in too) is switched off first.
        #expect(try cli.run(["decks", "disable", "numbers"]).status == 0)
        try cli.run(["review", "--limit", "1"], stdin: "good\n")
        let off = try cli.run(["decks", "disable", "system-design"])
        #expect(off.status == 0)
        #expect(off.stdout.contains("disabled deck 'system-design'"))
        let due = try #require(try cli.json(["due", "--json"]) as? [String: Any])
        #expect((due["counts"] as? [String: Int])?["new"] == 0, "\(due)")
        let decks = try #require(try cli.json(["decks", "--json"]) as? [[String: Any]])
        #expect(decks.first?["disabled"] as? Bool == true)
        let quiz = try cli.run(["quiz", "--count", "1"], stdin: "1\n")
        #expect(quiz.stderr.contains("no questions can be made") && quiz.stdout.contains("Score 0/0"), "\(quiz)")
        // The history stays.
        #expect(try cli.run(["check"]).status == 0)
        #expect(try cli.run(["decks", "enable", "system-design"]).status == 0)
        let back = try #require(try cli.json(["due", "--json"]) as? [String: Any])
        #expect((back["counts"] as? [String: Int])?["new"] == 19, "\(back)")
        let unknown = try cli.run(["decks", "disable", "system-desing"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("did you mean 'system-design'"))
    }
}
