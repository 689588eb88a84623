import Study
import Deck

/// How one question is asked.
public enum QuestionMode: String, Sendable, CaseIterable {
    /// The card's front with four options (its answer and three distractors).
    case choice
    /// The definition shown, the term typed (the reverse direction).
    case typed
    /// One item of an enumeration hidden, the item before shown.
    case cloze
}

/// `--mode`: one kind of question, or all three interleaved.
public enum QuizMode: String, Sendable, CaseIterable {
    case choice, typed, cloze, mixed
}

public struct QuizQuestion: Sendable {
    public let mode: QuestionMode
    public let card: Card
    public let prompt: String
    /// For choice questions: the options in the order shown, and the right one.
    public let options: [String]
    public let answerIndex: Int
    /// For typed and cloze questions: what the answer is graded against.
    public let key: TypedAnswerKey

    public init(mode: QuestionMode, card: Card, prompt: String, options: [String] = [], answerIndex: Int = 0,
                key: TypedAnswerKey) {
        self.mode = mode
        self.card = card
        self.prompt = prompt
        self.options = options
        self.answerIndex = answerIndex
        self.key = key
    }

    /// The right answer as text.
    public var expected: String { mode == .choice ? options[answerIndex] : key.expected }

    /// Keys for the options: 1-4 (a-d work too).
    public static let optionLetters: [Character] = ["a", "b", "c", "d", "e", "f"]

    /// `2`, `b`, `B` -> 1 (0-based); nil when it names no option.
    public func optionIndex(_ text: String) -> Int? {
        let word = text.trimmingCharacters(in: " ").lowercased()
        if let number = Int(word), (1...options.count).contains(number) { return number - 1 }
        if word.count == 1, let letter = word.first, let index = Self.optionLetters.firstIndex(of: letter),
           index < options.count {
            return index
        }
        return nil
    }
}
