import BundledContent
import Deck
import JSONText
import Store
import Study
import Review
import Practice
import Progress
import Terminal

/// `sysdrill decks [add PATH | remove NAME]`.
enum DecksCommand {
    static let spec = CommandSpec(
        name: "decks",
        summary: "list decks, or register and unregister your own Markdown decks",
        usage: ["decks [--json]", "decks --names", "decks add PATH", "decks remove NAME", "decks disable NAME", "decks enable NAME",
                "decks lint PATH|NAME [--json]"],
        options: [
            OptionSpec("names", help: "only the names, one a line (disabled decks too), read without syncing; no database is created"),
        ],
        subcommands: [addSpec, removeSpec, disableSpec, enableSpec, lintSpec],
        discussion: """
        The outline compiled into sysdrill is always there. Registered decks are synced on
        every run (a file is parsed again only when its size or modification time changed);
        use --deck PATH to add a deck for one run only. --names is what shell completion
        asks for: the built-in decks and those the database has, without a lock or a write.
        """,
        run: list
    )

    static let addSpec = CommandSpec(
        name: "add",
        summary: "register a Markdown deck file or folder (synced on every run)",
        usage: ["decks add PATH"],
        positionals: 1...1,
        argument: .path,
        run: add
    )

    static let lintSpec = CommandSpec(
        name: "lint",
        summary: "show the blocks of a deck that made no card, the cards that make weak prompts and drill rubric problems",
        usage: ["decks lint PATH|NAME [--json]"],
        positionals: 1...1,
        argument: .deckOrPath,
        discussion: """
        PATH is a Markdown file or folder (nothing is registered or written); NAME is a
        registered deck or the built-in 'system-design'. Each finding has its file:line.
        A drill card's rubric sub-bullets (Statement, Probes, Pitfalls, Reference, Anchors)
        are checked too: a misspelled or empty part, anchors without all of 0-3, probes
        without a statement, anything the drill would refuse.
        Exit status: 0 when the deck is clean, 1 when there are findings (like other linters).
        """,
        run: lint
    )

    static let removeSpec = CommandSpec(
        name: "remove",
        summary: "unregister a deck; its cards are retired, their history kept",
        usage: ["decks remove NAME"],
        positionals: 1...1,
        argument: .deck,
        run: remove
    )

    static func list(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        if invocation.flag("names") { return try names(context) }
        let store = try context.syncedStore()
        let decks = try store.decks()
        let contents = try store.deckContents()
        let disabled = try store.disabledDecks()
        var summaries: [JSONValue] = []
        var text = ""
        for deck in decks {
            let counted = contents[deck.name] ?? DeckContents()
            // Cards outside any section are listed as "(no section)", together with a heading
            // of that name should there be one.
            var sections: [(section: String, cards: Int)] = []
            for entry in counted.sections {
                let label = entry.name ?? "(no section)"
                if let index = sections.firstIndex(where: { $0.section == label }) {
                    sections[index].cards += entry.cards
                } else {
                    sections.append((label, entry.cards))
                }
            }
            let source = deck.source.hasPrefix("embedded:") ? "Content/" + deck.source.dropFirst("embedded:".count) + " (embedded)"
                : deck.source.hasPrefix("builtin:") ? "'" + deck.source.dropFirst("builtin:".count) + "' (built in)"
                : deck.origin == .imported && deck.source.hasPrefix("anki:") ? deck.source.dropFirst("anki:".count) + " (from Anki)"
                : deck.source
            summaries.append([
                "name": .string(deck.name), "source": .string(source), "origin": .string(deck.origin.rawValue),
                "cards": JSONValue(counted.active), "retired": JSONValue(counted.retired),
                "sections": .array(sections.map { ["section": .string($0.0), "cards": JSONValue($0.1)] }),
                "disabled": .bool(disabled.contains(deck.name)),
            ])
            text += context.style.bold(deck.name) + "  \(deck.origin.rawValue)  \(source)"
                + (disabled.contains(deck.name) ? context.style.yellow("  (disabled: 'sysdrill decks enable \(deck.name)')") : "") + "\n"
            text += "  \(counted.active) cards" + (counted.retired > 0 ? ", \(counted.retired) retired" : "") + "\n"
            let width = min(48, sections.map { TextLayout.width($0.0) }.max() ?? 0)
            for (section, count) in sections {
                text += "    " + TextLayout.padRight(TextLayout.truncate(section, to: width), to: width) + "  " + TextLayout.padLeft(String(count), to: 4) + "\n"
            }
        }
        if context.json {
            context.print(JSONValue.array(summaries).serialized(pretty: true))
        } else {
            context.stdout.write(text)
        }
        return ExitCode.ok
    }

    /// `decks --names`: the built-in decks, then the database's (none when it does not exist).
    static func names(_ context: AppContext) throws -> Int32 {
        var names = BundledContent.files.map { FileSystem.deckName(for: $0.name) } + [NumberCards.deck]
        for name in try StudyStore.deckNames(readingOnly: try context.databasePath()) where !names.contains(name) {
            names.append(name)
        }
        if context.json {
            context.print(JSONValue.array(names.map { .string($0) }).serialized(pretty: true))
        } else {
            context.stdout.write(names.map { $0 + "\n" }.joined())
        }
        return ExitCode.ok
    }

    static func add(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let path = invocation.positionals[0]
        let store = try context.syncedStore()
        let result = try DeckSynchronizer(store: store, now: context.now).register(path: path)
        let report = result.report
        for skipped in result.check.skippedFiles {
            context.note(context.errorStyle.yellow("warning:") + " file skipped: \(skipped)")
        }
        if context.json {
            context.print(JSONValue.object(JSONObject([
                "deck": .string(result.name), "cards": JSONValue(result.cards), "new": JSONValue(report.inserted),
                "changed": JSONValue(report.updated), "retired": JSONValue(report.retired), "revived": JSONValue(report.revived),
                "renamed": JSONValue(report.renamed),
                "no_card_blocks": JSONValue(result.check.notes.count),
                "weak_prompts": JSONValue(result.check.weakPrompts),
                "skipped_files": .array(result.check.skippedFiles.map { .string($0.description) }),
            ])).serialized(pretty: true))
        } else {
            context.print(DeckLint.summary(verb: "registered", deck: result.name, cards: result.cards, check: result.check,
                                           renamed: report.renamed, lintArgument: shellWord(result.name)))
        }
        if result.cards == 0 {
            context.note(context.errorStyle.yellow("warning:") + " no cards found: write '- Term: definition' bullets under '#' headings, or 'Q:'/'A:' pairs (see the README)")
        }
        return ExitCode.ok
    }

    static let disableSpec = CommandSpec(
        name: "disable",
        summary: "turn a deck off: its cards leave every queue and quiz, their history kept",
        usage: ["decks disable NAME"],
        positionals: 1...1,
        argument: .deck,
        run: { try switchDeck($0, $1, disabled: true) }
    )

    static let enableSpec = CommandSpec(
        name: "enable",
        summary: "turn a disabled deck back on",
        usage: ["decks enable NAME"],
        positionals: 1...1,
        argument: .deck,
        run: { try switchDeck($0, $1, disabled: false) }
    )

    /// `decks disable` / `decks enable`, the built-in deck included.
    static func switchDeck(_ invocation: Invocation, _ context: AppContext, disabled: Bool) throws -> Int32 {
        let name = invocation.positionals[0]
        let command = "sysdrill decks " + (disabled ? "disable" : "enable")
        let store = try context.syncedStore()
        let decks = try store.decks()
        guard decks.contains(where: { $0.name == name }) else {
            throw UsageError("no deck named '\(name)'" + Suggestion.didYouMean(name, in: decks.map(\.name)) + " (see 'sysdrill decks')",
                             command: command)
        }
        try store.setDeck(name, disabled: disabled)
        if context.json {
            context.print(JSONValue.object(JSONObject(["deck": .string(name), "disabled": .bool(disabled)])).serialized(pretty: true))
        } else {
            context.print(disabled ? "disabled deck '\(name)': its cards leave every queue and quiz (history kept; 'sysdrill decks enable \(name)' brings them back)"
                                   : "enabled deck '\(name)'")
        }
        return ExitCode.ok
    }

    static func remove(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let name = invocation.positionals[0]
        let store = try context.store()
        let decks = try store.decks()
        // A built-in deck is refused by name: a database that has not synced it yet (a new
        // one) does not list it.
        let builtIn = decks.first { $0.name == name }.map { $0.origin == .embedded }
            ?? (name == NumberCards.deck || BundledContent.files.contains { FileSystem.deckName(for: $0.name) == name })
        guard !builtIn else {
            throw UsageError("'\(name)' is compiled into sysdrill and cannot be removed; 'sysdrill decks disable \(name)' turns it off, and --only or --section study part of your decks",
                             command: "sysdrill decks remove")
        }
        guard decks.contains(where: { $0.name == name }) else {
            throw UsageError("no deck named '\(name)'" + Suggestion.didYouMean(name, in: decks.map(\.name)) + " (see 'sysdrill decks')",
                             command: "sysdrill decks remove")
        }
        let retired = try store.removeDeck(named: name)
        if context.json {
            context.print(JSONValue.object(JSONObject(["deck": .string(name), "retired": JSONValue(retired)])).serialized(pretty: true))
        } else {
            context.print("removed deck '\(name)': \(retired) cards retired (their history is kept)")
        }
        return ExitCode.ok
    }

    // MARK: lint

    static func lint(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let argument = invocation.positionals[0]
        let report: DeckLintReport
        var rubrics = RubricFindings()
        if FileSystem.info(argument) != nil {
            report = try DeckLint.lint(path: argument) { rubrics.inspect($0) }
        } else if let embedded = BundledContent.files.first(where: { FileSystem.deckName(for: $0.name) == argument }) {
            report = try DeckLint.lintEmbedded(name: embedded.name, bytes: embedded.bytes)
        } else {
            // A registered deck by name; a database that does not exist yet has none (and is not created).
            let databaseExists = FileSystem.info(try context.databasePath()) != nil
            let decks = databaseExists ? try context.store().decks() : []
            if argument == NumberCards.deck, !decks.contains(where: { $0.name == argument && $0.origin != .embedded }) {
                throw UsageError("'\(argument)' is made from the table of 'sysdrill \(argument)' and has no Markdown to lint",
                                 command: "sysdrill decks lint")
            }
            guard let deck = decks.first(where: { $0.name == argument }), deck.origin != .embedded else {
                let names = decks.map(\.name) + BundledContent.files.map { FileSystem.deckName(for: $0.name) }
                throw UsageError("no file, folder or deck named '\(argument)'" + Suggestion.didYouMean(argument, in: names),
                                 command: "sysdrill decks lint")
            }
            guard deck.origin != .imported else {
                throw UsageError("'\(argument)' was imported from \(deck.source.dropFirst("anki:".count)) and has no Markdown to lint",
                                 command: "sysdrill decks lint")
            }
            report = try DeckLint.lint(path: deck.source) { rubrics.inspect($0) }
        }
        let rubricFindings = rubrics.finish()
        // Written in pieces: 56,000 findings of a 10 MB deck as one text or JSON tree took
        // 100 and 134 MB.
        var output = ChunkedOutput(context.stdout)
        if context.json {
            writeLintJSON(report, rubrics: rubricFindings, to: &output)
        } else {
            writeLintText(report, rubrics: rubricFindings, context, to: &output)
        }
        output.flush()
        return report.isClean && rubricFindings.isEmpty ? ExitCode.ok : ExitCode.failure
    }

    static func rubricJSON(_ finding: RubricFinding) -> JSONValue {
        ["type": "rubric", "file": .string(finding.file), "line": JSONValue(finding.line), "column": JSONValue(finding.column),
         "reason": .string(finding.reason.rawValue), "drill": .string(finding.drill), "detail": .string(finding.detail)]
    }

    /// The findings as one pretty JSON array, written element by element (the same text
    /// as the array serialized whole).
    static func writeLintJSON(_ report: DeckLintReport, rubrics: [RubricFinding], to output: inout ChunkedOutput) {
        var count = 0
        func element(_ value: JSONValue) {
            output.append(count == 0 ? "[\n  " : ",\n  ")
            output.append(json: value, indent: 1)
            count += 1
        }
        for error in report.skippedFiles {
            element(["type": "skipped-file", "file": .string(error.path), "reason": .string(error.description)])
        }
        for note in report.notes {
            element(["type": "no-card", "file": .string(note.file), "line": JSONValue(note.line), "reason": .string(note.reason.rawValue),
                     "detail": .string(note.detail)])
        }
        for finding in report.findings {
            element(["type": "weak-prompt", "file": .string(finding.file), "line": JSONValue(finding.line),
                     "reason": .string(finding.reason.rawValue), "card": .string(finding.card.rawValue), "term": .string(finding.term),
                     "suggestion": .string(finding.suggestion)])
        }
        for finding in rubrics { element(rubricJSON(finding)) }
        output.append(count == 0 ? "[]\n" : "\n]\n")
    }

    static func writeLintText(_ report: DeckLintReport, rubrics: [RubricFinding] = [], _ context: AppContext,
                              to output: inout ChunkedOutput) {
        for error in report.skippedFiles { output.append("\(error)  (file skipped)\n") }
        for note in report.notes {
            output.append("\(note.file):\(note.line): " + context.style.dim("no card (\(note.reason.rawValue))") + " \(note.detail)\n")
        }
        for finding in report.findings {
            output.append("\(finding.file):\(finding.line): " + context.style.yellow("weak prompt (\(finding.reason.rawValue))")
                          + " '\(finding.term)': \(finding.suggestion)\n")
        }
        for finding in rubrics {
            output.append("\(finding.file):\(finding.line):\(finding.column): " + context.style.yellow("rubric (\(finding.reason.rawValue))")
                          + " '\(finding.drill)': \(finding.detail)\n")
        }
        var summary = "\(report.cards) card" + (report.cards == 1 ? "" : "s")
        summary += "; \(report.notes.count) block" + (report.notes.count == 1 ? "" : "s") + " made no card"
        summary += ", \(report.findings.count) weak prompt" + (report.findings.count == 1 ? "" : "s")
        if !report.skippedFiles.isEmpty { summary += ", \(report.skippedFiles.count) file" + (report.skippedFiles.count == 1 ? "" : "s") + " skipped" }
        if !rubrics.isEmpty { summary += ", \(rubrics.count) rubric problem" + (rubrics.count == 1 ? "" : "s") }
        output.append(summary + "\n")
    }

    /// `text` as one shell word (quoted when it has anything but safe characters).
    static func shellWord(_ text: String) -> String {
        let safe = text.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) }
        return safe && !text.isEmpty ? text : "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
