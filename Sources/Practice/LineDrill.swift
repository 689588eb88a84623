import Study
import JSONText

/// A drill in line mode (stdin not a terminal), so scripts and tests can drive it: the
/// statement, then for each phase its checklist is printed and one line is read (any
/// text: notes, the phase is done; a line starting with `=` is evaluated by the
/// calculator and the phase goes on; `q` stops). In the deep dive, a rubric's probes come
/// one at a time, one line each (the last ends the phase). Then one line per score, 0-3,
/// with the anchors printed, for the six phases and communication (`b` takes back the
/// score before, to give it again); then the reference
/// outline and one line of the points covered; then the pitfalls. A drill stopped early
/// (q, end of input) stays saved and resumes with the next `sysdrill drill NAME`.
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
        channel.emit(DrillReport.startEvent(session), text: DrillReport.headerText(session) + DrillReport.statementText(session.exercise.rubric))
        if session.resumed { channel.message(DrillReport.resumeText(session)) }
        while let phase = session.currentPhase {
            let index = session.phaseIndex
            var text = DrillReport.phaseText(session, phase: phase)
            if session.currentProbe != nil { text += DrillReport.probeHintText }
            channel.emit(DrillReport.phaseEvent(session, phase: phase), text: text)
            var shownProbe = 0
            while session.phaseIndex == index {
                if let (number, probe) = session.currentProbe, number != shownProbe {
                    channel.emit(DrillReport.probeEvent(session, number: number, probe: probe),
                                 text: DrillReport.probeText(number: number, of: session.probes.count, probe))
                    shownProbe = number
                }
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
                if let (number, _) = session.currentProbe {
                    try session.answerProbe(line)
                    channel.emit(DrillReport.probeResultEvent(session, number: number, notes: trimmed), text: nil)
                    if session.phaseIndex != index { channel.emit(DrillReport.phaseResultEvent(session, phase: phase, notes: ""), text: nil) }
                    continue
                }
                try session.finishPhase(note: line)
                channel.emit(DrillReport.phaseResultEvent(session, phase: phase, notes: line), text: nil)
            }
        }
        if session.nextScorePart != nil { channel.emit(nil, text: DrillReport.scoringIntroText) }
        while let part = session.nextScorePart {
            channel.emit(DrillReport.scoreQuestionEvent(session, part: part),
                         text: DrillReport.scorePromptText(part) + DrillReport.anchorsText(session.exercise.rubric, part: part))
            while true {
                guard let line = channel.readLine(), line.trimmingCharacters(in: " ").lowercased() != "q" else {
                    try session.save()
                    return .stopped
                }
                // `b` takes back the score before, to correct it (the last score finishes the drill).
                if line.trimmingCharacters(in: " ").lowercased() == "b" {
                    guard let previous = session.record.phaseScores.indices.last.map({ DrillScoring.parts[$0] }), try session.unscore() else {
                        channel.emit(["event": "invalid", "input": .string(line), "message": "no score to take back"], text: nil)
                        channel.message("no score to take back; type 0, 1, 2 or 3")
                        continue
                    }
                    channel.emit(["event": "unscore", "mode": "drill", "part": .string(previous.rawValue)],
                                 text: nil)
                    channel.message("took back the score of \(previous.title); score it again")
                    break
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
        // Scored to the end in a terminal that quit before saving the result.
        if session.allScored { try session.finishScoring() }
        if session.isFinished { try markCoverage() }
        return session.isFinished ? .finished : .stopped
    }

    /// After scoring: the reference outline, one line of the points covered, then the
    /// pitfalls. Stopping here keeps the scores; the coverage stays unmarked.
    private func markCoverage() throws {
        if session.awaitingCoverage {
            channel.emit(DrillReport.referenceEvent(session), text: DrillReport.referenceText(session.reference))
            while true {
                guard let line = channel.readLine(), line.trimmingCharacters(in: " ").lowercased() != "q" else { return }
                guard let points = DrillReport.coveredPoints(line, of: session.reference.count) else {
                    let message = "type numbers from 1 to \(session.reference.count), e.g. '1 3 4' (or an empty line for none)"
                    channel.emit(["event": "invalid", "input": .string(line), "message": .string(message)], text: nil)
                    channel.message("'\(line)': " + message)
                    continue
                }
                try session.cover(points)
                channel.emit(DrillReport.coverageEvent(session, points: points), text: DrillReport.coverageText(session))
                break
            }
        }
        let pitfalls = DrillReport.pitfallsText(session.exercise.rubric)
        if !pitfalls.isEmpty { channel.emit(nil, text: pitfalls) }
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
