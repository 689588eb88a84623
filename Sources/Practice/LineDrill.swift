import Study
import JSONText

/// A drill in line mode (stdin not a terminal), so scripts and tests can drive it: for
/// each phase its checklist is printed and one line is read (any text: notes, the
/// phase is done; a line starting with `=` is evaluated by the calculator and the phase
/// goes on; `q` stops). Then one line per score, 0-3, for the six phases and
/// communication. A drill stopped early (q, end of input) stays saved and resumes with
/// the next `sysdrill drill NAME`.
public struct LineDrill {
    public enum Ending: Sendable {
        case finished, stopped
    }

    let session: DrillSession
    let channel: LineChannel
    let calculate: (String) -> CalculatorLine

    public init(session: DrillSession, channel: LineChannel, calculate: @escaping (String) -> CalculatorLine) {
        self.session = session
        self.channel = channel
        self.calculate = calculate
    }

    public func run() throws -> Ending {
        channel.emit(DrillReport.startEvent(session), text: DrillReport.headerText(session))
        if session.resumed { channel.message(DrillReport.resumeText(session)) }
        while let phase = session.currentPhase {
            channel.emit(DrillReport.phaseEvent(session, phase: phase), text: DrillReport.phaseText(session, phase: phase))
            while true {
                let line = channel.readLine()
                warn()
                guard let line, line.trimmingCharacters(in: " ").lowercased() != "q" else {
                    try session.save()
                    return .stopped
                }
                let trimmed = line.trimmingCharacters(in: " ")
                if trimmed.hasPrefix("=") {
                    let answer = calculate(String(trimmed.dropFirst()).trimmingCharacters(in: " "))
                    channel.emit(DrillReport.calculatorEvent(answer), text: answer.text + "\n")
                    continue
                }
                try session.finishPhase()
                channel.emit(DrillReport.phaseResultEvent(session, phase: phase, notes: line), text: nil)
                break
            }
        }
        if session.nextScorePart != nil { channel.emit(nil, text: DrillReport.scoringIntroText) }
        while let part = session.nextScorePart {
            channel.emit(DrillReport.scoreQuestionEvent(session, part: part), text: DrillReport.scorePromptText(part))
            while true {
                guard let line = channel.readLine(), line.trimmingCharacters(in: " ").lowercased() != "q" else {
                    try session.save()
                    return .stopped
                }
                guard let score = Int(line.trimmingCharacters(in: " ")), DrillScoring.scale.contains(score) else {
                    channel.emit(["event": "invalid", "input": .string(line), "message": "scores are 0, 1, 2 or 3"], text: nil)
                    channel.message("'\(line)' is not a score; type 0, 1, 2 or 3 (or q to stop)")
                    continue
                }
                try session.score(score)
                channel.emit(DrillReport.scoreResultEvent(session, part: part, score: score), text: nil)
                break
            }
        }
        return session.isFinished ? .finished : .stopped
    }

    /// Boundary warnings the clock passed while the user was typing.
    private func warn() {
        for warning in session.takeWarnings() {
            if channel.json {
                channel.emit(DrillReport.warningEvent(warning), text: nil)
            } else {
                channel.message("⏰ " + warning.text)
            }
        }
    }

}
