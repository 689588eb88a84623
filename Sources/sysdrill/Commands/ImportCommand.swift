#if canImport(Glibc)
import Glibc
#endif
import Interop
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
        summary: "merge a progress export (from 'sysdrill export'), an Anki collection or an Anki package into this database",
        usage: ["import FILE [--format json|anki|apkg] [--dry-run] [--settings] [--json]",
                "import - (read a sysdrill export from standard input)"],
        options: [
            OptionSpec("format", .value, valueName: "FORMAT", values: .choices(ImportFileFormat.allCases.map(\.rawValue)),
                       help: "json (a sysdrill export), anki (an Anki collection file) or apkg (an .apkg/.colpkg package); default: told by the file's content"),
            OptionSpec("dry-run", help: "check the file and show what would change, changing nothing"),
            OptionSpec("settings", help: "also apply the file's scheduler settings (scheduler, limits, FSRS parameters, rollover hour)"),
        ],
        positionals: 1...1,
        argument: .path,
        discussion: """
        The whole file is checked first; if anything is wrong, every problem is listed with
        its JSON path and nothing is imported (exit 65). Reviews, quiz answers and drills
        are merged by ID, so importing a file twice, or two machines' exports into each
        other, never duplicates anything. Cards your decks do not have are kept as retired
        cards with their text. Afterwards the state of every card that got new reviews is
        recomputed by replaying its review log with the active scheduler.
        An Anki collection (collection.anki2, read-only, even while Anki runs) or a legacy
        .apkg/.colpkg becomes imported decks: every note's cards with their tags, and the
        graded reviews with their states replayed; importing again adds only what is new.
        See docs/interop.md.
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
        let chosen = try invocation.choice("format", from: ImportFileFormat.allCases.map(\.rawValue))
        let format = try chosen.flatMap(ImportFileFormat.init(rawValue:)) ?? detectedFormat(path)
        if format != .sysdrill {
            if path == "-" { throw UsageError("an Anki file cannot be read from standard input; give its path", command: invocation.commandName) }
            if invocation.flag("settings") { throw UsageError("--settings applies to sysdrill exports only", command: invocation.commandName) }
            return try AnkiImportCommand.run(path: path, format: format, dryRun: dryRun, context)
        }
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
        return show(report.json, text: text(report, path: path, style: context.style), conflicting: report.reviewsConflicting,
                    path: path, context)
    }

    /// Prints an import's report (its JSON with the file first, or its text) and warns of
    /// reviews whose ID is here with other content. Shared by the JSON and Anki imports.
    static func show(_ json: JSONObject, text: String, conflicting: Int, path: String, _ context: AppContext) -> Int32 {
        if context.json {
            var object: JSONObject = ["file": .string(path)]
            for entry in json.entries { object.set(entry.key, entry.value) }
            context.print(JSONValue.object(object).serialized(pretty: true))
        } else {
            context.stdout.write(text)
        }
        if conflicting > 0 {
            context.note(context.errorStyle.yellow("warning:") + " \(conflicting) review(s) in the file have the ID of a review here but other content; yours were kept")
        }
        return ExitCode.ok
    }

    /// The format the file's first bytes show; a file that fits none is left to the JSON
    /// reader, whose message says where it stops being JSON.
    static func detectedFormat(_ path: String) throws -> ImportFileFormat {
        guard path != "-" else { return .sysdrill }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .sysdrill }  // the JSON import names a missing or unreadable file
        defer { close(fd) }
        var prefix = [UInt8](repeating: 0, count: 64)
        let count = prefix.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        return ImportFileFormat.detect(Array(prefix.prefix(max(0, count)))) ?? .sysdrill
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
