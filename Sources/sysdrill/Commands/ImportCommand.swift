import JSONText
import Store
import Study
import Review
import Practice
import Progress
import Terminal
import Timekeeping
#if canImport(Glibc)
import Glibc
#endif

/// `sysdrill import FILE`: merge a progress export into this database.
enum ImportCommand {
    static let spec = CommandSpec(
        name: "import",
        summary: "merge a progress export (from 'sysdrill export') into this database",
        usage: ["import FILE [--dry-run] [--settings] [--json]", "import - (read the export from standard input)"],
        options: [
            OptionSpec("dry-run", help: "check the file and show what would change, changing nothing"),
            OptionSpec("settings", help: "also apply the file's scheduler settings (scheduler, limits, FSRS parameters, rollover hour)"),
        ],
        positionals: 1...1,
        discussion: """
        The whole file is checked first; if anything is wrong, every problem is listed with
        its JSON path and nothing is imported (exit 65). Reviews, quiz answers and drills
        are merged by ID, so importing a file twice, or two machines' exports into each
        other, never duplicates anything. Cards your decks do not have are kept as retired
        cards with their text. Afterwards the state of every card that got new reviews is
        recomputed by replaying its review log with the active scheduler.
        JSON: {"file", "dry_run", "exported_at", "cards": {"in_file", "added_retired", "known"},
        "reviews": {"in_file", "added", "already_present", "conflicting"}, "quiz_results": {...},
        "drill_results": {...}, "states": {"scheduler", "cards_replayed", "changed"},
        "settings": {"applied", "differences": [{"setting", "local", "file"}]}}
        """,
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let path = invocation.positionals[0]
        let dryRun = invocation.flag("dry-run")
        let store = try context.syncedStore()
        var importer = ProgressImport(store: store)
        // Tests only: SYSDRILL_TEST_IMPORT_PAUSE=PATH waits once the file is mapped until
        // PATH is gone, so a test can cut the file short at that moment.
        if let flag = context.environment["SYSDRILL_TEST_IMPORT_PAUSE"] {
            importer.afterOpening = { while access(flag, F_OK) == 0 { usleep(10_000) } }
        }
        // Read here only to warn about unusable stored settings; the import reads them
        // again inside its write transaction.
        _ = try context.configuration(store)
        let report: ImportReport
        do {
            report = try importer.run(path: path, applySettings: invocation.flag("settings"), dryRun: dryRun)
        } catch let error as ProgressError {
            // Scripts get the problems as data too; the message still goes to stderr.
            if context.json, let problems = problemsJSON(error) {
                context.print(JSONValue.object(["file": .string(path), "valid": false, "problems": .array(problems)]).serialized(pretty: true))
            }
            throw error
        }
        if context.json {
            var object: JSONObject = ["file": .string(path)]
            for entry in report.json.entries { object.set(entry.key, entry.value) }
            context.print(JSONValue.object(object).serialized(pretty: true))
        } else {
            context.stdout.write(text(report, path: path, style: context.style))
        }
        if report.reviewsConflicting > 0 {
            context.note(context.errorStyle.yellow("warning:") + " \(report.reviewsConflicting) review(s) in the file have the ID of a review here but other content; yours were kept")
        }
        return ExitCode.ok
    }

    static func problemsJSON(_ error: ProgressError) -> [JSONValue]? {
        switch error {
        case .invalidDocument(_, let problems):
            return problems.map { ["path": .string($0.path), "message": .string($0.message)] }
        case .malformedJSON(_, let parseError):
            return [["path": "$", "line": JSONValue(parseError.line), "column": JSONValue(parseError.column),
                     "message": .string(parseError.message)]]
        default:
            return nil
        }
    }

    static func text(_ report: ImportReport, path: String, style: Style) -> String {
        let path = path == "-" ? "standard input" : path
        let added = report.dryRun ? "to add" : "added"
        var text = report.dryRun
            ? style.bold("Dry run") + ": nothing was changed. Importing \(path) (exported \(ISO8601.format(report.exportedAt))) would do this:\n"
            : style.bold("Imported") + " \(path) (exported \(ISO8601.format(report.exportedAt)))\n"
        func row(_ label: String, _ value: String) { text += "  " + TextLayout.padRight(label, to: 14) + value + "\n" }
        row("reviews", "\(report.reviewsAdded) \(added), \(report.reviewsAlreadyPresent) already here")
        var cards = "\(report.cardsAdded) \(added) as retired cards (not in your decks), \(report.cardsInFile - report.cardsAdded) known"
        if !report.addedTerms.isEmpty {
            let shown = report.addedTerms.prefix(5).map { TextLayout.truncate($0, to: 30) }.joined(separator: ", ")
            cards += ": " + shown + (report.addedTerms.count > 5 ? ", …" : "")
        }
        row("cards", cards)
        if report.renamesInFile > 0 {
            let applied = report.dryRun ? "to apply" : "applied"
            row("renames", "\(report.renamesApplied) \(applied) (history moved to the new term), "
                + "\(report.renamesInFile - report.renamesApplied) already here")
        }
        if report.marksInFile > 0 {
            let applied = report.dryRun ? "to apply" : "applied"
            row("marks", "\(report.marksApplied) \(applied) (suspends and flags), "
                + "\(report.marksInFile - report.marksApplied) already here or older")
        }
        row("quiz answers", "\(report.quizResultsAdded) \(added), \(report.quizResultsInFile - report.quizResultsAdded) already here")
        row("drills", "\(report.drillsAdded) \(added), " + (report.drillsUpdated > 0 ? "\(report.drillsUpdated) brought up to date, " : "")
            + "\(report.drillsInFile - report.drillsAdded - report.drillsUpdated) already here")
        row("states", "\(report.cardsReplayed) card\(report.cardsReplayed == 1 ? "" : "s") replayed with \(report.scheduler.rawValue), \(report.statesChanged) changed")
        let differences = report.settingDifferences.map { "\($0.key.rawValue) \($0.local) → \($0.file)" }.joined(separator: ", ")
        if report.settingDifferences.isEmpty {
            row("settings", "the file's scheduler settings match yours")
        } else if report.settingsApplied {
            row("settings", (report.dryRun ? "would apply: " : "applied: ") + differences)
        } else {
            row("settings", "not applied (" + differences + "); run again with --settings to use the file's")
        }
        return text
    }
}
