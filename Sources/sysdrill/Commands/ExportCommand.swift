import JSONText
import Store
import Study

/// `sysdrill export`: the whole history as a versioned JSON document, or the cards as
/// a file Anki imports.
enum ExportCommand {
    static let spec = CommandSpec(
        name: "export",
        summary: "export your progress (JSON, to take to another machine) or the cards for Anki",
        usage: ["export [--format json|anki-tsv] [--output FILE]"],
        options: [
            OptionSpec("format", .value, valueName: "FORMAT", help: "json (default: cards, states, reviews, quiz answers, drills) or anki-tsv"),
            OptionSpec("output", .value, valueName: "FILE", help: "write to FILE (atomically: a temporary file, then rename) instead of stdout"),
        ],
        discussion: """
        The JSON format ("sysdrill-progress", version 1) is described in docs/export-format.md
        and docs/export-schema.json; 'sysdrill import FILE' merges it into another database.
        anki-tsv writes the active cards as Basic notes (front, back, a tag from the section
        path) for Anki's File > Import.

        Examples:
          sysdrill export --output ~/sysdrill-progress.json
          sysdrill export --format anki-tsv > sysdrill.txt
        """,
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let format = try invocation.choice("format", from: ["json", "anki-tsv"]) ?? "json"
        let output = invocation.value("output")
        if let output, output.isEmpty { throw UsageError("--output needs a file name", command: invocation.commandName) }
        let store = try context.syncedStore()
        let text: String
        var counts: JSONObject = [:]
        if format == "json" {
            let contents = try ProgressExport.Contents.load(from: store, configuration: try context.configuration(store))
            text = ProgressExport.text(contents, exportedAt: context.now)
            counts = ["cards": JSONValue(contents.cards.count), "reviews": JSONValue(contents.reviews.count),
                      "quiz_results": JSONValue(contents.quizResults.count), "drill_results": JSONValue(contents.drillResults.count)]
        } else {
            let cards = try store.cards().map(\.card)
            text = AnkiTSV.text(cards)
            counts = ["cards": JSONValue(cards.count)]
        }
        guard let output else {
            context.stdout.write(text)
            return ExitCode.ok
        }
        try AtomicFile.write(text, to: output)
        if context.json {
            var summary: JSONObject = ["output": .string(output), "format": .string(format), "bytes": JSONValue(text.utf8.count)]
            for (key, value) in counts.entries { summary.set(key, value) }
            context.print(JSONValue.object(summary).serialized(pretty: true))
        } else {
            let what = counts.entries.map { "\($0.value.serialized()) \($0.key.replacingUnderscores())" }.joined(separator: ", ")
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
