import Capacity
import Deck
import Foundation
import Study
import Review
import Practice
import Progress
import Terminal
import Testing
@testable import sysdrill

/// `sysdrill quiz`, `drill` and `estimate` driven through pipes (line mode) with a fixed
/// SYSDRILL_NOW and a private database per test, and the drill's Ctrl-C under a pty.
@Suite struct PracticeCLITests {
    static func events(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    // MARK: quiz

    @Test func quizLineModeThroughPipes() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["quiz", "--mode", "choice", "--count", "3", "--seed", "42"], stdin: "1\nz\nb\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Question 1/3 (choice)\n"))
        #expect(result.stdout.contains("  1) ") && result.stdout.contains("  4) "))
        #expect(result.stdout.contains("Question 3/3 (choice)"))  // shown, then input ended
        #expect(result.stdout.contains("Score ") && result.stdout.contains("1 not answered") && result.stdout.contains("seed 42"))
        #expect(result.stderr.contains("'z' is not an option; answer 1-4, a-d or q (quit)"))
        #expect(result.stderr.contains("repeat this quiz with --seed 42"))
    }

    @Test func quizJSONEventsAndTheSameSeedRepeatTheQuiz() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        // Seed 7's questions and the answers below are the outline's.
        try cli.run(["decks", "disable", "numbers"])
        let arguments = ["quiz", "--json", "--mode", "mixed", "--count", "4", "--seed", "7"]
        let first = try cli.run(arguments, stdin: "1\nlru\nwrite back\n1\n")
        #expect(first.status == 0, "\(first.stderr)")
        let events = try Self.events(first.stdout)
        #expect(events.map { $0["event"] as? String } == ["start"] + Array(repeating: ["question", "result"], count: 4).flatMap { $0 } + ["summary"])
        let questions = events.filter { $0["event"] as? String == "question" }
        for question in questions {
            #expect(["choice", "typed", "cloze"].contains(question["mode"] as? String))
            #expect((question["card"] as? String)?.count == 16 && question["prompt"] is String)
            #expect((question["options"] as? [String])?.count == (question["mode"] as? String == "choice" ? 4 : nil))
        }
        for result in events.filter({ $0["event"] as? String == "result" }) {
            #expect(result["correct"] is Bool && result["expected"] is String && result["given"] is String)
        }
        let summary = try #require(events.last)
        #expect(summary["total"] as? Int == 4 && summary["correct"] is Int && summary["seed"] as? Int == 7)
        let again = try Self.events(try cli.run(arguments, stdin: "q\n").stdout)
        #expect(again[1]["prompt"] as? String == questions[0]["prompt"] as? String)
        #expect(again[1]["options"] as? [String] == questions[0]["options"] as? [String])
    }

    @Test func reviewMissedPutsMissedCardsInTodaysQueue() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["quiz", "--mode", "typed", "--count", "3", "--seed", "3", "--review-missed", "--json"],
                                 stdin: "no idea\nnone\n\n")
        let summary = try #require(try Self.events(result.stdout).last)
        #expect(summary["correct"] as? Int == 0 && summary["requeued"] as? Int == 3)
        let due = try #require(try cli.json(["due", "--json"]) as? [String: Any])
        #expect((due["counts"] as? [String: Int])?["review"] == 3)
    }

    @Test func quizOptionsAreValidated() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["quiz", "--count", "0"]).status == 64)
        #expect(try cli.run(["quiz", "--count", "501"]).status == 64)
        #expect(try cli.run(["quiz", "--seed", "-1"]).status == 64)
        let mode = try cli.run(["quiz", "--mode", "cloz"])
        #expect(mode.status == 64 && mode.stderr.contains("did you mean 'cloze'"))
        #expect(try cli.run(["quiz", "--section", "no such heading"]).status == 64)
        let none = try cli.run(["quiz", "--mode", "typed", "--section", "16"], stdin: "")
        #expect(none.status == 0 && none.stderr.contains("no typed questions can be made from --section '16'"))
    }

    // MARK: drill

    @Test func drillListAsJSON() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let list = try #require(try cli.json(["drill", "--list", "--json"]) as? [String: Any])
        let drills = try #require(list["drills"] as? [[String: Any]])
        #expect(drills.map { $0["name"] as? String } == ["URL shortener", "Chat service", "Notification system",
            "Build a distributed rate limiter", "Generate unique IDs (Snowflake algorithm)", "Leaderboard with frequent score updates",
            "Single region outage", "Network partition"])
        #expect(drills[0]["talking_points"] as? [String] == ["key generation", "redirection", "analytics"])
        for drill in drills {
            #expect((drill["statement"] as? [String])?.isEmpty == false)
            let probes = try #require(drill["probes"] as? [[String: Any]])
            #expect((5...10).contains(probes.count) && probes.allSatisfy { $0["text"] is String && $0["topics"] is [String] })
            #expect((drill["pitfalls"] as? [String])?.isEmpty == false && (drill["reference"] as? [String])?.isEmpty == false)
            let anchors = try #require(drill["anchors"] as? [String: [String: String]])
            #expect(anchors.keys.sorted() == ["api", "communication", "deep-dives", "estimates", "high-level", "requirements", "wrap-up"])
            #expect(anchors.values.allSatisfy { $0.keys.sorted() == ["0", "1", "2", "3"] })
            #expect(drill["due"] is NSNull && drill["last_total"] is NSNull)
        }
    }

    /// Phases of the URL shortener drill through a pipe: notes for the first four phases,
    /// a note per probe (8), the wrap-up, seven scores and the reference points covered.
    static let urlDrillInput = "scope\n= 40M * 25 / day -> req/s\nestimated\n\n\n" + "counter in base 62\n" + String(repeating: "\n", count: 7)
        + "\n3\n2\n2\n3\n1\n2\n3\n1 2 5\n"

    @Test func drillThroughPipesIsScoredAndKeptInHistory() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["drill", "url", "--minutes", "30"], stdin: Self.urlDrillInput)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Drill: URL shortener · 30 minutes\nStatement:\n  Design a service that turns a long URL"))
        #expect(result.stdout.contains("Phase 5/6: Deep dives (16:40-25:20)\n  - key generation\n  - redirection\n  - analytics\n"))
        #expect(result.stdout.contains("Probe 1/8: How do you generate the short key"))
        #expect(result.stdout.contains("40M * 25 / day -> req/s = 11,574 req/s"))
        #expect(result.stdout.contains("Covered 3 of 8 reference points (38%)\nCommon pitfalls:\n"))
        #expect(result.stdout.contains("Total 75/100\nReference covered 3 of 8\n"))
        #expect(result.stdout.contains("Next drill of this exercise: 2026-12-09 (in 14 days)"))
        let history = try #require(try cli.json(["drill", "--history", "--json"]) as? [String: Any])
        let exercise = try #require((history["exercises"] as? [[String: Any]])?.first)
        let drill = try #require((exercise["drills"] as? [[String: Any]])?.first)
        #expect(exercise["name"] as? String == "URL shortener")
        #expect(drill["status"] as? String == "finished" && drill["minutes"] as? Int == 30 && drill["total"] as? Int == 75)
        #expect((drill["scores"] as? [String: Int])?["deep-dives"] == 1)
        let notes = try #require(drill["notes"] as? [[String: Any]])
        #expect(notes.first?["phase"] as? String == "requirements" && notes.first?["text"] as? String == "scope")
        #expect(notes.contains { $0["probe"] as? Int == 1 && $0["text"] as? String == "counter in base 62" })
        let coverage = try #require(drill["coverage"] as? [String: Any])
        #expect(coverage["covered"] as? Int == 3 && coverage["points"] as? Int == 8 && coverage["fraction"] as? Double == 0.375)
        let text = try cli.run(["drill", "--history"])
        #expect(text.stdout.contains("URL shortener\n  2026-11-25 09:00   30 min     75/100  (3 2 2 3 1 2 3)  reference 3/8"))
        // Deep dives scored 1: the probes' topics are in today's review.
        #expect((try cli.json(["due", "--json"]) as? [String: Any]).flatMap { $0["counts"] as? [String: Int] }?["review"] == 20)
    }

    @Test func theDrillCalculatorTakesNamedCalculators() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["drill", "chat"], stdin: "x\n= rps --dau 100M --per-user 10 --peak 3\n= servers --rps\nq\n")
        #expect(result.stdout.contains("rps --dau 100M --per-user 10 --peak 3 = requests per day 1,000,000,000 req/day · average 11,574 req/s · peak 34,722 req/s\n"))
        #expect(result.stdout.contains("servers --rps: --rps needs at least one value (RATE)\n"))
    }

    @Test func theBillionNoteIsShownOncePerDrill() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["drill", "chat"], stdin: "x\n= 1.5B\n= 2B * 3\nq\n")
        #expect(result.stdout.contains("1.5B = 1,500,000,000\n  '1.5B' means 1.5 billion (B touching a number is a magnitude)"))
        #expect(result.stdout.contains("2B * 3 = 6,000,000,000\n"))
        #expect(!result.stdout.contains("'2B' means"))
    }

    @Test func aDrilledExerciseIsDueAfterItsIntervalInListDueAndStats() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        _ = try cli.run(["drill", "url", "--minutes", "30"], stdin: Self.urlDrillInput)
        let later = ["SYSDRILL_NOW": "2026-12-10T09:00:00Z"]
        let list = try #require(try cli.json(["drill", "--list", "--json"]) as? [String: Any])
        let first = try #require((list["drills"] as? [[String: Any]])?.first)
        #expect(first["due"] as? String == "2026-12-09T09:00:00Z" && first["last_total"] as? Int == 75)
        let notYet = try #require(try cli.json(["due", "--json"]) as? [String: Any])
        #expect((notYet["drills_due"] as? [Any])?.isEmpty == true)
        let due = try #require(try cli.json(["due", "--json"], extraEnvironment: later) as? [String: Any])
        let drills = try #require(due["drills_due"] as? [[String: Any]])
        #expect(drills.map { $0["name"] as? String } == ["URL shortener"] && drills.first?["due"] as? String == "2026-12-09T09:00:00Z")
        #expect(try cli.run(["due"], extraEnvironment: later).stdout.contains("Drills due: 1 — URL shortener (since 2026-12-09)"))
        #expect(try cli.run(["stats"], extraEnvironment: later).stdout.contains("  drills due 1 of 1 drilled (URL shortener)\n"))
        #expect(try cli.run(["drill", "--list"], extraEnvironment: later).stdout.contains("  1) URL shortener — key generation, redirection, analytics  (due since 2026-12-09)\n"))
        let stats = try #require(try cli.json(["stats", "--json"], extraEnvironment: later) as? [String: Any])
        #expect((stats["drills_due"] as? [[String: Any]])?.first?["number"] as? Int == 1)
    }

    @Test func aUserDrillWithABrokenAnchorIsABadInputError() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let deck = cli.directory + "/drills.md"
        try "# Drills\n\n- Parking garage\n  - Anchors\n    - Style\n      - 0: none\n".write(toFile: deck, atomically: true, encoding: .utf8)
        let result = try cli.run(["drill", "--list", "--deck", deck])
        #expect(result.status == 65)
        #expect(result.stderr.contains(deck + ":5:7: 'Style' under Anchors is not a part"))
        // Only the drill reads the rubric: due and stats work on.
        #expect(try cli.run(["due", "--deck", deck]).status == 0)
        #expect(try cli.run(["stats", "--deck", deck]).status == 0)
    }

    @Test func aStoppedDrillResumesWhereItStopped() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let first = try cli.run(["drill", "rate", "limiter"], stdin: "done\ndone\nq\n")
        #expect(first.stdout.contains("Drill saved at entities and API"))
        let probes = String(repeating: "\n", count: 8)
        let second = try cli.run(["drill", "rate limiter", "--json"], stdin: "\n\n" + probes + "\n0\n1\n2\n3\n3\n2\n1\n\n")
        #expect(second.status == 0, "\(second.stderr)")
        let events = try Self.events(second.stdout)
        #expect(events[0]["event"] as? String == "start" && events[0]["resumed"] as? Bool == true && events[0]["phase"] as? Int == 2)
        #expect(events[1]["phase"] as? String == "api" && events[1]["mode"] as? String == "drill")
        #expect(events.filter { $0["event"] as? String == "probe" }.count == 8)
        #expect(events.filter { $0["mode"] as? String == "drill-score" && $0["event"] as? String == "question" }.count == 7)
        #expect(events.contains { $0["event"] as? String == "reference" })
        let summary = try #require(events.last)
        #expect(summary["event"] as? String == "summary" && summary["status"] as? String == "finished")
        #expect(summary["total"] as? Double == 63.3)  // 0, 1, 2, 3, 3, 2, 1 weighted
        #expect((summary["coverage"] as? [String: Any])?["covered"] as? Int == 0)
        #expect(summary["due"] as? String == "2026-12-02T09:00:00Z")  // 63.3: back in a week
        #expect(second.stderr.contains("resuming the drill saved at entities and API"))
        // One drill, not two: the resumed one was finished.
        let history = try #require(try cli.json(["drill", "--history", "rate", "--json"]) as? [String: Any])
        #expect(((history["exercises"] as? [[String: Any]])?.first?["drills"] as? [Any])?.count == 1)
    }

    @Test func drillNamesAreCheckedWithSuggestions() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let typo = try cli.run(["drill", "leaderbord"])
        #expect(typo.status == 64 && typo.stderr.contains("did you mean 'Leaderboard with frequent score updates'?"))
        let ambiguous = try cli.run(["drill", "s"])
        #expect(ambiguous.status == 64 && ambiguous.stderr.contains("matches"))
        let missing = try cli.run(["drill"], stdin: "")
        #expect(missing.status == 64 && missing.stderr.contains("1) URL shortener"))
        #expect(try cli.run(["drill", "url", "--minutes", "4"]).status == 64)
    }

    // MARK: estimate

    @Test func estimateThroughPipesGradesWithTheCalculator() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let arguments = ["estimate", "--json", "--count", "3", "--seed", "11"]
        let first = try cli.run(arguments, stdin: "35 dya\n1 PB\n1 PB\n1 PB\n")
        #expect(first.status == 0, "\(first.stderr)")
        let events = try Self.events(first.stdout)
        #expect(events.map { $0["event"] as? String } == ["start", "question", "invalid", "result", "question", "result", "question", "result", "summary"])
        let question = events[1]
        #expect(question["mode"] as? String == "estimate" && question["card"] is NSNull && question["prompt"] is String)
        let result = events[3]
        let expected = try #require(result["expected"] as? [String: Any])
        #expect(expected["value"] is NSNumber && expected["unit"] is String && expected["display"] is String)
        #expect((result["steps"] as? [String])?.isEmpty == false)
        #expect(result["given"] as? String == "1 PB")
        // The same seed asks the same question: its expected answer is graded good.
        let answer = (expected["display"] as! String).split(separator: "(")[0].trimmingCharacters(in: .whitespaces)
        let again = try Self.events(try cli.run(arguments, stdin: answer + "\nq\n").stdout)
        #expect(again[1]["prompt"] as? String == question["prompt"] as? String)
        #expect(again[2]["correct"] as? Bool == true && again[2]["grade"] as? String == "good")
        let summary = try #require(again.last)
        #expect(summary["correct"] as? Int == 1 && summary["total"] as? Int == 1 && summary["good"] as? Int == 1)
    }

    @Test func anEmptyEstimateAnswerIsDontKnow() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let text = try cli.run(["estimate", "--count", "1", "--seed", "11"], stdin: "\n")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("✗ miss: expected "))
        #expect(text.stdout.contains("\n  no answer (don't know): counted as a miss\n  steps:\n    "))
        #expect(text.stdout.contains("Estimates 0/1 within 2x"))
        let events = try Self.events(try cli.run(["estimate", "--count", "1", "--seed", "11", "--json"], stdin: "\n").stdout)
        #expect(events.map { $0["event"] as? String } == ["start", "question", "result", "summary"])
        #expect(events[2]["correct"] as? Bool == false && events[2]["given"] as? String == "")
        #expect((events[2]["steps"] as? [String])?.isEmpty == false)
    }

    @Test func aMissedEstimateKindComesBackOnALaterDay() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let first = try Self.events(try cli.run(["estimate", "--count", "1", "--json"], stdin: "0.000001\n").stdout)
        let kind = try #require(first[1]["kind"] as? String)
        #expect(first[2]["correct"] as? Bool == false)
        let sameDay = try cli.run(["estimate", "--count", "1", "--json"], stdin: "q\n")
        #expect(!sameDay.stderr.contains("asked first"))
        let later = ["SYSDRILL_NOW": "2026-11-26T09:00:00Z"]
        let next = try cli.run(["estimate", "--count", "2", "--json"], stdin: "q\n", extraEnvironment: later)
        #expect(next.stderr.contains("missed on an earlier day, asked first: \(kind)\n"))
        #expect(try Self.events(next.stdout)[1]["kind"] as? String == kind)
        // A --seed run is the plain draw.
        #expect(!(try cli.run(["estimate", "--count", "1", "--seed", "3"], stdin: "q\n", extraEnvironment: later)).stderr.contains("asked first"))
        let stats = try cli.run(["stats"], extraEnvironment: later).stdout
        #expect(stats.contains("Estimates: answers within 2x, per kind\n  kind          all           last 30 days\n"))
        #expect(stats.contains("  " + kind.padding(toLength: 14, withPad: " ", startingAt: 0) + "0/1 0%"))
        let json = try #require(try cli.json(["stats", "--json"]) as? [String: Any])
        #expect((json["estimates"] as? [[String: Any]])?.first?["kind"] as? String == kind)
    }

    @Test func estimateTextShowsStepsAndTheSeed() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["estimate", "--count", "1", "--seed", "2"], stdin: "1\n")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Estimate 1/1 ("))
        #expect(result.stdout.contains("  steps:\n    "))
        #expect(result.stdout.contains("seed 2"))
        #expect(try cli.run(["estimate", "--count", "0"]).status == 64)
    }

    // MARK: terminal

    /// Starts `sysdrill drill chat` on a pty, moves to the estimates phase, opens the
    /// calculator, evaluates an expression, presses Ctrl-C, and compares `stty -g`.
    @Test func ctrlCInATerminalDrillSavesItsPhase() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try PseudoTerminal.run(["drill", "chat"], steps: [
            .waitFor("Requirements"), .type("n"), .waitFor("c calculator"), .type("c"), .waitFor("calc>"),
            .type("1 day -> s\r"), .waitFor("86,400 s"), .type("\u{03}"),
        ], cli: cli)
        #expect(result.exitCode == 130, "\(result.transcript)")
        #expect(result.terminalRestored, "\(result.transcript)")
        let drill = try #require(try cli.firstDrillInHistory())
        #expect(drill["status"] as? String == "in-progress")
        let resumed = try cli.run(["drill", "chat", "--json"], stdin: "q\n")
        #expect(try Self.events(resumed.stdout).first?["phase"] as? Int == 1)
    }
}

/// A whole drill with its rubric in a terminal: the statement, a probe answered with a
/// note and one passed, scoring with the anchors on screen, the reference marked.
@Suite struct DrillTerminalTests {
    @Test func aRubricDrillInATerminal() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try PseudoTerminal.run(["drill", "url", "--minutes", "5"], steps: [
            .waitFor("Statement:"), .waitFor("100 million new links a month"), .type("n"), .type("n"), .type("n"), .type("n"),
            .waitFor("Probe 1/8:"), .type("w"), .waitFor("note>"), .type("counter\r"), .waitFor("Probe 2/8:"), .type("p"),
            .waitFor("Probe 3/8:"), .type("n"), .type("n"),
            .waitFor("Starts drawing boxes"), .type("3"), .type("3"), .type("3"), .type("3"), .type("1"), .type("3"), .type("3"),
            .waitFor("Enter saves these scores"), .type("\r"), .waitFor("Which of these points"), .type("1"), .type("2"), .type("\r"),
            .waitFor("Covered 2 of 8 reference points"), .waitFor("Common pitfalls"), .type("x"),
        ], cli: cli)
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(result.terminalRestored)
        let drill = try #require(try cli.firstDrillInHistory())
        #expect(drill["status"] as? String == "finished")
        #expect((drill["coverage"] as? [String: Any])?["covered"] as? Int == 2)
        let notes = try #require(drill["notes"] as? [[String: Any]])
        #expect(notes.map { $0["text"] as? String } == ["counter", ""] && notes.map { $0["probe"] as? Int } == [1, 2])
    }
}

/// The interactive fronts' screens are pure functions of their state: checked here at
/// 80x24 and at 40 columns without a terminal.
@Suite struct PracticeScreenTests {
    static let plain = Style(enabled: false)

    static func fits(_ lines: [String], columns: Int) -> Bool {
        lines.allSatisfy { ANSIText.visibleWidth($0) <= columns }
    }

    static func choiceQuestion() -> QuizQuestion {
        let card = Card(id: CardID(rawValue: "0123456789abcdef"), deck: "t", section: ["3. Core", "3.4 Caching", "Invalidation"],
                        kind: .definition, term: "Write-through", front: "Caching › Invalidation: what is meant by Write-through?",
                        back: "Write cache then database.", items: [], source: SourceLocation(file: "t.md", line: 1), order: 1)
        return QuizQuestion(mode: .choice, card: card, prompt: card.front,
                            options: ["Write to cache, later flush to database.", "Write cache then database.",
                                      "Write directly to database; cache on read.", "Data stored in app memory."],
                            answerIndex: 1, key: TypedAnswerKey(expected: card.back))
    }

    @Test(arguments: [(80, 24), (40, 24)])
    func quizChoiceScreen(columns: Int, rows: Int) {
        var screen = QuizScreen()
        screen.number = 2
        screen.total = 10
        screen.question = Self.choiceQuestion()
        let (lines, cursor) = screen.render(columns: columns, rows: rows, style: Self.plain)
        #expect(lines.count == rows)
        #expect(Self.fits(lines, columns: columns))
        #expect(lines[0].hasPrefix("sysdrill quiz · mixed") && lines[0].hasSuffix("2/10"))
        #expect(lines.contains { $0.hasPrefix("    1) Write to cache") })
        #expect(lines.last?.hasPrefix("1-4 or a-d to answer") == true)
        #expect(cursor == nil)
    }

    @Test func quizTypedScreenPlacesTheCursorAfterTheAnswer() {
        var screen = QuizScreen()
        screen.number = 1
        screen.total = 1
        let question = Self.choiceQuestion()
        screen.question = QuizQuestion(mode: .typed, card: question.card, prompt: "Caching › Invalidation — which term is this? Write cache then database.",
                                       key: TypedAnswerKey(expected: "Write-through", siblings: ["Write-back"]))
        screen.input.text = "write-thro"
        let (lines, cursor) = screen.render(columns: 40, rows: 24, style: Self.plain)
        let row = try! #require(cursor?.row)
        #expect(lines[row - 1] == "  > write-thro")
        #expect(cursor?.column == 15)
        #expect(Self.fits(lines, columns: 40))
    }

    @Test func drillPhaseScreenShowsTimerChecklistAndOvertime() {
        var screen = DrillScreen()
        screen.name = "URL shortener"
        screen.plan = DrillPlan(minutes: 45, talkingPoints: ["key generation", "redirection", "analytics"])
        screen.phaseIndex = 4
        screen.elapsed = 2300
        screen.checked = [0]
        for (columns, rows) in [(80, 24), (40, 24)] {
            let (lines, _) = screen.render(columns: columns, rows: rows, style: Self.plain)
            #expect(Self.fits(lines, columns: columns))
            #expect(lines[0].hasSuffix("38:20 / 45:00"))
            #expect(lines.contains("5/6 Deep dives (25:00-38:00)"))
            #expect(lines.contains("over by 0:20: time to move on"))
            #expect(lines.contains("  ✓ 1 key generation"))
            #expect(lines.contains("  · 2 redirection"))
        }
    }

    static func rubric() -> DrillRubric {
        var rubric = DrillRubric(title: "URL shortener")
        rubric.statement = ["Design a link shortener for 100 million new links a month; reads outnumber writes 100 to 1."]
        rubric.probes = [.init(text: "How do you generate the short key without two servers handing out the same one?"), .init(text: "301 or 302?")]
        rubric.reference = ["Key generation: leased counter ranges in base 62 — no collisions; keys are guessable", "Cache the hot links"]
        rubric.pitfalls = ["Analytics on the redirect path"]
        rubric.anchors[.estimates] = ["No numbers.", "Numbers off by 10x.", "Writes ~40/s, reads ~4,000/s.", "Peaks and key space arithmetic."]
        return rubric
    }

    @Test func drillRubricScreensFitAndShowTheirParts() {
        var screen = DrillScreen()
        screen.name = "URL shortener"
        screen.rubric = Self.rubric()
        screen.plan = DrillPlan(minutes: 45)
        screen.phaseIndex = 4
        screen.statementShown = false
        screen.probe = (1, 2, Self.rubric().probes[0].text)
        for (columns, rows) in [(80, 24), (40, 24)] {
            let phase = screen.render(columns: columns, rows: rows, style: Self.plain).lines
            #expect(Self.fits(phase, columns: columns))
            #expect(phase.contains("Probe 1/2:") && phase.contains { $0.hasPrefix("  How do you generate the short key") })
            #expect(!phase.contains("Statement:"))
            var scoring = screen
            scoring.stage = .scoring
            scoring.scores = [2]
            let scored = scoring.render(columns: columns, rows: rows, style: Self.plain).lines
            #expect(Self.fits(scored, columns: columns) && scored.contains("  0 No numbers.") && scored.contains { $0.hasPrefix("  2 Writes ~40/s") })
            var reference = screen
            reference.stage = .reference
            reference.covered = [1]
            let marked = reference.render(columns: columns, rows: rows, style: Self.plain).lines
            #expect(Self.fits(marked, columns: columns))
            #expect(marked.contains { $0.hasPrefix("› · 1 Key generation") } && marked.contains("  ✓ 2 Cache the hot links"))
            var done = screen
            done.stage = .done
            done.total = 70
            done.coverageLine = "Covered 1 of 2 reference points (50%)"
            let end = done.render(columns: columns, rows: rows, style: Self.plain).lines
            #expect(end.contains("Covered 1 of 2 reference points (50%)") && end.contains("  - Analytics on the redirect path"))
            #expect(end.last == "any key: done" && end.count <= rows)
        }
        screen.phaseIndex = 0
        screen.statementShown = true
        let first = screen.render(columns: 80, rows: 24, style: Self.plain).lines
        #expect(first.contains("Statement:") && first.contains { $0.hasPrefix("  Design a link shortener for 100 million") })
    }

    @Test func drillScoringAndEstimateScreensFitNarrowTerminals() {
        var drill = DrillScreen()
        drill.stage = .scoring
        drill.name = "Build a distributed rate limiter"
        drill.scores = [3, 2]
        let scoring = drill.render(columns: 40, rows: 24, style: Self.plain).lines
        #expect(Self.fits(scoring, columns: 40))
        #expect(scoring.contains { $0.hasPrefix("Estimates") && $0.hasSuffix("2/3") })
        #expect(scoring.contains { $0.hasPrefix("Entities and API") && $0.hasSuffix("›") })

        var menu = DrillScreen()
        menu.stage = .menu
        menu.exercises = DrillCatalog.exercises(from: [])
        #expect(menu.render(columns: 40, rows: 24, style: Self.plain).lines.first == "sysdrill drill · choose an exercise")

        var estimate = EstimateScreen()
        estimate.number = 1
        estimate.total = 5
        estimate.question = EstimateQuestion(kind: .storage, prompt: "40M DAU, 25 reads and 2 writes per user per day, 1 KB per write, kept 5 years, replication 3: how much storage?",
                                             expected: Quantity(value: 4.383e14, dimension: .information), unit: try! Calculator().unit("TB").unit,
                                             expectedDisplay: "438.3 TB", steps: [], conventions: [])
        let lines = estimate.render(columns: 40, rows: 24, style: Self.plain).lines
        #expect(Self.fits(lines, columns: 40) && lines.count == 24)
        #expect(lines[0].hasPrefix("sysdrill estimate · storage") && lines[0].hasSuffix("1/5"))
    }

    @Test func inputLineEditsAndScrolls() {
        var input = InputLine()
        for character in "lru xy" { _ = input.handle(.character(character)) }
        _ = input.handle(.backspace)
        _ = input.handle(.control("w"))
        #expect(input.text == "lru ")
        #expect(input.handle(.enter) == .submitted("lru "))
        #expect(input.text.isEmpty)
        input.text = String(repeating: "a", count: 100)
        let field = input.rendered(prompt: "> ", width: 20)
        #expect(TextLayout.width(field.line) <= 20 && field.line.hasPrefix("> …"))
        // Issue 17: a pasted flood stops at the line limit.
        input.text = String(repeating: "a", count: LineReader.maximumLineLength)
        #expect(input.handle(.character("b")) == .ignored)
        #expect(input.text.utf8.count == LineReader.maximumLineLength)
    }
}
