import Practice
import Store
import Terminal
import Testing
@testable import sysdrill

/// Issue 19's drill rough edges: a schedule warning leaves the screen when its phase
/// ends, a note can be kept in any phase, and a score can be corrected before the total.
@Suite struct DrillRoughEdgesTests {
    static let plain = Style(enabled: false)

    @Test func aWarningShowsUntilThePhaseItCameInEnds() {
        var screen = DrillScreen()
        screen.name = "URL shortener"
        screen.plan = DrillPlan(minutes: 45)
        screen.phaseIndex = 0
        screen.elapsed = 310
        screen.warning = ("⏰ 5:00: time for estimates", 0)
        for (columns, rows) in [(80, 24), (40, 12)] {
            #expect(screen.render(columns: columns, rows: rows, style: Self.plain).lines.contains("⏰ 5:00: time for estimates"))
        }
        screen.phaseIndex = 1  // Enter: on to the estimates
        for (columns, rows) in [(80, 24), (40, 12)] {
            let lines = screen.render(columns: columns, rows: rows, style: Self.plain).lines
            #expect(!lines.contains { $0.contains("⏰") })
            #expect(lines.count == rows && lines.allSatisfy { ANSIText.visibleWidth($0) <= columns })
        }
    }

    @Test func everyPhaseOffersANoteAndTheFooterFits() {
        var screen = DrillScreen()
        screen.name = "URL shortener"
        screen.plan = DrillPlan(minutes: 45)
        var rubric = DrillRubric(title: "URL shortener")
        rubric.statement = ["100 million new links a month."]
        screen.rubric = rubric
        for phase in 0..<6 {
            screen.phaseIndex = phase
            let footer = screen.render(columns: 80, rows: 24, style: Self.plain).lines.last ?? ""
            #expect(footer.contains("w note") && footer.hasSuffix("q save and quit"), "\(footer)")
        }
    }

    @Test func theLastScoreWaitsForEnterAndBGoesBack() {
        var screen = DrillScreen()
        screen.stage = .scoring
        screen.name = "URL shortener"
        screen.scores = [3, 2]
        #expect(screen.render(columns: 80, rows: 24, style: Self.plain).lines.last == "0-3 scores the marked part · b back one part · q save and quit")
        screen.scores = [3, 2, 2, 3, 1, 2, 3]
        let lines = screen.render(columns: 80, rows: 24, style: Self.plain).lines
        #expect(lines.last == "Enter saves these scores · b changes the last · q save and quit")
        #expect(!lines.contains { $0.hasSuffix("›") })
    }

    /// A whole drill in a terminal: a note in the requirements phase, a score taken back
    /// with b and given again, the last one changed before Enter saves them.
    @Test func scoresCorrectedInATerminalAreTheOnesSaved() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try PseudoTerminal.run(["drill", "url", "--minutes", "5"], steps: [
            .waitFor("Statement:"), .type("w"), .waitFor("note>"), .type("links only, no accounts\r"), .waitFor("note kept"),
            .type("n"), .type("n"), .type("n"), .type("n"), .waitFor("Probe 1/8:"), .type("n"), .type("n"),
            .waitFor("Starts drawing boxes"), .type("3"), .type("0"), .type("b"), .waitFor("score it again"), .type("2"),
            .type("3"), .type("3"), .type("1"), .type("3"), .type("1"), .waitFor("Enter saves these scores"),
            .type("\u{7f}"), .waitFor("score it again"), .type("2"), .type("\r"),
            .waitFor("Which of these points"), .type("\r"), .waitFor("any key"), .type("x"),
        ], cli: cli)
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(result.terminalRestored)
        let drill = try #require(try cli.firstDrillInHistory())
        #expect(drill["status"] as? String == "finished")
        let notes = try #require(drill["notes"] as? [[String: Any]])
        #expect(notes.first?["phase"] as? String == "requirements" && notes.first?["text"] as? String == "links only, no accounts")
        let store = try StudyStore.open(path: cli.databasePath)
        #expect(try store.drills(named: "URL shortener").last?.phaseScores == [3, 2, 3, 3, 1, 3, 2])
    }

    /// A drill resumed a second before a boundary: the warning comes, and the drill goes on.
    @Test func aWarningArrivesInATerminalDrill() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        _ = try cli.run(["drill", "url", "--minutes", "5"], stdin: "q\n")
        let store = try StudyStore.open(path: cli.databasePath)
        var saved = try #require(try store.drills(named: "URL shortener").last)
        saved.elapsedSeconds = DrillPlan(minutes: 5).phases[0].end - 1
        try store.saveDrill(saved)
        let result = try PseudoTerminal.run(["drill", "url"], steps: [
            .waitFor("Resume it?"), .type("y"), .waitFor("time for estimates"), .type("n"), .waitFor("2/6"), .type("q"),
        ], cli: cli)
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(try store.drills(named: "URL shortener").last?.phase == 1)
    }
}
