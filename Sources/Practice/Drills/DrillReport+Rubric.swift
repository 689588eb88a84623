import Study
import JSONText
import Store
import Timekeeping

/// The rubric's parts of a drill as text and JSON events: the statement that opens it,
/// the probes of the deep dive, the anchors while scoring, the reference outline and
/// pitfalls after it, and when the exercise comes back.
extension DrillReport {
    // MARK: Text

    public static func statementText(_ rubric: DrillRubric?) -> String {
        guard let statement = rubric?.statement, !statement.isEmpty else { return "" }
        return "Statement:\n" + statement.map { "  " + $0 + "\n" }.joined()
    }

    public static func probeText(number: Int, of total: Int, _ probe: DrillRubric.Probe) -> String {
        "Probe \(number)/\(total): \(probe.text)\n"
    }

    public static let probeHintText = "  (one line per probe: your note, or empty to pass; the last one ends the phase)\n"

    /// What a 0, 1, 2 or 3 looks like for `part`, under its score prompt.
    public static func anchorsText(_ rubric: DrillRubric?, part: DrillPart) -> String {
        guard let anchors = rubric?.anchors(for: part) else { return "" }
        return anchors.enumerated().map { "  \($0.offset) \($0.element)\n" }.joined()
    }

    public static func referenceText(_ reference: [String]) -> String {
        "Reference outline: type the numbers of the points you covered (e.g. '1 3 4'; empty for none)\n"
            + reference.enumerated().map { "  \($0.offset + 1)) \($0.element)\n" }.joined()
    }

    public static func coverageText(_ session: DrillSession) -> String {
        guard let covered = session.record.referenceCovered, let points = session.record.referencePoints else { return "" }
        let percent = points > 0 ? Int((Double(covered) * 100 / Double(points)).rounded()) : 0
        return "Covered \(covered) of \(points) reference points (\(percent)%)\n"
    }

    public static func pitfallsText(_ rubric: DrillRubric?) -> String {
        guard let pitfalls = rubric?.pitfalls, !pitfalls.isEmpty else { return "" }
        return "Common pitfalls:\n" + pitfalls.map { "  - " + $0 + "\n" }.joined()
    }

    /// `1 3 4`, `1,3`, empty: the covered points, or nil when a number is not one of them.
    public static func coveredPoints(_ line: String, of count: Int) -> Set<Int>? {
        var points = Set<Int>()
        for word in line.split(whereSeparator: { $0 == " " || $0 == "," }) {
            guard let number = Int(word), (1...max(1, count)).contains(number), count > 0 else { return nil }
            points.insert(number)
        }
        return points
    }

    /// Lines after the scores: coverage, cards sent back, when the exercise is due again.
    static func afterScoreText(_ session: DrillSession) -> String {
        var text = ""
        if let covered = session.record.referenceCovered, let points = session.record.referencePoints {
            text += "Reference covered \(covered) of \(points)\n"
        }
        if session.requeued > 0 {
            text += "\(session.requeued) card\(session.requeued == 1 ? "" : "s") of the probes' topics sent to today's review (a part scored 0-1)\n"
        }
        if let due = nextDue(session) {
            let days = DrillSchedule.intervalDays(afterTotal: session.record.total ?? 0)
            text += "Next drill of this exercise: \(LocalTime.shortFormat(due).prefix(10)) (in \(days) days)\n"
        }
        return text
    }

    static func nextDue(_ session: DrillSession) -> UnixTime? {
        guard session.isFinished, let total = session.record.total else { return nil }
        return session.record.updatedAt + Int64(DrillSchedule.intervalDays(afterTotal: total)) * 86_400
    }

    // MARK: JSON

    public static func rubricJSON(_ rubric: DrillRubric?) -> JSONObject {
        var anchors = JSONObject()
        for part in DrillScoring.parts {
            guard let texts = rubric?.anchors(for: part) else { continue }
            anchors.set(part.rawValue, .object(anchorJSON(texts)))
        }
        return ["statement": JSONValue(rubric?.statement ?? []),
                "probes": .array((rubric?.probes ?? []).map { .object(["text": .string($0.text), "topics": JSONValue($0.topics)]) }),
                "pitfalls": JSONValue(rubric?.pitfalls ?? []), "reference": JSONValue(rubric?.reference ?? []),
                "anchors": .object(anchors)]
    }

    static func anchorJSON(_ texts: [String]) -> JSONObject {
        var object = JSONObject()
        for (score, text) in texts.enumerated() { object.set(String(score), .string(text)) }
        return object
    }

    public static func probeEvent(_ session: DrillSession, number: Int, probe: DrillRubric.Probe) -> JSONObject {
        ["event": "probe", "mode": "drill", "card": .string(session.exercise.card.id.rawValue), "number": JSONValue(number),
         "total": JSONValue(session.probes.count), "text": .string(probe.text), "topics": JSONValue(probe.topics)]
    }

    public static func probeResultEvent(_ session: DrillSession, number: Int, notes: String) -> JSONObject {
        ["event": "result", "mode": "drill-probe", "card": .string(session.exercise.card.id.rawValue), "probe": JSONValue(number),
         "notes": .string(notes), "elapsed_s": .integer(session.record.elapsedSeconds)]
    }

    public static func referenceEvent(_ session: DrillSession) -> JSONObject {
        ["event": "reference", "mode": "drill", "card": .string(session.exercise.card.id.rawValue),
         "reference": JSONValue(session.reference), "pitfalls": JSONValue(session.exercise.rubric?.pitfalls ?? [])]
    }

    public static func coverageEvent(_ session: DrillSession, points: Set<Int>) -> JSONObject {
        ["event": "result", "mode": "drill-reference", "card": .string(session.exercise.card.id.rawValue),
         "covered": .array(points.sorted().map { JSONValue($0) }), "coverage": coverageJSON(session.record)]
    }

    static func coverageJSON(_ record: DrillResultRecord) -> JSONValue {
        guard let covered = record.referenceCovered, let points = record.referencePoints else { return .null }
        return .object(["covered": JSONValue(covered), "points": JSONValue(points),
                        "fraction": JSONValue(points > 0 ? (Double(covered) / Double(points) * 1000).rounded() / 1000 : 0)])
    }

    static func notesJSON(_ record: DrillResultRecord) -> JSONValue {
        .array(DrillNote.decode(record.notesJSON).map(\.json))
    }
}
