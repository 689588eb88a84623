import Deck
import Scheduling
import Review
import Practice
import Terminal
import Testing
@testable import sysdrill

/// The `numbers` deck from the command line: listed by `decks`, its cards' sources are
/// the rows of `sysdrill numbers`, the review screen takes an estimate, and a terminal
/// review grades it.
@Suite struct NumberCardCLITests {
    @Test func eachCardsSourceLineIsItsRowOfTheNumbersTable() {
        let table = NumbersCommand.table(style: .plain).split(separator: "\n", omittingEmptySubsequences: false)
        for card in NumberCards.cards() {
            #expect(card.source.file == "sysdrill numbers")
            let row = String(table[card.source.line - 1])
            #expect(row.hasPrefix("  " + card.term + " "), "\(card.term) at line \(card.source.line): \(row)")
        }
    }

    @Test func eShowsTheRowOfTheTable() {
        let card = NumberCards.cards().first { $0.term == "Disk seek" }!
        #expect(BuiltInSource.describe(card.source) == "source: built-in table ('sysdrill numbers'), line \(card.source.line): Disk seek 10 ms 2 ms")
    }

    @Test func theDeckIsListedOnByDefaultAndCanBeTurnedOff() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let decks = try #require(try cli.json(["decks", "--json"]) as? [[String: Any]])
        let numbers = try #require(decks.first { $0["name"] as? String == "numbers" })
        #expect(numbers["source"] as? String == "'sysdrill numbers' (built in)" && numbers["origin"] as? String == "embedded")
        #expect(numbers["cards"] as? Int == NumberCards.cards().count && numbers["disabled"] as? Bool == false)
        // The outline's cards are what they were.
        #expect(decks.first { $0["name"] as? String == "system-design" }?["cards"] as? Int == 256)
        let quiz = ["quiz", "--mode", "typed", "--count", "400", "--json"]
        // The typed quiz's question count (its start event), with the number cards and without.
        func typedQuestions() throws -> Int {
            let start = try cli.run(quiz, stdin: "").stdout.split(separator: "\n").first { $0.contains("\"event\":\"start\"") }
            return Int(start?.split(separator: "\"total\":").last?.prefix { $0.isNumber } ?? "") ?? -1
        }
        let with = try typedQuestions()
        #expect(try cli.run(["decks", "disable", "numbers"]).status == 0)
        #expect(try with - typedQuestions() == NumberCards.cards().count)
        #expect(try cli.run(["decks", "remove", "numbers"]).status != 0)
        let lint = try cli.run(["decks", "lint", "numbers"])
        #expect(lint.status == 64 && lint.stderr.contains("'numbers' is made from the table of 'sysdrill numbers'"))
    }

    func screen(_ field: String?, lines: [String] = [], proposed: Rating? = nil) -> ReviewScreen {
        var screen = ReviewScreen()
        let card = NumberCards.cards().first { $0.term == "Disk seek" }!
        screen.presented = ReviewSession.Presented(card: card, state: .new, position: 2, total: 20)
        screen.previews = [(.again, 0, "<1m"), (.hard, 0, "<6m"), (.good, 0, "<10m"), (.easy, 0, "4d")]
        screen.typedField = field
        if !lines.isEmpty {
            screen.revealed = true
            screen.typedLines = lines
            screen.proposed = proposed
        }
        return screen
    }

    @Test(arguments: [(80, 24), (40, 12)])
    func theScreenAsksForTheEstimateThenShowsTheVerdictAndTheGradeProposed(columns: Int, rows: Int) {
        let asking = screen("12 m").render(columns: columns, rows: rows, style: .plain).joined(separator: "\n")
        #expect(asking.contains("Disk seek ≈ ?") && asking.contains("≈ 12 m_"))
        #expect(!asking.contains("10 ms") && !asking.contains("1 again"))
        let answered = screen(nil, lines: ["✓ good: within 25% of 10 ms (20% too high)  you said 12 ms"], proposed: .good)
            .render(columns: columns, rows: rows, style: .plain)
        #expect(answered.count <= rows && answered.allSatisfy { ANSIText.visibleWidth($0) <= columns })
        let text = answered.joined(separator: "\n")
        #expect(text.contains("✓ good: within 25%") && text.contains("Space/Enter: good") && text.contains("1 again"))
    }

    @Test func aTerminalReviewGradesTheEstimateAndTakesTheProposal() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        // The first new card is the outline's, the second a number card (round robin).
        let result = try PseudoTerminal.run(["review"], steps: [
            .waitFor("Functional?"), .type(" "), .waitFor("again"), .type("3"),
            .waitFor("L1 cache reference"), .type("qq"), .type("\u{7f}\u{7f}"), .type("1 ns\r"),
            .waitFor("within 25% of 1 ns"), .waitFor("Space/Enter: easy"), .type("\r"), .waitFor("Non-Functional?"), .type("q"),
        ], cli: cli)
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(result.terminalRestored)
        let card = NumberCards.cards().first { $0.term == "L1 cache reference" }!
        let history = try #require(try cli.json(["card", String(card.id.rawValue.prefix(8)), "--json"]) as? [String: Any])
        let reviews = try #require(history["reviews"] as? [[String: Any]])
        #expect(reviews.count == 1 && reviews.first?["grade"] as? Int == 5, "\(history)")
    }
}
