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

/// `sysdrill export`: the whole history as a versioned JSON document, or the cards as
/// a file Anki imports.
enum ExportCommand {
    /// What `--format` takes.
    static let formats = ["json", "anki-tsv", "apkg"]

    static let spec = CommandSpec(
        name: "export",
        summary: "export your progress (JSON, to take to another machine) or the cards for Anki",
        usage: ["export [--format json|anki-tsv] [--only NAME]... [--output FILE]", "export --format apkg --output FILE"],
        options: [
            OptionSpec("format", .value, valueName: "FORMAT", values: .choices(formats),
                       help: "json (default: cards, states, reviews, quiz answers, drills), anki-tsv, or apkg (an Anki package with the review history and scheduling; needs --output)"),
            DeckSelection.option,
            OptionSpec("output", .value, valueName: "FILE", help: "write to FILE (a regular file atomically: a temporary file, then rename; a link's target the same way; a FIFO or device directly) instead of stdout; - is stdout"),
        ],
        discussion: """
        The JSON format ("sysdrill-progress", version 1) is described in docs/export-format.md
        and docs/export-schema.json; 'sysdrill import FILE' merges it into another database.
        anki-tsv writes the active cards as Basic notes (front, back, a tag from the section
        path) for Anki's File > Import. apkg writes a legacy Anki package (collection.anki2,
        schema 11): the same notes plus every review as Anki's review log and each card's
        state as Anki scheduling (docs/interop.md).

        --only NAME (json, anki-tsv) exports only those decks' cards, active and retired,
        with their states, renames, marks, reviews, and the quiz answers and drills on them
        (estimate answers name no card and are left out). The file imports like a full one.

        Examples:
          sysdrill export --output ~/sysdrill-progress.json
          sysdrill export --format anki-tsv > sysdrill.txt
          sysdrill export --format apkg --output sysdrill.apkg
        """,
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let format = try invocation.choice("format", from: formats) ?? "json"
        // `--output -` is stdout, as with most tools.
        let output = invocation.value("output").flatMap { $0 == "-" ? nil : $0 }
        if let output, output.isEmpty { throw UsageError("--output needs a file name", command: invocation.commandName) }
        if format == "apkg" && output == nil {
            throw UsageError("--format apkg writes a binary package: give it a file with --output FILE", command: invocation.commandName)
        }
        if format == "apkg" && invocation.flag("only") {
            throw UsageError("--only works with --format json and anki-tsv; an apkg holds every deck", command: invocation.commandName)
        }
        let store = try context.syncedStore()
        let decks = try DeckSelection.scope(invocation, store: store, allowDisabled: true)
        var counts: JSONObject = [:]
        var bytes = 0
        // The JSON export is written as it is read (a million reviews would otherwise be
        // held as one document and one string); the Anki file is small.
        func write(to append: ([UInt8]) throws -> Void) throws {
            if format == "json" {
                let written = try ProgressExport.write(from: store, configuration: try context.configuration(store),
                                                       exportedAt: context.now, decks: decks, to: append)
                counts = ["cards": JSONValue(written.cards), "renames": JSONValue(written.renames), "marks": JSONValue(written.marks),
                          "reviews": JSONValue(written.reviews),
                          "quiz_results": JSONValue(written.quizResults), "drill_results": JSONValue(written.drillResults)]
                bytes = written.bytes
            } else if format == "apkg" {
                let configuration = try context.configuration(store)
                // The package is handed over in pieces while it is made; nothing keeps `append` after.
                let package: AnkiExport.Result
                do {
                    package = try withoutActuallyEscaping(append) { sink in
                        try AnkiExport.write(from: store, configuration: configuration, now: context.now, to: sink)
                    }
                } catch let error as ZipWriter.TooLarge {
                    throw ProgressError.outputFailed(path: output ?? "-", reason: error.description)
                } catch let error as ZipArchive.Failure {
                    throw ProgressError.outputFailed(path: output ?? "-", reason: error.description)
                }
                counts = ["cards": JSONValue(package.cards), "reviews": JSONValue(package.reviews)]
                bytes = package.bytes
            } else {
                // Line by line as the cards are read: one string of every card took 249 MB for 190k.
                var piece = Array(AnkiTSV.header.utf8)
                var cards = 0
                try store.readSnapshot {
                    try store.forEachCard(decks: decks) { stored in
                        piece += AnkiTSV.line(stored.card).utf8
                        cards += 1
                        if piece.count >= 1 << 16 {
                            try append(piece)
                            bytes += piece.count
                            piece.removeAll(keepingCapacity: true)
                        }
                    }
                }
                try append(piece)
                bytes += piece.count
                counts = ["cards": JSONValue(cards)]
            }
        }
        guard let output else {
            try write { context.stdout.write(String(decoding: $0, as: UTF8.self)) }
            return ExitCode.ok
        }
        // Tests only: SYSDRILL_TEST_EXPORT_PAUSE=SECONDS holds the export after its first
        // piece is written, so a test can interrupt it mid-write deterministically.
        let pause = context.environment["SYSDRILL_TEST_EXPORT_PAUSE"].flatMap { UInt32($0) }
        try AtomicFile.write(to: output) { append in
            var paused = false
            try write { bytes in
                try append(bytes)
                if let pause, !paused { paused = true; sleep(pause) }
            }
        }
        if context.json {
            var summary: JSONObject = ["output": .string(output), "format": .string(format), "bytes": JSONValue(bytes)]
            for (key, value) in counts.entries { summary.set(key, value) }
            context.print(JSONValue.object(summary).serialized(pretty: true))
        } else {
            // Renames and marks are rare: named only when there are some.
            let what = counts.entries.filter { ($0.key != "renames" && $0.key != "marks") || $0.value != 0 }
                .map { "\($0.value.serialized()) \($0.key.replacingUnderscores())" }.joined(separator: ", ")
            context.note("wrote \(output) (\(format): \(what))")
        }
        return ExitCode.ok
    }
}

extension String {
    /// `quiz_results` -> `quiz results`, for messages built from JSON keys.
    func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
