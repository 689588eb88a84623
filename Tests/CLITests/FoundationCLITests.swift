import Foundation
import Testing

/// The executable's contract: help, version, exit codes, `cards` and `decks`.
@Suite struct FoundationCLITests {
    @Test func helpAndVersion() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let help = try cli.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Usage:"))
        #expect(help.stdout.contains("cards"))
        let cardsHelp = try cli.run(["cards", "--help"])
        #expect(cardsHelp.status == 0)
        #expect(cardsHelp.stdout.contains("--section TEXT"))
        // A command's help names the global options on one line; the root help explains them
        // and the environment, time zone and data folder included.
        #expect(cardsHelp.stdout.contains("\nGlobal options: --db PATH, --deck PATH, --json, --no-color, --verbose, --help, --version"))
        #expect(!cardsHelp.stdout.contains("  --no-color   never colour"))
        #expect(help.stdout.contains("  --no-color   never colour"))
        #expect(help.stdout.contains("XDG_DATA_HOME") && help.stdout.contains("\n  TZ "))
        #expect(try cli.run(["config", "set", "--help"]).stdout.contains("new-card-order     round-robin"))
        // `help [COMMAND]` is the same as `--help`.
        #expect(try cli.run(["help", "cards"]).stdout == cardsHelp.stdout)
        #expect(try cli.run(["help"]).stdout == help.stdout)
        #expect(try cli.run(["help", "crads"]).status == 64)
        let version = try cli.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("sysdrill "))
    }

    @Test func unknownCommandSuggestsAndExits64() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["crads"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("did you mean 'cards'"))
        #expect(result.stdout.isEmpty)
    }

    @Test func unknownOptionSuggestsAndExits64() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["cards", "--sectoin", "3"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("did you mean '--section'"))
        let badKind = try cli.run(["cards", "--kind", "definitoin"])
        #expect(badKind.status == 64)
        #expect(badKind.stderr.contains("did you mean 'definition'"))
    }

    @Test func globalOptionsBeforeOrAfterTheCommand() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let other = cli.directory + "/other.sqlite"
        let before = try cli.run(["--db", other, "--json", "cards", "--kind", "drill"])
        let after = try cli.run(["cards", "--kind", "drill", "--json", "--db", other])
        #expect(before.status == 0)
        #expect(before.stdout == after.stdout)
        #expect(FileManager.default.fileExists(atPath: other))
    }

    @Test func cardsJSONListsEverySeedCardWithTheContractKeys() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let all = try #require(try cli.json(["cards", "--json"]) as? [[String: Any]])
        // The numbers deck's cards: one per figure of `sysdrill numbers`, its source the table's row.
        let numbers = all.filter { $0["deck"] as? String == "numbers" }
        #expect(numbers.count == 34 && numbers.allSatisfy { $0["kind"] as? String == "number" })
        #expect(numbers.allSatisfy { ($0["source"] as? [String: Any])?["file"] as? String == "sysdrill numbers" })
        let cards = all.filter { $0["deck"] as? String == "system-design" }
        #expect(cards.count + numbers.count == all.count)
        // The 131 written cards, 110 reverses and 15 comparisons.
        #expect(cards.filter { !["reverse", "comparison"].contains($0["kind"] as? String) }.count == 131)
        #expect(cards.count == 131 + 110 + 15)
        for card in cards {
            for key in ["id", "deck", "section", "kind", "term", "front", "back", "source"] {
                #expect(card[key] != nil, "missing \(key)")
            }
            let source = try #require(card["source"] as? [String: Any])
            #expect(source["file"] as? String == "Content/system-design.md")
            #expect((source["line"] as? Int ?? 0) > 0)
            #expect((card["section"] as? [String])?.isEmpty == false)
        }
        let kinds = Set(cards.compactMap { $0["kind"] as? String })
        #expect(kinds == ["definition", "list", "drill", "reverse", "comparison"])
        for card in cards where card["kind"] as? String == "reverse" || card["kind"] as? String == "comparison" {
            #expect((card["from"] as? [String])?.isEmpty == false, "a derived card names its sources")
        }
    }

    @Test func sectionAndKindFilters() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let caching = try #require(try cli.json(["cards", "--section", "3.4", "--json"]) as? [[String: Any]])
        #expect(caching.filter { $0["kind"] as? String != "reverse" && $0["kind"] as? String != "comparison" }.count == 7)
        let byText = try #require(try cli.json(["cards", "--section", "invalidation", "--kind", "definition", "--json"]) as? [[String: Any]])
        #expect(byText.compactMap { $0["term"] as? String } == ["Write-through", "Write-back", "Write-around"])
    }

    @Test func missingDeckFileExits66AndBadDeckExits65WithLocation() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let missing = try cli.run(["cards", "--deck", "nope.md"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("nope.md"))

        let bad = cli.directory + "/bad.md"
        try (Data("# S\n\n- Term: ok\n- Other: bro".utf8) + Data([0xFF, 0xFE]) + Data("ken\n".utf8)).write(to: URL(fileURLWithPath: bad))
        let result = try cli.run(["cards", "--deck", bad])
        #expect(result.status == 65)
        #expect(result.stderr.contains("bad.md:4:13: invalid UTF-8"))
        // Nothing of the bad deck was written.
        let decks = try #require(try cli.json(["decks", "--json"]) as? [[String: Any]])
        #expect(decks.compactMap { $0["name"] as? String } == ["system-design", "numbers"])
    }

    @Test func registeredDeckIsSyncedAndRemovedKeepingHistory() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let deck = cli.directory + "/notes.md"
        try "# Notes\n\n- Alpha: first.\n\nQ: Why?\nA: Because.\n".write(toFile: deck, atomically: false, encoding: .utf8)
        let add = try cli.run(["decks", "add", deck])
        #expect(add.status == 0)
        #expect(add.stdout.contains("2 cards"))
        var notes = try #require(try cli.json(["cards", "--json", "--section", "Notes"]) as? [[String: Any]])
        #expect(notes.count == 2)

        // Editing the file is picked up on the next run: a corrected answer keeps the ID.
        let firstID = notes[0]["id"] as? String
        try "# Notes\n\n- Alpha: first, corrected.\n\nQ: Why?\nA: Because.\n".write(toFile: deck, atomically: false, encoding: .utf8)
        notes = try #require(try cli.json(["cards", "--json", "--section", "Notes"]) as? [[String: Any]])
        #expect(notes[0]["id"] as? String == firstID)
        #expect(notes[0]["back"] as? String == "first, corrected.")

        let remove = try cli.run(["decks", "remove", "notes"])
        #expect(remove.status == 0)
        // No active card is left under "Notes": the filter now matches nothing (exit 64).
        #expect(try cli.run(["cards", "--json", "--section", "Notes"]).status == 64)
        let retired = try #require(try cli.json(["cards", "--json", "--retired", "--section", "Notes"]) as? [[String: Any]])
        #expect(retired.count == 2)
    }

    @Test func aRenamedTermKeepsItsHistoryAndSaysWhereItCameFrom() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let deck = cli.directory + "/notes.md"
        try "# Notes\n\n- Alpha: The first letter.\n- Beta: The second.\n".write(toFile: deck, atomically: false, encoding: .utf8)
        #expect(try cli.run(["decks", "add", deck]).status == 0)
        #expect(try cli.run(["review", "--section", "Notes", "--limit", "1"], stdin: "good\n").status == 0)
        let before = try #require(try cli.json(["cards", "--json", "--section", "Notes"]) as? [[String: Any]])
        let oldID = try #require(before.first { $0["term"] as? String == "Alpha" }?["id"] as? String)
        #expect(before.allSatisfy { ($0["links"] as? [String]) == [] })

        // The term is corrected, the answer stays: the same card under a new ID.
        try "# Notes\n\n- Alpha letter: The first letter.\n- Beta: The second.\n".write(toFile: deck, atomically: false, encoding: .utf8)
        let synced = try cli.run(["cards", "--section", "Notes", "--verbose"])
        #expect(synced.stderr.contains("synced notes: 0 new, 0 changed, 0 retired, 0 back, 1 renamed (history kept), 1 unchanged"))
        let after = try #require(try cli.json(["cards", "--json", "--section", "Notes"]) as? [[String: Any]])
        let newID = try #require(after.first { $0["term"] as? String == "Alpha letter" }?["id"] as? String)
        #expect(newID != oldID)
        let card = try #require(try cli.json(["card", newID, "--json"]) as? [String: Any])
        #expect((card["reviews"] as? [[String: Any]])?.count == 1)
        #expect(card["links"] as? [String] == [])
        let renamed = try #require(card["renamed_from"] as? [[String: Any]])
        #expect(renamed.count == 1)
        #expect(renamed.first?["id"] as? String == oldID)
        #expect(renamed.first?["term"] as? String == "Alpha")
        #expect(renamed.first?["at"] as? String == "2026-11-25T09:00:00Z")
        let text = try cli.run(["card", newID])
        #expect(text.stdout.contains("renamed from \(oldID) “Alpha” on 2026-11-25\n"))
        #expect(!text.stdout.contains("links"))
        let old = try #require(try cli.json(["card", oldID, "--json"]) as? [String: Any])
        #expect(old["retired"] as? Bool == true)
        #expect((old["renamed_to"] as? [String: Any])?["id"] as? String == newID)
        #expect(card["renamed_to"] is NSNull)
        #expect(try cli.run(["card", oldID]).stdout.contains("renamed to \(newID) “Alpha letter” on 2026-11-25 (its history is there now)\n"))
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func databaseErrorsExit74AndLeaveTheFileAlone() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let path = cli.directory + "/garbage.sqlite"
        let garbage = Data((0..<2048).map { UInt8(truncatingIfNeeded: $0 * 31 + 7) })
        try garbage.write(to: URL(fileURLWithPath: path))
        let result = try cli.run(["cards", "--db", path])
        #expect(result.status == 74)
        #expect(result.stderr.contains("not a sysdrill database"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test func invalidClockOverrideIsAUsageError() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["cards"], extraEnvironment: ["SYSDRILL_NOW": "yesterday"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("SYSDRILL_NOW"))
    }
}
