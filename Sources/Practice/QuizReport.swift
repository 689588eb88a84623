import Study
import JSONText

/// The quiz as text (line mode, end-of-quiz summary) and as JSON events: one place, so
/// the fronts say the same thing.
public enum QuizReport {
    // MARK: Text

    public static func questionText(number: Int, total: Int, question: QuizQuestion) -> String {
        var text = "Question \(number)/\(total) (\(question.mode.rawValue))\n\(question.prompt)\n"
        for (index, option) in question.options.enumerated() {
            text += "  \(index + 1)) \(option)\n"
        }
        return text
    }

    /// Whether the answer was right and why (the grader's reason: the rule that accepted
    /// it, the typo forgiven, or why a near miss was refused), what was expected and, for
    /// a typed near miss or a miss, the character diff.
    public static func resultLines(_ outcome: QuizSession.Outcome) -> [String] {
        let question = outcome.question
        var lines: [String] = []
        if let estimate = outcome.estimate {
            // A number card: the estimate's verdict, then the card's back with its sources.
            lines += estimate.lines
            lines += question.card.back.split(separator: "\n").map { "  " + $0 }
        } else if let grade = outcome.grade {
            switch grade.verdict {
            case .exact: lines.append(outcome.correct ? "✓ correct" + (grade.reason.map { " (\($0))" } ?? "") : "✗ wrong")
            case .close: lines.append("✓ correct (typo forgiven" + (grade.reason.map { ": \($0)" } ?? "") + ")")
            case .sibling: lines.append("✗ " + (grade.reason ?? "that is \(grade.sibling.map { "'\($0)'" } ?? "a sibling"), not this one"))
            case .wrong: lines.append("✗ wrong" + (grade.reason.map { ": \($0)" } ?? ""))
            case .empty: lines.append("✗ no answer")
            }
            // An answer accepted by a rule (`n-tier`, `DLQ`) still shows the term as written.
            if grade.verdict != .exact || grade.reason != nil || !CharacterDiff.isIdentical(grade.diff) {
                lines.append("  expected: \(question.expected)")
                if grade.verdict != .empty && !CharacterDiff.isIdentical(grade.diff) && CharacterDiff.sharedFraction(grade.diff) >= 0.5 {
                    lines.append("  diff:     \(CharacterDiff.text(grade.diff))")
                }
            }
        } else {
            lines.append(outcome.correct ? "✓ correct" : "✗ wrong: the answer is \(question.answerIndex + 1)) \(question.expected)")
        }
        if outcome.requeued { lines.append("  sent back to today's review") }
        return lines
    }

    public static func summaryText(_ summary: QuizSession.Summary, seed: UInt64) -> String {
        var text = "Score \(summary.correct)/\(summary.answered)"
        if summary.answered > 0 { text += " (\(summary.percent)%)" }
        if summary.answered < summary.planned { text += " · \(summary.planned - summary.answered) not answered" }
        text += " in \(duration(summary.milliseconds)) · seed \(seed)\n"
        if !summary.missed.isEmpty {
            text += "Missed:\n"
            for outcome in summary.missed {
                text += "  \(outcome.question.prompt)\n    → \(outcome.question.expected)\n"
            }
        }
        if summary.requeued > 0 {
            text += "\(summary.requeued) missed card\(summary.requeued == 1 ? "" : "s") sent to today's review.\n"
        }
        return text
    }

    static func duration(_ milliseconds: Int64) -> String {
        let seconds = milliseconds / 1000
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m \(seconds % 60)s" }
        return "\(seconds / 3600)h \(seconds / 60 % 60)m"
    }

    // MARK: JSON events

    public static func startEvent(_ session: QuizSession) -> JSONObject {
        ["event": "start", "mode": .string(session.mode.rawValue), "session": .string(session.sessionID),
         "seed": .integer(Int64(bitPattern: session.seed)), "total": JSONValue(session.questions.count)]
    }

    public static func questionEvent(number: Int, total: Int, question: QuizQuestion) -> JSONObject {
        var event: JSONObject = [
            "event": "question", "mode": .string(question.mode.rawValue), "card": .string(question.card.id.rawValue),
            "prompt": .string(question.prompt),
        ]
        if question.mode == .choice { event.set("options", JSONValue(question.options)) }
        event.set("number", JSONValue(number))
        event.set("total", JSONValue(total))
        event.set("section", JSONValue(question.card.section))
        return event
    }

    public static func resultEvent(_ outcome: QuizSession.Outcome) -> JSONObject {
        let question = outcome.question
        var event: JSONObject = [
            "event": "result", "mode": .string(question.mode.rawValue), "card": .string(question.card.id.rawValue),
            "correct": .bool(outcome.correct), "expected": .string(question.expected), "given": .string(outcome.given),
        ]
        if question.mode == .choice {
            event.set("expected_option", JSONValue(question.answerIndex + 1))
            event.set("given_option", JSONValue(outcome.givenIndex.map { $0 + 1 }.map(Int64.init)))
        }
        if let estimate = outcome.estimate {
            event.set("estimate", .object(estimate.fields))
        }
        if let grade = outcome.grade {
            event.set("grade", .string(grade.verdict.rawValue))
            event.set("diff", .string(CharacterDiff.text(grade.diff)))
            if let sibling = grade.sibling { event.set("sibling", .string(sibling)) }
            if let reason = grade.reason { event.set("reason", .string(reason)) }
        }
        event.set("duration_ms", .integer(outcome.durationMs))
        event.set("requeued", .bool(outcome.requeued))
        return event
    }

    public static func summaryEvent(_ session: QuizSession) -> JSONObject {
        let summary = session.summary
        return [
            "event": "summary", "mode": .string(session.mode.rawValue), "correct": JSONValue(summary.correct),
            "total": JSONValue(summary.answered), "planned": JSONValue(summary.planned),
            "seconds": JSONValue(Double(summary.milliseconds) / 1000), "seed": .integer(Int64(bitPattern: session.seed)),
            "session": .string(session.sessionID),
            "missed": .array(summary.missed.map { outcome in
                .object(["card": .string(outcome.question.card.id.rawValue), "mode": .string(outcome.question.mode.rawValue),
                         "prompt": .string(outcome.question.prompt), "expected": .string(outcome.question.expected),
                         "given": .string(outcome.given)])
            }),
            "requeued": JSONValue(summary.requeued),
        ]
    }
}
