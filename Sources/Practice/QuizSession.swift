import Study
import Deck
import Store
import Timekeeping

/// A quiz in progress, shared by the interactive and the line-mode fronts: the next
/// question, grading, and the record of every answer (saved as it is given, so Ctrl-C
/// loses nothing). With `reviewMissed`, a missed card goes back to today's review at once.
public final class QuizSession {
    public struct Outcome: Sendable {
        public let question: QuizQuestion
        /// 1-based position in the quiz.
        public let number: Int
        public let correct: Bool
        /// What was answered: the text typed, or the text of the option chosen.
        public let given: String
        /// The option chosen (0-based), for choice questions.
        public let givenIndex: Int?
        /// How a typed or cloze answer was graded.
        public let grade: TypedGrade?
        /// For a number card: how close the estimate was (the estimate grader's verdict).
        public var estimate: NumberAnswer? = nil
        public let durationMs: Int64
        /// The card was sent back to today's review.
        public let requeued: Bool
    }

    public struct Summary: Sendable {
        public let correct: Int
        public let answered: Int
        public let planned: Int
        public let milliseconds: Int64
        public let missed: [Outcome]
        public let requeued: Int

        public var percent: Int { answered == 0 ? 0 : Int((Double(correct) * 100 / Double(answered)).rounded()) }
    }

    public let questions: [QuizQuestion]
    public let mode: QuizMode
    public let seed: UInt64
    /// One UUID per run, grouping its answers in `quiz_results`.
    public let sessionID: String
    public let reviewMissed: Bool

    let store: StudyStore
    let clock: SessionClock
    let identifiers: IdentifierSource

    public private(set) var outcomes: [Outcome] = []
    private var requeuedCards = Set<CardID>()
    private var position = 0
    private var shownAtMilliseconds: Int64 = 0

    public init(questions: [QuizQuestion], mode: QuizMode, seed: UInt64, store: StudyStore, clock: SessionClock,
                identifiers: IdentifierSource, reviewMissed: Bool) {
        self.questions = questions
        self.mode = mode
        self.seed = seed
        self.store = store
        self.clock = clock
        self.identifiers = identifiers
        self.reviewMissed = reviewMissed
        self.sessionID = identifiers.makeIdentifier()
    }

    /// The question to show now (and its 1-based number), starting its timer; nil when
    /// the quiz is over. Asking again without answering returns the same question.
    public func next() -> (number: Int, question: QuizQuestion)? {
        guard position < questions.count else { return nil }
        shownAtMilliseconds = clock.monotonicMilliseconds()
        return (position + 1, questions[position])
    }

    public var current: QuizQuestion? { position < questions.count ? questions[position] : nil }

    /// Answers a choice question with the option at `index` (0-based).
    public func answer(choice index: Int) throws -> Outcome {
        guard let question = current, question.mode == .choice, question.options.indices.contains(index) else {
            throw StoreError.inconsistent("no choice question is waiting for option \(index + 1)")
        }
        return try record(question, correct: index == question.answerIndex, given: question.options[index],
                          givenIndex: index, grade: nil)
    }

    /// Answers a typed or cloze question (an empty answer is a miss).
    public func answer(text: String) throws -> Outcome {
        guard let question = current, question.mode != .choice else {
            throw StoreError.inconsistent("no typed question is waiting for an answer")
        }
        if question.card.kind == .number {
            return try answerNumber(question, text: text)
        }
        let grade = TypedAnswerGrader.grade(text, key: question.key)
        return try record(question, correct: grade.correct, given: text, givenIndex: nil, grade: grade)
    }

    /// A number card's answer is graded by the estimate grader: within 2x counts as right.
    /// An answer that is not a quantity is a miss that says why (a quiz does not ask twice).
    private func answerNumber(_ question: QuizQuestion, text: String) throws -> Outcome {
        let trimmed = text.trimmingCharacters(in: " ")
        let answer: NumberAnswer?
        let typed: TypedGrade
        do throws(EstimateGrader.Failure) {
            answer = try NumberAnswer.grade(trimmed, card: question.card)
            let verdict: TypedGrade.Verdict = trimmed.isEmpty ? .empty : answer?.grade.correct == true ? .exact : .wrong
            typed = TypedGrade(verdict: verdict, closest: question.key.expected, sibling: nil, diff: [],
                               reason: answer.map { $0.verdictLine })
        } catch {
            answer = nil
            switch error {
            case .unreadable(let reason):
                typed = TypedGrade(verdict: .wrong, closest: question.key.expected, sibling: nil, diff: [],
                                   reason: "not a quantity (\(reason)); write a number with its unit")
            }
        }
        var outcome = try record(question, correct: typed.correct, given: text, givenIndex: nil, grade: typed)
        outcome.estimate = answer
        outcomes[outcomes.count - 1] = outcome
        return outcome
    }

    private func record(_ question: QuizQuestion, correct: Bool, given: String, givenIndex: Int?,
                        grade: TypedGrade?) throws -> Outcome {
        let duration = max(0, clock.monotonicMilliseconds() - shownAtMilliseconds)
        let now = clock.now
        try store.insertQuizResult(QuizResultRecord(
            id: identifiers.makeIdentifier(), sessionID: sessionID, at: now, mode: question.mode.rawValue,
            cardID: question.card.id, prompt: question.prompt, expected: question.expected, given: given,
            correct: correct, durationMs: duration))
        var requeued = false
        if !correct && reviewMissed {
            try store.requeue(question.card.id, at: now)
            requeuedCards.insert(question.card.id)
            requeued = true
        }
        let outcome = Outcome(question: question, number: position + 1, correct: correct, given: given,
                              givenIndex: givenIndex, grade: grade, durationMs: duration, requeued: requeued)
        outcomes.append(outcome)
        position += 1
        return outcome
    }

    /// Sends every missed card not yet sent back to today's review (the summary's `r`).
    @discardableResult
    public func requeueMissed() throws -> Int {
        var count = 0
        for outcome in outcomes where !outcome.correct && !requeuedCards.contains(outcome.question.card.id) {
            try store.requeue(outcome.question.card.id, at: clock.now)
            requeuedCards.insert(outcome.question.card.id)
            count += 1
        }
        return count
    }

    public var summary: Summary {
        Summary(correct: outcomes.filter(\.correct).count, answered: outcomes.count, planned: questions.count,
                milliseconds: outcomes.reduce(0) { $0 + $1.durationMs }, missed: outcomes.filter { !$0.correct },
                requeued: requeuedCards.count)
    }
}
