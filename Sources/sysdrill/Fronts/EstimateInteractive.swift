import Study
import Review
import Practice
import Progress
import Terminal

/// The estimation drill in a terminal. Answers are saved by `EstimateSession` as they
/// are given; an answer the calculator cannot read is explained and can be retyped.
struct EstimateInteractive {
    typealias Ending = FrontEnding

    let session: EstimateSession
    let style: Style

    func run() throws -> Ending {
        let terminal = try TerminalSession()
        defer { terminal.restore() }
        let reader = KeyReader(fileDescriptor: terminal.inputFileDescriptor)
        var screen = EstimateScreen()
        screen.total = session.questions.count

        func show() {
            screen.outcome = nil
            if let (number, question) = session.next() {
                screen.number = number
                screen.question = question
            } else {
                screen.summary = EstimateReport.summaryText(session)
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
            if key == .interrupt { return .interrupted }
            if screen.summary != nil { return .finished }
            if screen.outcome != nil {
                switch key {
                case .enter, .character(" "), .character("n"): show()
                case .character("q"), .character("Q"), .escape, .endOfInput: return .quit
                default: needsDraw = false
                }
                continue
            }
            switch key {
            case .escape, .endOfInput:
                return .quit
            default:
                screen.message = nil
                guard case .submitted(let text) = screen.input.handle(key) else { continue }
                // An empty answer is "don't know": graded as a miss, steps shown.
                do {
                    screen.outcome = try session.answer(text)
                } catch let failure as EstimateGrader.Failure {
                    if case .unreadable(let reason) = failure {
                        screen.message = "'\(text)' cannot be read: \(reason)"
                        screen.input.text = text
                    }
                }
            }
        }
    }
}
