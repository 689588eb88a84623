import Deck
import Store
import Testing
@testable import Study
@testable import Practice
@testable import Review

/// The quiz session with a real database: answers saved as given, missed cards sent
/// back to today's review, and the line-mode driver.
@Suite struct PracticeQuizSessionTests {
    func session(_ fixture: PracticeStoreFixture, mode: QuizMode = .typed, filter: String = "3.4",
                 reviewMissed: Bool = false) -> QuizSession {
        let questions = QuizBuilder(cards: fixture.cards, filter: SectionFilter(filter)).build(mode: mode, count: 3, seed: 8)
        return QuizSession(questions: questions, mode: mode, seed: 8, store: fixture.store, clock: fixture.clock,
                           identifiers: fixture.identifiers, reviewMissed: reviewMissed)
    }

    @Test func everyAnswerIsSavedAsItIsGiven() throws {
        let fixture = try PracticeStoreFixture()
        let quiz = session(fixture)
        let (_, first) = try #require(quiz.next())
        fixture.clock.advance(seconds: 4)
        let outcome = try quiz.answer(text: first.key.expected.lowercased())
        #expect(outcome.correct && outcome.durationMs == 4000)
        _ = quiz.next()
        _ = try quiz.answer(text: "no idea")
        let saved = try fixture.store.quizResults()
        #expect(saved.count == 2)
        #expect(saved.map(\.correct) == [true, false])
        #expect(Set(saved.map(\.sessionID)) == [quiz.sessionID])
        #expect(saved[0].mode == "typed" && saved[0].cardID == first.card.id && saved[0].expected == first.key.expected)
        #expect(quiz.summary.correct == 1 && quiz.summary.answered == 2 && quiz.summary.planned == 3)
    }

    @Test func reviewMissedSendsMissedCardsBackDueNow() throws {
        let fixture = try PracticeStoreFixture()
        let quiz = session(fixture, reviewMissed: true)
        let (_, first) = try #require(quiz.next())
        #expect(try quiz.answer(text: "wrong answer").requeued)
        _ = quiz.next()
        #expect(try !quiz.answer(text: quiz.current!.key.expected).requeued)
        #expect(try fixture.store.requeuedCards(at: Int64.min) == [first.card.id])
        let today = try TodayQueue.build(store: fixture.store, configuration: .defaults,
                                         calendar: StudyCalendar(rolloverHour: 4, utcOffset: { _ in 0 }), now: fixture.clock.now)
        #expect(today.queue.cardIDs.first == first.card.id.rawValue)
        #expect(quiz.summary.requeued == 1)
    }

    @Test func missedCardsCanBeSentAtTheEndInstead() throws {
        let fixture = try PracticeStoreFixture()
        let quiz = session(fixture, mode: .choice)
        while let (_, question) = quiz.next() {
            _ = try quiz.answer(choice: (question.answerIndex + 1) % question.options.count)
        }
        #expect(try fixture.store.requeuedCards(at: Int64.min).isEmpty)
        #expect(try quiz.requeueMissed() == 3)
        #expect(try quiz.requeueMissed() == 0)
        #expect(try fixture.store.requeuedCards(at: Int64.min).count == 3)
    }

    @Test func lineModeReadsOneAnswerPerLineAndStopsAtQ() throws {
        let fixture = try PracticeStoreFixture()
        let quiz = session(fixture, mode: .choice)
        let right = String(quiz.questions[0].answerIndex + 1)
        let wrongLetter = ["b", "a", "a", "a"][quiz.questions[1].answerIndex]
        let transcript = PracticeStoreFixture.Transcript([right, "7", "maybe", wrongLetter, "q"])
        try LineQuiz(session: quiz, channel: LineChannel(readLine: transcript.readLine, output: { transcript.output.append($0) },
                     message: { transcript.messages.append($0) }, json: false)).run()
        let text = transcript.output.joined()
        #expect(text.hasPrefix("Question 1/3 (choice)\nCaching"))
        #expect(text.contains("  1) ") && text.contains("  4) "))
        #expect(text.contains("✓ correct\n"))
        #expect(text.contains("✗ wrong: the answer is"))
        #expect(text.contains("Question 3/3"))
        #expect(transcript.messages == ["'7' is not an option; answer 1-4, a-d or q (quit)",
                                        "'maybe' is not an option; answer 1-4, a-d or q (quit)"])
        #expect(quiz.summary.answered == 2 && quiz.summary.correct == 1)
    }

    @Test func typedResultsSayWhyAnAnswerCountedOrNot() throws {
        let fixture = try PracticeStoreFixture()
        // Section 3.1 asks for Vertical and Horizontal.
        let questions = QuizBuilder(cards: fixture.cards, filter: SectionFilter("3.1")).build(mode: .typed, count: 2, seed: 8)
        let answers = [questions[0].key.expected + " scaling", "scaling"]
        for json in [false, true] {
            let quiz = QuizSession(questions: questions, mode: .typed, seed: 8, store: fixture.store, clock: fixture.clock,
                                   identifiers: fixture.identifiers, reviewMissed: false)
            let transcript = PracticeStoreFixture.Transcript(answers)
            try LineQuiz(session: quiz, channel: LineChannel(readLine: transcript.readLine, output: { transcript.output.append($0) },
                         message: { _ in }, json: json)).run()
            if json {
                let results = try transcript.events().filter { $0["event"] as? String == "result" }
                #expect(results.map { $0["reason"] as? String } == ["'scaling' may be added or left out", "'scaling' alone is too generic"])
                #expect(results.map { $0["grade"] as? String } == ["exact", "wrong"])
            } else {
                let text = transcript.output.joined()
                #expect(text.contains("✓ correct ('scaling' may be added or left out)\n  expected: \(questions[0].key.expected)\n"))
                #expect(text.contains("✗ wrong: 'scaling' alone is too generic\n  expected: \(questions[1].key.expected)\n"))
            }
        }
    }

    @Test func jsonEventsFollowTheIssuesShapes() throws {
        let fixture = try PracticeStoreFixture()
        let quiz = session(fixture, mode: .mixed, filter: "3.4")
        let answers = quiz.questions.map { $0.mode == .choice ? "1" : "write back" }
        #expect(Set(quiz.questions.map(\.mode)).count == 3)
        let transcript = PracticeStoreFixture.Transcript(answers)
        try LineQuiz(session: quiz, channel: LineChannel(readLine: transcript.readLine, output: { transcript.output.append($0) },
                     message: { _ in }, json: true)).run()
        let events = try transcript.events()
        #expect(events.map { $0["event"] as? String } == ["start", "question", "result", "question", "result", "question", "result"])
        #expect(events[0]["seed"] as? Int == 8)
        for question in events where question["event"] as? String == "question" {
            #expect(question["card"] is String && question["prompt"] is String && question["mode"] is String)
            #expect((question["options"] != nil) == (question["mode"] as? String == "choice"))
        }
        for result in events where result["event"] as? String == "result" {
            #expect(result["correct"] is Bool && result["expected"] is String && result["given"] is String)
        }
        #expect(transcript.output.allSatisfy { $0.hasSuffix("}\n") && $0.filter { $0 == "\n" }.count == 1 })
    }
}
