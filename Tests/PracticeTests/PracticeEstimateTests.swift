import Capacity
import Store
import Testing
@testable import Study
@testable import Practice

/// Estimation questions: generated reproducibly, answered by the calculator, graded
/// within 25% (good) or 2x (pass).
@Suite struct PracticeEstimateTests {
    let calculator = Calculator(calendar: .gregorian)

    /// A question whose answer is `expected` (a calculator expression) shown in `unit`.
    func question(_ expected: String, unit: String) throws -> EstimateQuestion {
        let quantity = try calculator.quantity(expected)
        let display = try calculator.unit(unit).unit
        return EstimateQuestion(kind: .storage, prompt: "?", expected: quantity, unit: display,
                                expectedDisplay: display.text(of: quantity), steps: [], conventions: [])
    }

    @Test(arguments: [
        ("124 TB", EstimateGrade.Verdict.good), ("100 TB", .good), ("81 TB", .good), ("80 TB", .good),
        ("125 TB", .good), ("126 TB", .pass), ("190 TB", .pass), ("200 TB", .pass), ("210 TB", .miss),
        ("79 TB", .pass), ("50 TB", .pass), ("49 TB", .miss), ("0.124 PB", .good), ("1.24e14 bytes", .good),
        ("112.8 TiB", .good), ("1 PB", .miss), ("0 TB", .miss),
    ])
    func toleranceAroundOneHundredTerabytes(answer: String, verdict: EstimateGrade.Verdict) throws {
        let grade = try EstimateGrader.grade(answer, against: try question("100 TB", unit: "TB"))
        #expect(grade.verdict == verdict, "\(answer)")
        #expect(grade.correct == (verdict != .miss))
    }

    @Test func ratiosOfTheIssue() throws {
        let asked = try question("1200 req/s", unit: "req/s")
        #expect(try EstimateGrader.grade("\(1.24 * 1200) req/s", against: asked).verdict == .good)
        #expect(try EstimateGrader.grade("\(1.9 * 1200) req/s", against: asked).verdict == .pass)
        #expect(try EstimateGrader.grade("\(2.1 * 1200) req/s", against: asked).verdict == .miss)
        #expect(try EstimateGrader.grade("\(1200 / 1.24) req/s", against: asked).verdict == .good)
        #expect(try EstimateGrader.grade("\(1200 / 2.1) req/s", against: asked).verdict == .miss)
        #expect(try EstimateGrader.grade("100M req/day", against: asked).verdict == .good)  // 1,157 req/s
    }

    /// An empty answer is "don't know": a miss (not a refusal), with the steps shown.
    @Test(arguments: ["", "   "])
    func anEmptyAnswerIsDontKnow(_ answer: String) throws {
        let asked = EstimateQuestion(kind: .storage, prompt: "?", expected: try calculator.quantity("35 PB"),
                                     unit: try calculator.unit("PB").unit, expectedDisplay: "35 PB",
                                     steps: ["35 PB = 10M/day x 2 MB x 5 years"], conventions: [])
        let grade = try EstimateGrader.grade(answer, against: asked)
        #expect(grade.verdict == .miss && grade.skipped && grade.ratio == nil)
        let outcome = EstimateSession.Outcome(question: asked, number: 1, given: answer, grade: grade, durationMs: 0)
        #expect(EstimateReport.resultLines(outcome) == [
            "✗ miss: expected 35 PB", "  no answer (don't know): counted as a miss", "  steps:", "    35 PB = 10M/day x 2 MB x 5 years",
        ])
    }

    /// Under a factor of 2 the difference is a percentage: 6,000 against 5,787 was "1x too high".
    @Test(arguments: [
        (6_000.0 / 5_787, "3.7% too high"), (0.9, "10% too low"), (1.5, "50% too high"), (0.6, "40% too low"),
        (1.96, "96% too high"), (2.0, "2x too high"), (2.5, "2.5x too high"), (0.25, "4x too low"), (1.005, "spot on"),
        (1_200, "1,200x too high"),
    ])
    func ratiosNeverSayOneX(_ ratio: Double, _ expected: String) {
        #expect(EstimateReport.ratioText(ratio) == expected)
    }

    @Test func wrongDimensionIsAMissNamingBoth() throws {
        let grade = try EstimateGrader.grade("35 days", against: try question("35 PB", unit: "PB"))
        #expect(grade.verdict == .miss && grade.ratio == nil)
        #expect(grade.note == "the question asks for information, and '35 days' is time")
        let rate = try EstimateGrader.grade("10 GB", against: try question("16 Gbps", unit: "Gbps"))
        #expect(rate.note == "the question asks for a data rate (information/time), and '10 GB' is information")
    }

    @Test func aBareNumberIsReadInTheAnswersUnit() throws {
        let grade = try EstimateGrader.grade("30", against: try question("35 PB", unit: "PB"))
        #expect(grade.verdict == .good)
        #expect(grade.note == "30 taken as 30 PB")
        #expect(grade.givenDisplay == "30 PB")
        // Counts stay counts: 22 servers is a bare number either way.
        let servers = try EstimateGrader.grade("22", against: try question("23 servers", unit: "servers"))
        #expect(servers.verdict == .good && servers.note == nil)
    }

    @Test func commasGroupingThreeDigitsAreThousands() throws {
        #expect(EstimateGrader.withoutThousandsCommas("1,157 req/s") == "1_157 req/s")
        #expect(EstimateGrader.withoutThousandsCommas("1,000,000") == "1_000_000")
        #expect(EstimateGrader.withoutThousandsCommas("1,5 PB") == "1,5 PB")
        #expect(EstimateGrader.withoutThousandsCommas("1,5000") == "1,5000")
        #expect(try EstimateGrader.grade("1,200 req/s", against: try question("1200 req/s", unit: "req/s")).verdict == .good)
    }

    @Test func unreadableAnswersAreRefusedNotGraded() throws {
        let asked = try question("35 PB", unit: "PB")
        #expect(throws: EstimateGrader.Failure.self) { try EstimateGrader.grade("35 dya", against: asked) }
        // An empty answer is no longer refused: it is "don't know" (anEmptyAnswerIsDontKnow).
        #expect(throws: EstimateGrader.Failure.self) { try EstimateGrader.grade("lots", against: asked) }
    }

    @Test func questionsAreReproducibleAndCoverEveryKind() throws {
        let generator = EstimateGenerator()
        let first = try generator.questions(count: 14, seed: 99)
        let again = try generator.questions(count: 14, seed: 99)
        #expect(first.map(\.prompt) == again.map(\.prompt))
        #expect(first.map(\.expectedDisplay) == again.map(\.expectedDisplay))
        #expect(Set(first.map(\.kind)) == Set(EstimateKind.allCases))
        #expect(try generator.questions(count: 14, seed: 100).map(\.prompt) != first.map(\.prompt))
        for question in first {
            #expect(!question.steps.isEmpty, "\(question.prompt)")
            #expect(question.expected.value > 0, "\(question.prompt)")
            // The expected answer itself grades as spot on.
            #expect(try EstimateGrader.grade(question.expectedDisplay.split(separator: "(")[0].description, against: question).verdict == .good,
                    "\(question.expectedDisplay)")
        }
    }

    @Test func answersComeFromTheCalculatorsReports() throws {
        var random = PracticeRandom(seed: 1)
        let generator = EstimateGenerator()
        for _ in 0..<20 {
            let question = try generator.question(.storage, random: &random)
            // The last step is the calculator's own "replicated = ..." or "raw = ..." line.
            #expect(question.steps.first?.hasPrefix("writes/day = ") == true)
            #expect(question.steps.contains { $0.hasPrefix("ingest = ") })
            #expect(question.steps.last?.hasSuffix(question.expectedDisplay) == true, "\(question.steps)")
        }
        let rps = try generator.question(.rps, random: &random)
        #expect(rps.unit.symbol == "req/s")
        #expect(rps.steps.last?.hasPrefix("avg = ") == true)
    }

    @Test func latencyQuestionsUseTheReferenceTable() throws {
        var random = PracticeRandom(seed: 3)
        for _ in 0..<12 {
            let question = try EstimateGenerator().question(.latency, random: &random)
            let operation = String(question.steps[0].prefix { $0 != ":" })
            let figure = try #require(ReferenceNumbers.latency.first { $0.operation == operation })
            #expect(question.steps[0] == "\(operation): \(ReferenceNumbers.latencyText(figure.classic!)) (classic list)")
            #expect(question.expected.dimension == .time)
            #expect(question.prompt.hasPrefix("Using the classic latency numbers, how long does it take to "))
        }
    }

    @Test func sessionSavesEachAnswerAsAnEstimateWithoutACard() throws {
        let fixture = try PracticeStoreFixture()
        let questions = try EstimateGenerator().questions(count: 3, seed: 5)
        let session = EstimateSession(questions: questions, seed: 5, store: fixture.store, clock: fixture.clock,
                                      identifiers: fixture.identifiers)
        let transcript = PracticeStoreFixture.Transcript(["huge", questions[0].expectedDisplay.split(separator: "(")[0].description,
                                                          "7 $", "q"])
        try LineEstimate(session: session, channel: LineChannel(readLine: transcript.readLine, output: { transcript.output.append($0) },
                         message: { transcript.messages.append($0) }, json: true)).run()
        let events = try transcript.events()
        #expect(events.map { $0["event"] as! String } == ["start", "question", "invalid", "result", "question", "result", "question"])
        let result = events[3]
        #expect(result["mode"] as? String == "estimate" && result["correct"] as? Bool == true && result["grade"] as? String == "good")
        let expected = try #require(result["expected"] as? [String: Any])
        #expect(expected["unit"] as? String == questions[0].unit.symbol && expected["value"] is Double || expected["value"] is Int)
        #expect((result["steps"] as? [String])?.isEmpty == false)
        #expect(events[5]["correct"] as? Bool == false)
        let saved = try fixture.store.quizResults()
        #expect(saved.map(\.mode) == ["estimate", "estimate"] && saved.allSatisfy { $0.cardID == nil })
        #expect(saved.map(\.correct) == [true, false])
        #expect(session.count(.good) == 1 && session.count(.miss) == 1)
    }
}
