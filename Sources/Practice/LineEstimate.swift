import Study
import JSONText

/// The estimation drill in line mode: each question is printed, then one line is read:
/// a number with a unit (`35 PB`, `3.5e16 bytes`, `1200 req/s`; a bare number is read
/// in the answer's unit), an empty line for "don't know" (a miss, with the worked
/// steps), or `q` to stop. An answer the calculator cannot read is explained and asked
/// again. End of input ends the drill normally.
public struct LineEstimate {
    let session: EstimateSession
    let channel: LineChannel

    public init(session: EstimateSession, channel: LineChannel) {
        self.session = session
        self.channel = channel
    }

    public func run() throws {
        if channel.json { channel.output(JSONValue.object(EstimateReport.startEvent(session)).serialized() + "\n") }
        let total = session.questions.count
        while let (number, question) = session.next() {
            channel.emit(EstimateReport.questionEvent(number: number, total: total, question: question),
                 text: EstimateReport.questionText(number: number, total: total, question: question))
            answering: while true {
                guard let line = channel.readLine(), line.trimmingCharacters(in: " ").lowercased() != "q" else { return }
                do {
                    let outcome = try session.answer(line)
                    channel.emit(EstimateReport.resultEvent(outcome), text: EstimateReport.resultLines(outcome).joined(separator: "\n") + "\n")
                    break answering
                } catch let failure as EstimateGrader.Failure {
                    guard case .unreadable(let reason) = failure else { continue }
                    if channel.json {
                        channel.output(JSONValue.object(["event": "invalid", "input": .string(line), "message": .string(reason)]).serialized() + "\n")
                    }
                    channel.message("'\(line)' cannot be read: \(reason); type a number with a unit, such as 35 PB, an empty line for don't know, or q")
                }
            }
        }
    }

}
