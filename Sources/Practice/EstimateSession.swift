import Study
import Capacity
import Store
import Timekeeping

/// An estimation drill in progress: the next question, grading with the calculator, and
/// a record of every answer (mode "estimate", no card) saved as it is given.
public final class EstimateSession {
    public struct Outcome: Sendable {
        public let question: EstimateQuestion
        public let number: Int
        public let given: String
        public let grade: EstimateGrade
        public let durationMs: Int64
    }

    public let questions: [EstimateQuestion]
    public let seed: UInt64
    public let sessionID: String
    let store: StudyStore
    let clock: SessionClock
    let identifiers: IdentifierSource

    public private(set) var outcomes: [Outcome] = []
    private var shownAtMilliseconds: Int64 = 0

    public init(questions: [EstimateQuestion], seed: UInt64, store: StudyStore, clock: SessionClock,
                identifiers: IdentifierSource) {
        self.questions = questions
        self.seed = seed
        self.store = store
        self.clock = clock
        self.identifiers = identifiers
        self.sessionID = identifiers.makeIdentifier()
    }

    /// The question to show now and its 1-based number; nil when the drill is over.
    public func next() -> (number: Int, question: EstimateQuestion)? {
        guard outcomes.count < questions.count else { return nil }
        shownAtMilliseconds = clock.monotonicMilliseconds()
        return (outcomes.count + 1, questions[outcomes.count])
    }

    /// Grades and saves an answer. An answer the calculator cannot read throws
    /// `EstimateGrader.Failure.unreadable` and is not counted: the user may try again.
    public func answer(_ text: String) throws -> Outcome {
        guard outcomes.count < questions.count else { throw StoreError.inconsistent("no estimate is waiting for an answer") }
        let question = questions[outcomes.count]
        let grade = try EstimateGrader.grade(text, against: question)
        let duration = max(0, clock.monotonicMilliseconds() - shownAtMilliseconds)
        try store.insertQuizResult(QuizResultRecord(
            id: identifiers.makeIdentifier(), sessionID: sessionID, at: clock.now, mode: "estimate", cardID: nil,
            prompt: question.prompt, expected: question.expectedDisplay, given: text, correct: grade.correct, durationMs: duration,
            kind: question.kind.rawValue))
        let outcome = Outcome(question: question, number: outcomes.count + 1, given: text, grade: grade, durationMs: duration)
        outcomes.append(outcome)
        return outcome
    }

    public func count(_ verdict: EstimateGrade.Verdict) -> Int {
        outcomes.filter { $0.grade.verdict == verdict }.count
    }

    public var milliseconds: Int64 { outcomes.reduce(0) { $0 + $1.durationMs } }
}
