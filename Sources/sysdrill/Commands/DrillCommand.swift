import Deck
import JSONText
import Store
import Study
import Review
import Practice
import Progress
import Terminal

/// `sysdrill drill`: timed mock design interviews from the drill cards.
enum DrillCommand {
    static let spec = CommandSpec(
        name: "drill",
        summary: "timed mock design interview (statement, phases, probes, scoring with anchors, reference; resumable)",
        usage: ["drill [NAME] [--minutes N] [--restart] [--json]", "drill --list [--json]", "drill --history [NAME] [--json]"],
        options: [
            OptionSpec("minutes", .value, valueName: "N", help: "length of the drill, 5-240 (default 45); phases scale with it"),
            OptionSpec("list", help: "list the exercises with their talking points and when each is due"),
            OptionSpec("history", help: "past drills per exercise: date, minutes, total score"),
            OptionSpec("restart", help: "start over instead of resuming a saved drill of this exercise"),
        ],
        // NAME may be several words without quotes: `sysdrill drill rate limiter`.
        positionals: 0...8,
        argument: .drill,
        discussion: """
        NAME is a number from --list, or part of an exercise's name: url, chat, "rate limiter",
        partition. Phases of a 45-minute drill: requirements 0-5, estimates 5-10, entities and
        API 10-15, high-level design 15-25, deep dives 25-38, bottlenecks and wrap-up 38-45.

        The built-in exercises have rubrics (Content/drills/): the statement with its numbers
        opens the drill, the deep dive asks the probes one at a time, scoring shows what 0-3
        look like for each part, and after scoring you mark the points of the reference
        outline you covered, then see the common pitfalls. A user deck's drill gets the same
        from sub-bullets named Statement, Probes, Pitfalls, Reference, Anchors.

        In a terminal: Enter or n moves to the next phase, 1-9 tick checklist items, c opens
        the calculator in the estimates phase, p shows the next probe, w writes a note (for
        the probe on screen, else for the phase), q or Ctrl-C saves and stops (run the same
        command again to resume). At the end, score each phase and communication 0-3 (b takes
        a score back; Enter saves them); the weighted total (0-100) is saved for
        --history and sets when the exercise is due again (a weak total in days, a strong one
        in weeks). Without NAME the menu starts on the most overdue exercise.

        Line mode (stdin not a terminal): one line per phase (notes; a line '= EXPR' is
        evaluated by the calculator), one per probe in the deep dive, seven score lines 0-3
        (b takes back the one before), then one line with the reference points covered ('1 3 4'). A saved drill resumes
        automatically. With --json each event is one JSON line; see docs/practice.md.
        """,
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let minutes = try invocation.integer("minutes", in: DrillPlan.minutesRange)
        let store = try context.syncedStore()
        let exercises = try DrillExercises.load(from: try store.cards(kind: .drill).map(\.card))
        let schedule = try DrillExercises.schedule(exercises, store: store)
        if invocation.flag("list") { return list(schedule, context: context) }
        let query = invocation.positionals.joined(separator: " ")
        let named = query.isEmpty ? nil : try resolve(query, in: exercises, command: invocation.commandName)
        if invocation.flag("history") { return try history(of: named, store: store, context: context) }
        guard !exercises.isEmpty else {
            throw UsageError("no drill cards: the outline's 'Case Studies & Mock Drills' section or a user deck's drill section provides them",
                             command: invocation.commandName)
        }

        let clock = context.clock
        let identifiers = RandomIdentifiers()
        let restart = invocation.flag("restart")
        let calculate = DrillCalculator.session()
        func inProgress(_ exercise: DrillExercise) throws -> DrillResultRecord? {
            try store.drills(named: exercise.name).last { $0.status == .inProgress }
        }
        func start(_ exercise: DrillExercise, _ resume: DrillResultRecord?) throws -> DrillSession {
            if let resume, let minutes, minutes != resume.minutes {
                context.note("continuing the saved \(resume.minutes)-minute drill (--minutes \(minutes) applies to a new one; use --restart)")
            }
            return try DrillSession(exercise: exercise, minutes: minutes ?? DrillPlan.referenceMinutes, resuming: resume,
                                    store: store, clock: clock, identifiers: identifiers)
        }
        func abandon(_ drill: DrillResultRecord) throws {
            try DrillSession.abandon(drill, store: store, at: clock.now)
        }

        let interactive = TerminalQuery.isTerminal(0) && TerminalQuery.isTerminal(1) && !context.json
        var session: DrillSession?
        var exitCode = ExitCode.ok
        if interactive {
            if let named, restart, let saved = try inProgress(named) { try abandon(saved) }
            let front = DrillInteractive(exercises: exercises, chosen: named,
                                         suggested: DrillSchedule.suggestion(schedule, at: clock.now),
                                         due: Set(DrillSchedule.due(schedule, at: clock.now).map(\.exercise.number)),
                                         style: context.style, inProgress: inProgress,
                                         start: start, abandon: abandon, calculate: calculate)
            let (ending, ended) = try front.run()
            session = ended
            if ending == .interrupted { exitCode = ExitCode.interrupted }
        } else {
            guard let named else {
                throw UsageError("which drill? give a NAME (line mode has no menu): "
                                 + exercises.map { "\($0.number)) \($0.name)" }.joined(separator: ", "), command: invocation.commandName)
            }
            var saved = try inProgress(named)
            if let existing = saved, restart {
                try abandon(existing)
                saved = nil
            }
            let started = try start(named, saved)
            session = started
            let lines = LineDrill(session: started, channel: context.lineChannel(), calculate: calculate)
            _ = try lines.run()
        }
        guard let session else { return exitCode }
        if context.json {
            context.print(JSONValue.object(DrillReport.summaryEvent(session)).serialized())
        } else {
            context.stdout.write(DrillReport.summaryText(session))
        }
        return exitCode
    }

    /// A NAME as an exercise, or a usage error naming the candidates.
    static func resolve(_ name: String, in exercises: [DrillExercise], command: String) throws -> DrillExercise {
        switch DrillCatalog.match(name, in: exercises) {
        case .found(let exercise):
            return exercise
        case .ambiguous(let candidates):
            throw UsageError("'\(name)' matches \(candidates.count) drills: "
                             + candidates.map { "\($0.number)) \($0.name)" }.joined(separator: ", ") + "; be more specific or use the number",
                             command: command)
        case .none(let suggestions):
            var message = "no drill matches '\(name)'"
            if !suggestions.isEmpty { message += "; did you mean " + suggestions.map { "'\($0.name)'" }.joined(separator: " or ") + "?" }
            message += " (list them with 'sysdrill drill --list')"
            throw UsageError(message, command: command)
        }
    }

    static func list(_ schedule: [DrillSchedule.Entry], context: AppContext) -> Int32 {
        if context.json {
            context.print(JSONValue.object(["drills": .array(schedule.map { .object(DrillReport.exerciseJSON($0)) })]).serialized(pretty: true))
            return ExitCode.ok
        }
        var text = ""
        var group = ""
        let now = context.clock.now
        for entry in schedule {
            let exercise = entry.exercise
            if exercise.group != group {
                group = exercise.group
                text += context.style.bold(group) + "\n"
            }
            text += "  \(exercise.number)) \(exercise.name)"
            if !exercise.talkingPoints.isEmpty { text += context.style.dim(" — " + exercise.talkingPoints.joined(separator: ", ")) }
            if let due = entry.due {
                let day = String(LocalTime.shortFormat(due).prefix(10))
                text += entry.isDue(at: now) ? context.style.yellow("  (due since \(day))") : context.style.dim("  (due \(day))")
            }
            text += "\n"
        }
        if schedule.isEmpty { text = "No drill cards.\n" }
        context.stdout.write(text)
        return ExitCode.ok
    }

    static func history(of exercise: DrillExercise?, store: StudyStore, context: AppContext) throws -> Int32 {
        let drills = try store.drills(named: exercise?.name)
        if context.json {
            context.print(DrillReport.historyJSON(drills).serialized(pretty: true))
        } else {
            context.stdout.write(DrillReport.historyText(drills))
        }
        return ExitCode.ok
    }
}
