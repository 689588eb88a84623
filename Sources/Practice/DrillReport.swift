import Study
import JSONText
import Store
import Timekeeping

/// The drill as text and as JSON events, for the line-mode driver, the command's
/// summary and `drill --list` / `--history`.
public enum DrillReport {
    // MARK: Text

    public static func headerText(_ session: DrillSession) -> String {
        "Drill: \(session.exercise.name) · \(session.plan.minutes) minutes\n"
    }

    public static func resumeText(_ session: DrillSession) -> String {
        let at = session.currentPhase?.part.phrase ?? "scoring"
        return "resuming the drill saved at \(at), \(DrillPlan.clockText(session.record.elapsedSeconds)) used"
    }

    public static func phaseText(_ session: DrillSession, phase: DrillPhase) -> String {
        let number = session.phaseIndex + 1
        var text = "Phase \(number)/\(session.plan.phases.count): \(phase.part.title) (\(DrillPlan.clockText(phase.start))-\(DrillPlan.clockText(phase.end)))\n"
        for item in phase.checklist { text += "  - \(item)\n" }
        if phase.part == .estimates {
            text += "  (a line '= EXPR' evaluates it with the calculator, e.g. '= 40M * 25 / day -> req/s';\n"
                + "   named calculators too, e.g. '= rps --dau 40M --per-user 25 --peak 3')\n"
        }
        return text
    }

    public static let scoringIntroText = "Score each part 0-3 (0 missing, 1 weak, 2 solid, 3 strong)\n"

    public static func scorePromptText(_ part: DrillPart) -> String {
        "Score \(part.title) (weight \(part.weight)): 0-3\n"
    }

    public static func summaryText(_ session: DrillSession) -> String {
        let record = session.record
        guard record.status == .finished, let total = record.total else {
            let at = session.currentPhase?.part.phrase ?? "scoring"
            return "Drill saved at \(at) (\(DrillPlan.clockText(record.elapsedSeconds)) used); run 'sysdrill drill \"\(session.exercise.name)\"' to resume.\n"
        }
        var text = "\(session.exercise.name) · \(record.minutes)-minute drill · \(DrillPlan.clockText(record.elapsedSeconds)) used\n"
        for (part, score) in zip(DrillScoring.parts, record.phaseScores) {
            let points = Double(part.weight) * Double(score) / 3
            text += "  " + pad(part.title, 26) + "\(score)/3  " + padLeft(format(points), 5) + " of \(part.weight)\n"
        }
        text += "Total \(format(total))/100\n"
        return text + afterScoreText(session)
    }

    public static func historyText(_ drills: [DrillResultRecord]) -> String {
        guard !drills.isEmpty else { return "No drills yet. Start one with 'sysdrill drill NAME' (see 'sysdrill drill --list').\n" }
        var text = ""
        for (name, group) in grouped(drills) {
            text += name + "\n"
            for drill in group {
                text += "  " + LocalTime.shortFormat(drill.startedAt) + "  " + padLeft("\(drill.minutes)", 3) + " min  "
                switch drill.status {
                case .finished:
                    text += padLeft(format(drill.total ?? 0), 5) + "/100  (" + drill.phaseScores.map(String.init).joined(separator: " ") + ")"
                    if let covered = drill.referenceCovered, let points = drill.referencePoints { text += "  reference \(covered)/\(points)" }
                    text += "\n"
                case .inProgress:
                    text += "in progress (\(DrillPlan.clockText(drill.elapsedSeconds)) used)\n"
                case .abandoned:
                    text += "abandoned\n"
                }
                // The notes typed (per phase, and per probe of the deep dive); passed probes
                // left an empty note, which says nothing here.
                for note in DrillNote.decode(drill.notesJSON) where !note.text.isEmpty {
                    text += "      " + (note.probe.map { "probe \($0)" } ?? note.part.phrase) + ": " + note.text + "\n"
                }
            }
        }
        return text
    }

    // MARK: JSON

    public static func startEvent(_ session: DrillSession) -> JSONObject {
        ["event": "start", "mode": "drill", "drill": .string(session.record.id), "card": .string(session.exercise.card.id.rawValue),
         "name": .string(session.exercise.name), "minutes": JSONValue(session.plan.minutes), "resumed": .bool(session.resumed),
         "phase": JSONValue(session.phaseIndex), "elapsed_s": .integer(session.record.elapsedSeconds),
         "statement": JSONValue(session.exercise.rubric?.statement ?? []), "probes": JSONValue(session.probes.count)]
    }

    public static func phaseEvent(_ session: DrillSession, phase: DrillPhase) -> JSONObject {
        ["event": "question", "mode": "drill", "card": .string(session.exercise.card.id.rawValue),
         "prompt": .string(phase.part.title), "phase": .string(phase.part.rawValue), "number": JSONValue(session.phaseIndex + 1),
         "total": JSONValue(session.plan.phases.count), "starts_s": .integer(phase.start), "ends_s": .integer(phase.end),
         "checklist": JSONValue(phase.checklist), "calculator": .bool(phase.part == .estimates)]
    }

    public static func phaseResultEvent(_ session: DrillSession, phase: DrillPhase, notes: String) -> JSONObject {
        ["event": "result", "mode": "drill", "card": .string(session.exercise.card.id.rawValue), "phase": .string(phase.part.rawValue),
         "elapsed_s": .integer(session.record.elapsedSeconds), "notes": .string(notes)]
    }

    public static func warningEvent(_ warning: DrillSession.Warning) -> JSONObject {
        ["event": "warning", "mode": "drill", "boundary": JSONValue(warning.boundary), "at_s": .integer(warning.at),
         "message": .string(warning.text)]
    }

    public static func scoreQuestionEvent(_ session: DrillSession, part: DrillPart) -> JSONObject {
        ["event": "question", "mode": "drill-score", "card": .string(session.exercise.card.id.rawValue),
         "prompt": .string("Score \(part.title) 0-3"), "part": .string(part.rawValue), "weight": JSONValue(part.weight),
         "checklist": JSONValue(part == .communication ? part.checklist : []),
         "anchors": session.exercise.rubric?.anchors(for: part).map { .object(anchorJSON($0)) } ?? .null]
    }

    public static func scoreResultEvent(_ session: DrillSession, part: DrillPart, score: Int) -> JSONObject {
        ["event": "result", "mode": "drill-score", "card": .string(session.exercise.card.id.rawValue),
         "part": .string(part.rawValue), "score": JSONValue(score)]
    }

    public static func calculatorEvent(_ line: CalculatorLine) -> JSONObject {
        ["event": "calc", "input": .string(line.input), "result": JSONValue(line.result), "error": JSONValue(line.error),
         "notes": JSONValue(line.notes)]
    }

    public static func summaryEvent(_ session: DrillSession) -> JSONObject {
        let record = session.record
        var scores = JSONObject()
        for (part, score) in zip(DrillScoring.parts, record.phaseScores) { scores.set(part.rawValue, JSONValue(score)) }
        return ["event": "summary", "mode": "drill", "drill": .string(record.id), "card": .string(session.exercise.card.id.rawValue),
                "name": .string(record.name), "status": .string(record.status.rawValue), "total": JSONValue(record.total),
                "max": 100, "scores": .object(scores), "minutes": JSONValue(record.minutes),
                "elapsed_s": .integer(record.elapsedSeconds), "phase": JSONValue(record.phase),
                "coverage": coverageJSON(record), "requeued": JSONValue(session.requeued),
                "due": JSONValue(nextDue(session).map { ISO8601.format($0) })]
    }

    /// One exercise of `drill --list --json`: what identifies it, its rubric (empty lists
    /// where it has none) and its place in the schedule.
    public static func exerciseJSON(_ entry: DrillSchedule.Entry) -> JSONObject {
        let exercise = entry.exercise
        var object: JSONObject = ["number": JSONValue(exercise.number), "name": .string(exercise.name),
                                  "card": .string(exercise.card.id.rawValue), "deck": .string(exercise.card.deck),
                                  "group": .string(exercise.group), "talking_points": JSONValue(exercise.talkingPoints),
                                  "rubric": .bool(exercise.rubric != nil)]
        for (key, value) in rubricJSON(exercise.rubric).entries { object.set(key, value) }
        object.set("last_total", JSONValue(entry.lastTotal))
        object.set("due", JSONValue(entry.due.map { ISO8601.format($0) }))
        return object
    }

    public static func historyJSON(_ drills: [DrillResultRecord]) -> JSONValue {
        .object(["exercises": .array(grouped(drills).map { name, group in
            .object(["name": .string(name), "drills": .array(group.map { drill in
                var scores = JSONObject()
                for (part, score) in zip(DrillScoring.parts, drill.phaseScores) { scores.set(part.rawValue, JSONValue(score)) }
                return .object(["id": .string(drill.id), "card": JSONValue(drill.cardID?.rawValue),
                                "started_at": .string(ISO8601.format(drill.startedAt)), "minutes": JSONValue(drill.minutes),
                                "status": .string(drill.status.rawValue), "total": JSONValue(drill.total),
                                "scores": .object(scores), "elapsed_s": .integer(drill.elapsedSeconds),
                                "notes": notesJSON(drill), "coverage": coverageJSON(drill)])
            })])
        })])
    }

    // MARK: Helpers

    /// Drills grouped by exercise, exercises in the order first drilled.
    static func grouped(_ drills: [DrillResultRecord]) -> [(String, [DrillResultRecord])] {
        var order: [String] = []
        var groups: [String: [DrillResultRecord]] = [:]
        for drill in drills {
            if groups[drill.name] == nil { order.append(drill.name) }
            groups[drill.name, default: []].append(drill)
        }
        return order.map { ($0, groups[$0]!) }
    }

    /// `71.7`, `100`.
    public static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
