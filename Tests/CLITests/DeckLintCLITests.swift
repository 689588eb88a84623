import Foundation
import JSONText
import Testing

/// Folders of notes, broken files in them, `decks lint`, and the summary after `decks add`.
@Suite struct DeckLintCLITests {
    func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func aFolderRegistersEveryFileAndSkipsABrokenOneWithAWarning() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let folder = cli.directory + "/notes"
        // The same heading and term in two files: two cards, not a duplicate.
        try write("# Caching\n\n## Overview\n\n- TTL: how long an entry lives.\n", to: folder + "/a.md")
        try write("# Queues\n\n## Overview\n\n- TTL: how long a message waits.\n", to: folder + "/b.md")
        try write("# Broken\n\n- Term: one.\n- Term: two.\n", to: folder + "/sub/c.md")
        let result = try cli.run(["decks", "add", folder])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("registered 'notes': 2 cards (+2 made from them)"))
        #expect(result.stderr.contains("c.md:4:1: duplicate card 'Term'"))
        #expect(result.stderr.contains("warning:"))
        let cards = try cli.run(["cards", "--section", "Overview", "--json"])
        let list = try JSONSerialization.jsonObject(with: Data(cards.stdout.utf8)) as! [[String: Any]]
        #expect(list.filter { $0["deck"] as? String == "notes" && $0["kind"] as? String == "definition" }.count == 2)
    }

    @Test func aBrokenSingleFileIsRefusedAndNothingIsWritten() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try write("# Broken\n\n- Term: one.\n- Term: two.\n", to: cli.directory + "/broken.md")
        let result = try cli.run(["decks", "add", cli.directory + "/broken.md"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("broken.md:4:1: duplicate card 'Term'"))
        let decks = try cli.run(["decks", "--json"])
        #expect(!decks.stdout.contains("broken"))
    }

    @Test func lintExitsZeroWhenCleanAndOneWithFindings() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try write("# Caching\n\n- Write-back: Writes go to the cache and reach the database later.\n", to: cli.directory + "/clean.md")
        let clean = try cli.run(["decks", "lint", cli.directory + "/clean.md"])
        #expect(clean.status == 0)
        #expect(clean.stdout == "2 cards; 0 blocks made no card, 0 weak prompts\n")  // the definition and its reverse

        try write("# Caching\n\n| a | b |\n|---|---|\n\n- Redis: in memory.\n- Memcached: Is it fast?\n", to: cli.directory + "/weak.md")
        let weak = try cli.run(["decks", "lint", cli.directory + "/weak.md", "--json"])
        #expect(weak.status == 1)
        let findings = try JSONSerialization.jsonObject(with: Data(weak.stdout.utf8)) as! [[String: Any]]
        #expect(findings.map { $0["reason"] as! String } == ["table", "answer of three words or fewer", "answer is a question"])
        #expect(findings.map { $0["line"] as! Int } == [3, 6, 7])
        #expect(findings[1]["type"] as? String == "weak-prompt")
        #expect((findings[1]["suggestion"] as? String)?.isEmpty == false)
        // Nothing is registered or created by linting a path.
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
    }

    /// The JSON is written finding by finding; its bytes are those of the whole array
    /// pretty-printed at once, with every kind of entry in it.
    @Test func lintJSONIsTheWholeArrayPrettyPrinted() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let path = cli.directory + "/mixed.md"
        try write("# Caching\n\n| a | b |\n|---|---|\n\n- Redis: in memory.\n- Cursor: a pointer into a stream.\n\n"
                  + "# Databases\n\n- Cursor: a handle over the rows of a query.\n- RPO & RTO: How much data and time you can lose.\n\n"
                  + RubricLintCLITests.deck, to: path)
        let run = try cli.run(["decks", "lint", path, "--json"])
        #expect(run.status == 1)
        let parsed = try JSONParser.parse(run.stdout)
        guard case .array(let entries) = parsed else { Issue.record("not an array: \(run.stdout)"); return }
        let types = Set(entries.compactMap { entry -> String? in
            guard case .object(let object) = entry, case .string(let type)? = object["type"] else { return nil }
            return type
        })
        #expect(types == ["no-card", "weak-prompt", "rubric"])
        #expect(run.stdout == parsed.serialized(pretty: true) + "\n")
        let empty = cli.directory + "/clean.md"
        try write("# Caching\n\n- Write-back: Writes go to the cache and reach the database later.\n", to: empty)
        #expect(try cli.run(["decks", "lint", empty, "--json"]).stdout == "[]\n")
    }

    @Test func lintTakesADeckByNameAndOffersNamesForATypo() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let builtIn = try cli.run(["decks", "lint", "system-design"])
        #expect(builtIn.status == 1)
        #expect(builtIn.stdout.contains("Content/system-design.md:"))
        #expect(!builtIn.stdout.contains("no card ("), "the built-in outline has no block that makes no card")
        let typo = try cli.run(["decks", "lint", "system-desing"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("did you mean 'system-design'"))
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
    }

    @Test func aSyncThatChangesADeckPrintsTheSummary() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let path = cli.directory + "/notes.md"
        try write("# Caching\n\n- Write-back: Writes reach the database later.\n", to: path)
        _ = try cli.run(["decks", "add", path])
        try write("# Caching\n\n- Write-back: Writes reach the database later.\n- CDN: Edge.\n\n```\ncode\n```\n", to: path)
        let result = try cli.run(["due"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("synced 'notes': 2 cards (+1 made from them); 1 block made no card, 1 weak prompt: sysdrill decks lint notes"))
        let again = try cli.run(["due"])
        #expect(!again.stderr.contains("synced"), "an unchanged deck says nothing")
    }
}

/// Issue 17: ESC and BEL in a deck's text never reach the terminal raw; `--json` keeps them.
@Suite struct ControlCharacterCLITests {
    @Test func controlCharactersAreShownVisiblyAndKeptInJSON() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let path = cli.directory + "/evil.md"
        try "# Evil\n\n- Bell\u{07}Term: Clears the screen \u{1B}[2J and rings.\n".write(toFile: path, atomically: true, encoding: .utf8)
        for arguments in [["--deck", path, "cards", "--section", "Evil"], ["--deck", path, "due"],
                          ["--deck", path, "card", try cardID(cli, path)]] {
            let result = try cli.run(arguments)
            #expect(result.status == 0)
            #expect(!result.stdout.utf8.contains(0x1B) && !result.stdout.utf8.contains(0x07), "raw control character in \(arguments)")
            if !arguments.contains("due") {
                #expect(result.stdout.contains("^[[2J") || result.stdout.contains("Bell^GTerm"), "\(arguments): \(result.stdout)")
            }
        }
        let review = try cli.run(["--deck", path, "review", "--section", "Evil"], stdin: "show\n3\nq\n")
        #expect(!review.stdout.utf8.contains(0x1B) && !review.stdout.utf8.contains(0x07))
        let json = try cli.run(["--deck", path, "cards", "--section", "Evil", "--json"])
        #expect(json.stdout.contains("\\u001b[2J"))
    }

    func cardID(_ cli: CLIRunner, _ path: String) throws -> String {
        let cards = try #require(try cli.json(["--deck", path, "cards", "--section", "Evil", "--json"]) as? [[String: Any]])
        return try #require(cards.first { $0["kind"] as? String == "definition" }?["id"] as? String)
    }
}

/// Issue 17: a bad deck, a bad import or a dry run aimed at a database that does not exist
/// yet creates nothing.
@Suite struct NothingCreatedCLITests {
    @Test func badInputAndDryRunsCreateNoDatabase() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let bad = cli.directory + "/bad.md"
        try "# B\n\n- Term: one.\n- Term: two.\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let fresh = cli.directory + "/fresh.sqlite"
        #expect(try cli.run(["--db", fresh, "--deck", bad, "cards"]).status == 65)
        #expect(try cli.run(["--db", fresh, "decks", "add", bad]).status == 65)
        let badImport = cli.directory + "/bad.json"
        try "{\"format\": \"nope\"}".write(toFile: badImport, atomically: true, encoding: .utf8)
        #expect(try cli.run(["--db", fresh, "import", badImport]).status == 65)
        let export = try cli.run(["export"])
        let good = cli.directory + "/good.json"
        try export.stdout.write(toFile: good, atomically: true, encoding: .utf8)
        #expect(try cli.run(["--db", fresh, "import", good, "--dry-run"]).status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: cli.directory).filter { $0.hasPrefix("fresh") }
        #expect(left.isEmpty, "created: \(left)")
        // The same import for real does create it.
        #expect(try cli.run(["--db", fresh, "import", good]).status == 0)
        #expect(FileManager.default.fileExists(atPath: fresh))
    }
}

/// Issue 17: only regular files are read; a FIFO in a deck folder is skipped with a
/// warning instead of hanging every command, and devices that never end are refused.
@Suite struct SpecialFilesCLITests {
    @Test func aFIFOInADeckFolderIsSkippedAndDevicesAreRefused() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let folder = cli.directory + "/notes"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "# A\n\n- Quorum: A majority of the replicas must agree.\n".write(toFile: folder + "/a.md", atomically: true, encoding: .utf8)
        #expect(mkfifo(folder + "/pipe.md", 0o600) == 0)
        let added = try cli.run(["decks", "add", folder])
        #expect(added.status == 0)
        #expect(added.stderr.contains("pipe.md: not a regular file (a FIFO)"))
        #expect(try cli.run(["due"]).status == 0, "a later run does not hang on the FIFO")

        let zeroDeck = try cli.run(["decks", "add", "/dev/zero"])
        #expect(zeroDeck.status == 65)
        #expect(zeroDeck.stderr.contains("not a regular file (a character device)"))
        let zeroImport = try cli.run(["import", "/dev/zero"])
        #expect(zeroImport.status != 0)
        #expect(zeroImport.stderr.contains("not a regular file (a character device)"))
    }
}
