import Foundation
import Testing

/// `sysdrill review` driven as a user or a script would: through pipes (line mode) and
/// under a pseudo-terminal (raw mode, restored after Ctrl-C).
@Suite struct ReviewCLITests {
    @Test func lineModeThroughPipesKeepsAnswersAtEndOfInput() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        // The outline's cards alone, in its order (the numbers deck would come every other card).
        try cli.run(["decks", "disable", "numbers"])
        let result = try cli.run(["review", "--limit", "3"], stdin: "good\nbogus\n5\n")
        #expect(result.status == 0)
        let blocks = result.stdout.components(separatedBy: "\n---\n")
        #expect(blocks.count == 4)  // three cards shown, the third unanswered at end of input
        #expect(result.stdout.hasPrefix("Functional vs. Non-Functional: what is meant by Functional?\n---\nWhat the system must do"))
        #expect(result.stderr.contains("'bogus' is not an answer"))
        #expect(result.stdout.contains("Reviewed 2 cards (2 new)"))
        // Both answers are in the log; the third card is still new.
        let due = try #require(try cli.json(["due", "--json"]) as? [String: Any])
        let counts = try #require(due["counts"] as? [String: Int])
        #expect(counts["new"] == 18)
        let history = try #require(try cli.json(["card", "73477449", "--json"]) as? [String: Any])
        let reviews = try #require(history["reviews"] as? [[String: Any]])
        #expect(reviews.map { $0["grade"] as? Int } == [4])
    }

    @Test func jsonEventsInLineMode() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["review", "--json", "--limit", "1"], stdin: "again\nq\n")
        #expect(result.status == 0)
        let events = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(events.map { $0["event"] as? String } == ["card", "answer", "card", "summary"])
        #expect(events[1]["grade"] as? Int == 1)
        #expect(events[1]["repeats_today"] as? Bool == true)
        #expect(events[3]["reviewed"] as? Int == 1)
        // Cards are still due today (the failed one, and 19 new ones, which have no due
        // time): the next is due now, not on the earliest scheduled card's day.
        #expect(events[3]["next_due"] as? String == "2026-11-25T09:00:00Z")
        let nextDay = try #require(events[3]["next_day"] as? [String: Any])
        #expect(nextDay["date"] as? String == "2026-11-26")
        // Tomorrow: the daily 20 new cards, plus the card failed today if it is due by then.
        #expect((nextDay["due"] as? Int).map { $0 >= 20 } == true, "\(nextDay)")
    }

    @Test func nextDueIsTheEarliestScheduledCardWhenNothingIsLeftToday() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try cli.run(["config", "set", "new-per-day", "1"])
        let result = try cli.run(["review", "--json"], stdin: "easy\n")
        let last = try #require(result.stdout.split(separator: "\n").last)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any])
        #expect(summary["due_left_today"] as? Int == 0)
        #expect(summary["next_due"] as? String == "2026-11-26T09:00:00Z", "\(summary)")
        #expect((summary["next_day"] as? [String: Any])?["due"] as? Int == 2, "\(summary)")
    }

    @Test func undoAcrossCardsRemovesFromTheLog() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        _ = try cli.run(["review"], stdin: "good\neasy\nu\nu\nq\n")
        let due = try #require(try cli.json(["due", "--json"]) as? [String: Any])
        #expect((due["counts"] as? [String: Int])?["new"] == 20)
    }

    @Test func reviewOptionsAreValidated() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["review", "--limit", "-3"]).status == 64)
        #expect(try cli.run(["review", "--scheduler", "sm3"]).stderr.contains("did you mean 'sm2'"))
        // Another scheduler than the active one is refused: a session stores the active one's
        // states, so it cannot honestly show another's intervals.
        let other = try cli.run(["review", "--scheduler", "fsrs"], stdin: "good\n")
        #expect(other.status == 64)
        #expect(other.stderr.contains("sysdrill config set scheduler fsrs"), "\(other.stderr)")
        #expect(try cli.run(["review", "--scheduler", "sm2", "--limit", "1"], stdin: "good\n").status == 0)
        #expect(try cli.run(["review", "--section", "no such heading"]).status == 64)
    }

    @Test func bareSysdrillPrintsTheOverviewWithoutATerminal() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run([])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Today: 20 new · 0 learning · 0 review = 20 due"))
    }

    /// Bare `sysdrill` in a terminal starts today's review, on the queue it built to see
    /// that something is due (the clock is fixed, so it is current), and keeps the answer.
    @Test func bareSysdrillInATerminalStartsTheReview() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try cli.run(["decks", "disable", "numbers"])
        let result = try PseudoTerminal.run([], steps: [
            .waitFor("Functional?"), .type(" "), .waitFor("again"), .type("3"), .waitFor("Non-Functional?"), .type("q"),
            .waitFor("Reviewed 1 card"), .waitFor("19 still due today"),
        ], cli: cli)
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(result.terminalRestored, "\(result.transcript)")
        let history = try #require(try cli.json(["card", "73477449", "--json"]) as? [String: Any])
        #expect((history["reviews"] as? [[String: Any]])?.count == 1)
    }

    @Test func ctrlCInATerminalRestoresItAndKeepsAnswers() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        // The outline's cards alone, in its order (the numbers deck would come every other card).
        try cli.run(["decks", "disable", "numbers"])
        // Answer one card (Space shows the answer, 3 = Good), then Ctrl-C on the next.
        let result = try PseudoTerminal.run(["review"], steps: [
            .waitFor("Functional?"), .type(" "), .waitFor("again"), .type("3"), .waitFor("Non-Functional?"), .type("\u{03}"),
        ], cli: cli)
        #expect(result.exitCode == 130, "\(result.transcript)")
        #expect(result.terminalRestored, "\(result.transcript)")
        let history = try #require(try cli.json(["card", "73477449", "--json"]) as? [String: Any])
        #expect((history["reviews"] as? [[String: Any]])?.count == 1)
    }
}
