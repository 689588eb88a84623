import Study
import Capacity
import JSONText

/// The estimation drill as text and as JSON events.
public enum EstimateReport {
    // MARK: Text

    public static func questionText(number: Int, total: Int, question: EstimateQuestion) -> String {
        "Estimate \(number)/\(total) (\(question.kind.rawValue))\n\(question.prompt)\n"
    }

    /// The verdict, how far off, the worked steps and the conventions behind them.
    public static func resultLines(_ outcome: EstimateSession.Outcome) -> [String] {
        let grade = outcome.grade
        let question = outcome.question
        var lines: [String] = []
        let off = grade.ratio.map { " (" + ratioText($0) + ")" } ?? ""
        switch grade.verdict {
        case .good: lines.append("✓ good: within 25% of \(question.expectedDisplay)\(off)")
        case .pass: lines.append("✓ pass: within 2x of \(question.expectedDisplay)\(off)")
        case .miss: lines.append("✗ miss: expected \(question.expectedDisplay)\(off)")
        }
        if let note = grade.note { lines.append("  " + note) }
        lines.append("  steps:")
        lines += question.steps.map { "    " + $0 }
        lines += question.conventions.map { "  " + $0 }
        return lines
    }

    /// `spot on`, `3.7% too high`, `40% too low`, `2.5x too low`. Under a factor of 2 the
    /// difference is a percentage of the expected value: "1x too high" said nothing.
    static func ratioText(_ ratio: Double) -> String {
        let factor = ratio >= 1 ? ratio : 1 / ratio
        if factor < 1.01 { return "spot on" }
        let direction = ratio > 1 ? "high" : "low"
        if factor < 2 {
            let percent = NumberText.rounded(abs(ratio - 1) * 100)
            return NumberText.significant(percent, digits: 2) + "% too " + direction
        }
        return NumberText.significant(factor, digits: 2) + "x too " + direction
    }

    public static func summaryText(_ session: EstimateSession) -> String {
        let answered = session.outcomes.count
        let passed = session.count(.good) + session.count(.pass)
        var text = "Estimates \(passed)/\(answered) within 2x (\(session.count(.good)) within 25%)"
        if answered < session.questions.count { text += " · \(session.questions.count - answered) not answered" }
        text += " in \(QuizReport.duration(session.milliseconds)) · seed \(session.seed)\n"
        return text
    }

    // MARK: JSON

    public static func startEvent(_ session: EstimateSession) -> JSONObject {
        ["event": "start", "mode": "estimate", "session": .string(session.sessionID),
         "seed": .integer(Int64(bitPattern: session.seed)), "total": JSONValue(session.questions.count)]
    }

    public static func questionEvent(number: Int, total: Int, question: EstimateQuestion) -> JSONObject {
        ["event": "question", "mode": "estimate", "card": nil, "prompt": .string(question.prompt),
         "kind": .string(question.kind.rawValue), "unit": .string(question.unit.symbol), "number": JSONValue(number),
         "total": JSONValue(total)]
    }

    public static func resultEvent(_ outcome: EstimateSession.Outcome) -> JSONObject {
        let question = outcome.question
        let grade = outcome.grade
        var event: JSONObject = [
            "event": "result", "mode": "estimate", "card": nil, "correct": .bool(grade.correct),
            "expected": ["value": JSONValue(question.expectedValue), "unit": .string(question.unit.symbol),
                         "display": .string(question.expectedDisplay)],
            "given": .string(outcome.given),
        ]
        event.set("grade", .string(grade.verdict.rawValue))
        if grade.ratio != nil {
            event.set("given_value", ["value": JSONValue(question.unit.value(of: grade.given)), "unit": .string(question.unit.symbol)])
        }
        event.set("ratio", JSONValue(grade.ratio))
        event.set("note", JSONValue(grade.note))
        event.set("steps", JSONValue(question.steps))
        event.set("conventions", JSONValue(question.conventions))
        event.set("duration_ms", .integer(outcome.durationMs))
        return event
    }

    public static func summaryEvent(_ session: EstimateSession) -> JSONObject {
        ["event": "summary", "mode": "estimate", "correct": JSONValue(session.count(.good) + session.count(.pass)),
         "total": JSONValue(session.outcomes.count), "planned": JSONValue(session.questions.count),
         "good": JSONValue(session.count(.good)), "pass": JSONValue(session.count(.pass)), "miss": JSONValue(session.count(.miss)),
         "seconds": JSONValue(Double(session.milliseconds) / 1000), "seed": .integer(Int64(bitPattern: session.seed)),
         "session": .string(session.sessionID)]
    }
}
