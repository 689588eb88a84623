import Study
import JSONText

/// The quiz in line mode (stdin not a terminal): each question is printed, then one
/// line is read: `1`-`4` or `a`-`d` for a choice, the answer for typed and cloze
/// questions (an empty line counts as "don't know"), `q` to stop. End of input ends the
/// quiz normally; every answer given is already saved. With `json`, stdout carries one
/// JSON object per event instead, written as it happens.
public struct LineQuiz {
    let session: QuizSession
    let channel: LineChannel

    public init(session: QuizSession, channel: LineChannel) {
        self.session = session
        self.channel = channel
    }

    /// Runs until the questions run out, `q`, or end of input.
    public func run() throws {
        if channel.json { channel.output(JSONValue.object(QuizReport.startEvent(session)).serialized() + "\n") }
        let total = session.questions.count
        while let (number, question) = session.next() {
            channel.emit(QuizReport.questionEvent(number: number, total: total, question: question),
                 text: QuizReport.questionText(number: number, total: total, question: question))
            guard let outcome = try answer(question) else { return }
            channel.emit(QuizReport.resultEvent(outcome), text: QuizReport.resultLines(outcome).joined(separator: "\n") + "\n")
        }
    }

    /// Reads lines until one answers the question; nil at `q` or end of input.
    private func answer(_ question: QuizQuestion) throws -> QuizSession.Outcome? {
        while true {
            guard let line = channel.readLine() else { return nil }
            let word = line.trimmingCharacters(in: " ")
            if word.lowercased() == "q" { return nil }
            if question.mode != .choice { return try session.answer(text: line) }
            if let index = question.optionIndex(word) { return try session.answer(choice: index) }
            let valid = "1-\(question.options.count), a-\(QuizQuestion.optionLetters[question.options.count - 1]) or q (quit)"
            if channel.json {
                channel.output(JSONValue.object(["event": "invalid", "input": .string(line), "message": .string("valid answers: \(valid)")])
                    .serialized() + "\n")
            }
            channel.message("'\(line)' is not an option; answer \(valid)")
        }
    }

}
