import Foundation
import Testing

/// Issue 16, parts 6 and 7 from the command line: `card ID --suspend|--unsuspend|--flag|
/// --unflag`, `cards --leeches|--suspended|--flagged`, the tags in `--json`, `stats`, the
/// `leech-lapses` setting, and the review keys `!` and `@` under a pseudo-terminal.
@Suite struct LeechSuspendCLITests {
    /// The first card of the built-in deck and the next two.
    static let functional = "734774491af4e3a4"
    static let nonFunctional = "f2ad2f32"

    func object(_ cli: CLIRunner, _ arguments: [String]) throws -> [String: Any] {
        try #require(try cli.json(arguments + ["--json"]) as? [String: Any])
    }

    func ids(_ cli: CLIRunner, _ arguments: [String]) throws -> [String] {
        let cards = try #require(try cli.json(["cards", "--json"] + arguments) as? [[String: Any]])
        return cards.compactMap { $0["id"] as? String }
    }

    func dueIDs(_ cli: CLIRunner) throws -> [String] {
        let due = try object(cli, ["due"])
        return (due["cards"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
    }

    @Test func suspendAndFlagFromTheCardCommand() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        // One review, so there is history to keep.
        try cli.run(["review", "--limit", "1"], stdin: "good\n")
        let suspended = try cli.run(["card", "7347", "--suspend"])
        #expect(suspended.status == 0)
        #expect(suspended.stdout.hasPrefix("suspended 73477449 “Functional”: out of every queue"))
        #expect(try cli.run(["card", "7347", "--suspend"]).stdout.contains("was already suspended"))
        #expect(try cli.run(["card", "f2ad", "--flag"]).stdout.hasPrefix("flagged f2ad2f32"))
        #expect(try cli.run(["card", "7347", "--suspend", "--unsuspend"]).status == 64)
        #expect(try cli.run(["card", "7347", "--flag", "--unflag"]).status == 64)

        let card = try object(cli, ["card", "7347"])
        #expect(card["suspended"] as? Bool == true)
        #expect(card["flagged"] as? Bool == false)
        #expect(card["leech"] as? Bool == false)
        #expect((card["reviews"] as? [Any])?.count == 1)  // history kept
        let text = try cli.run(["card", "7347"]).stdout
        #expect(text.contains("tags: suspended since 2026-11-25 09:00"))

        #expect(try ids(cli, ["--suspended"]) == [Self.functional])
        #expect(try ids(cli, ["--flagged"]).map { String($0.prefix(8)) } == [Self.nonFunctional])
        #expect(try ids(cli, ["--suspended", "--flagged"]).isEmpty)
        let all = try #require(try cli.json(["cards", "--json"]) as? [[String: Any]])
        #expect(all.allSatisfy { $0["suspended"] is Bool && $0["flagged"] is Bool && $0["leech"] is Bool })
        #expect(try cli.run(["cards", "--suspended"]).stdout.contains("(suspended)"))
        #expect(try !dueIDs(cli).contains(Self.functional))

        // Tomorrow the reviewed card would be due; suspended it is not, and unsuspended it is.
        var tomorrow = cli
        tomorrow.environment["SYSDRILL_NOW"] = "2026-11-27T09:00:00Z"
        #expect(try !dueIDs(tomorrow).contains(Self.functional))
        #expect(try tomorrow.run(["card", "7347", "--unsuspend"]).stdout.hasPrefix("unsuspended 73477449"))
        #expect(try dueIDs(tomorrow).first == Self.functional)
        #expect(try ids(cli, ["--suspended"]).isEmpty)
        #expect(try cli.run(["card", "f2ad", "--unflag"]).status == 0)
        #expect(try ids(cli, ["--flagged"]).isEmpty)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func leechesAreCountedListedAndTaggedWithTheSetting() throws {
        var cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["config", "set", "leech-lapses", "0"]).status == 64)
        #expect(try cli.run(["config", "set", "leech-lapses", "100"]).status == 64)
        #expect(try cli.run(["config", "set", "--help"]).stdout.contains("leech-lapses"))
        #expect(try cli.run(["config", "set", "leech-lapses", "1"]).status == 0)
        // Day 1: good; day 3: again, the first lapse, which reaches the threshold of 1.
        try cli.run(["review", "--limit", "1"], stdin: "good\n")
        cli.environment["SYSDRILL_NOW"] = "2026-11-27T09:00:00Z"
        let review = try cli.run(["review", "--limit", "1"], stdin: "again\nagain\ngood\n")
        #expect(review.status == 0)
        #expect(review.stderr.components(separatedBy: "this card keeps slipping; rewrite it? Content/system-design.md:5").count == 2)

        #expect(try ids(cli, ["--leeches"]) == [Self.functional])
        #expect(try object(cli, ["card", "7347"])["leech"] as? Bool == true)
        #expect(try cli.run(["card", "7347"]).stdout.contains("tags: leech (1 lapse; leech-lapses 1: rewrite it?)"))
        let stats = try object(cli, ["stats"])
        #expect(stats["leeches"] as? Int == 1)
        #expect(stats["leech_lapses"] as? Int == 1)
        #expect(stats["suspended"] as? Int == 0)
        #expect(try cli.run(["stats"]).stdout.contains("leeches 1 (1+ lapses: 'sysdrill cards --leeches') · suspended 0 · flagged 0"))

        // Derived from the lapses: a higher threshold and the card is no leech; a scheduler
        // switch (a replay of the log) keeps what the log says.
        #expect(try cli.run(["config", "set", "leech-lapses", "2"]).status == 0)
        #expect(try ids(cli, ["--leeches"]).isEmpty)
        #expect(try object(cli, ["stats"])["leeches"] as? Int == 0)
        #expect(try cli.run(["config", "set", "leech-lapses", "1"]).status == 0)
        #expect(try cli.run(["card", "7347", "--suspend"]).status == 0)
        #expect(try cli.run(["config", "set", "scheduler", "fsrs"]).status == 0)
        #expect(try cli.run(["config", "set", "scheduler", "sm2"]).status == 0)
        #expect(try ids(cli, ["--leeches"]) == [Self.functional])
        #expect(try ids(cli, ["--suspended"]) == [Self.functional])
        #expect(try object(cli, ["stats"])["suspended"] as? Int == 1)
        #expect(try cli.run(["check", "--repair"]).status == 0)
        #expect(try ids(cli, ["--suspended"]) == [Self.functional])
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func theReviewKeysFlagAndSuspendInATerminal() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        // The outline's cards alone, in its order (the numbers deck would come every other card).
        try cli.run(["decks", "disable", "numbers"])
        // ! flags the card on screen (and stays on it), @ suspends it and moves on.
        let result = try PseudoTerminal.run(["review"], steps: [
            .waitFor("Functional?"), .type("!"), .waitFor("lists them"), .type("@"), .waitFor("Non-Functional?"),
            .waitFor("--unsuspend"), .type("?"), .waitFor("suspend: out of every queue"), .type(" "), .type("q"),
        ], cli: cli)
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(result.terminalRestored, "\(result.transcript)")
        let card = try object(cli, ["card", "7347"])
        #expect(card["flagged"] as? Bool == true)
        #expect(card["suspended"] as? Bool == true)
        #expect(try !dueIDs(cli).contains(Self.functional))
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func aNewLeechStaysOnScreenSoEShowsItsSource() throws {
        var cli = CLIRunner()
        defer { cli.cleanUp() }
        try cli.run(["config", "set", "leech-lapses", "1"])
        try cli.run(["review", "--limit", "1"], stdin: "good\n")
        cli.environment["SYSDRILL_NOW"] = "2026-11-27T09:00:00Z"
        let result = try PseudoTerminal.run(["review", "--limit", "1"], steps: [
            .waitFor("Functional?"), .type(" "), .waitFor("again"), .type("1"),
            .waitFor("this card keeps slipping; rewrite it? e shows file:line"), .type("e"),
            .waitFor("source: built-in outline (system-design.md), line 5"), .type("!"), .waitFor("lists them"),
            // Any other key goes on (SM-2 repeats the card today); q ends.
            .type("x"), .waitFor("Space or Enter"), .type("q"),
        ], cli: cli)
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(result.terminalRestored, "\(result.transcript)")
        let card = try object(cli, ["card", "7347"])
        #expect(card["leech"] as? Bool == true)
        #expect(card["flagged"] as? Bool == true)
        #expect((card["reviews"] as? [Any])?.count == 2)
    }

    @Test func exportAndImportCarrySuspendAndFlag() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try cli.run(["review", "--limit", "1"], stdin: "good\n")
        try cli.run(["card", "7347", "--suspend"])
        try cli.run(["card", "f2ad", "--flag"])
        try cli.run(["card", "f2ad", "--unflag"])
        try cli.run(["card", "59fd", "--flag"])
        let file = cli.directory + "/progress.json"
        #expect(try cli.run(["export", "--output", file]).stderr.contains("3 marks"))
        let other = cli.directory + "/other.sqlite"
        let imported = try cli.run(["import", file, "--db", other])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("marks         3 applied"))
        #expect(try ids(cli, ["--suspended", "--db", other]) == [Self.functional])
        #expect(try ids(cli, ["--flagged", "--db", other]).map { String($0.prefix(4)) } == ["59fd"])
        let again = cli.directory + "/again.json"
        try cli.run(["export", "--output", again, "--db", other])
        func withoutTime(_ path: String) throws -> String {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").filter { !$0.contains("exported_at") }
                .joined(separator: "\n")
        }
        #expect(try withoutTime(file) == withoutTime(again))
        #expect(try cli.run(["check", "--db", other]).status == 0)
    }
}
