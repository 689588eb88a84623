import Study
import Review
import Practice
import Progress
import Terminal

/// The quiz in a terminal: raw keys, one frame per change. Answers are saved by
/// `QuizSession` as they are given, so leaving early (q, Esc, Ctrl-C) loses nothing.
struct QuizInteractive {
    typealias Ending = FrontEnding

    let session: QuizSession
    let style: Style

    func run() throws -> Ending {
        let terminal = try TerminalSession()
        defer { terminal.restore() }
        let reader = KeyReader(fileDescriptor: terminal.inputFileDescriptor)
        var screen = QuizScreen()
        screen.mode = session.mode
        screen.total = session.questions.count
        screen.seed = session.seed

        func show() {
            if let (number, question) = session.next() {
                screen.number = number
                screen.question = question
                screen.outcome = nil
            } else {
                screen.summary = session.summary
            }
        }

        show()
        var needsDraw = true
        while true {
            if terminal.takeResizeFlag() { needsDraw = true }
            if needsDraw {
                terminal.draw(screen, style: style)
                needsDraw = false
            }
            guard let key = try reader.nextKey(timeoutMilliseconds: 250) else { continue }
            needsDraw = true
            screen.message = nil
            if key == .interrupt { return .interrupted }

            if screen.summary != nil {
                switch key {
                case .character("r"), .character("R"):
                    let sent = try session.requeueMissed()
                    screen.summary = session.summary
                    screen.message = sent == 0 ? "nothing left to send" : "\(sent) card\(sent == 1 ? "" : "s") sent to today's review"
                case .enter, .character("q"), .character("Q"), .escape, .endOfInput, .character(" "):
                    return .finished
                default:
                    needsDraw = false
                }
                continue
            }
            guard let question = screen.question else { return .finished }

            if screen.outcome != nil {
                switch key {
                case .enter, .character(" "), .character("n"):
                    show()
                case .character("q"), .character("Q"), .escape, .endOfInput:
                    return .quit
                default:
                    needsDraw = false
                }
                continue
            }

            if question.mode == .choice {
                switch key {
                case .character("q"), .character("Q"), .escape, .endOfInput:
                    return .quit
                case .character(let character):
                    if let index = question.optionIndex(String(character)) {
                        record(try session.answer(choice: index), on: &screen)
                    } else {
                        screen.message = "answer with 1-\(question.options.count) or a-\(QuizQuestion.optionLetters[question.options.count - 1])"
                    }
                default:
                    needsDraw = false
                }
                continue
            }

            // Typed and cloze: letters go into the answer, so quitting is Esc or Ctrl-D.
            switch key {
            case .escape, .endOfInput:
                return .quit
            default:
                if case .submitted(let text) = screen.input.handle(key) {
                    record(try session.answer(text: text), on: &screen)
                }
            }
        }
    }

    private func record(_ outcome: QuizSession.Outcome, on screen: inout QuizScreen) {
        screen.outcome = outcome
        if outcome.correct { screen.correctSoFar += 1 }
    }
}
