import Deck
import JSONText
import Store
import Study
import Terminal

/// `sysdrill decks [add PATH | remove NAME]`.
enum DecksCommand {
    static let spec = CommandSpec(
        name: "decks",
        summary: "list decks, or register and unregister your own Markdown decks",
        usage: ["decks [--json]", "decks add PATH", "decks remove NAME"],
        subcommands: [addSpec, removeSpec],
        discussion: """
        The outline compiled into sysdrill is always there. Registered decks are synced on
        every run (a file is parsed again only when its size or modification time changed);
        use --deck PATH to add a deck for one run only.
        """,
        run: list
    )

    static let addSpec = CommandSpec(
        name: "add",
        summary: "register a Markdown deck file or folder (synced on every run)",
        usage: ["decks add PATH"],
        positionals: 1...1,
        run: add
    )

    static let removeSpec = CommandSpec(
        name: "remove",
        summary: "unregister a deck; its cards are retired, their history kept",
        usage: ["decks remove NAME"],
        positionals: 1...1,
        run: remove
    )

    static func list(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let store = try context.syncedStore()
        let decks = try store.decks()
        let cards = try store.cards(includeRetired: true)
        var summaries: [JSONValue] = []
        var text = ""
        for deck in decks {
            let own = cards.filter { $0.card.deck == deck.name }
            let active = own.filter { !$0.retired }
            var sections: [(String, Int)] = []
            for stored in active {
                let top = stored.card.section.first ?? "(no section)"
                if let index = sections.firstIndex(where: { $0.0 == top }) { sections[index].1 += 1 } else { sections.append((top, 1)) }
            }
            let source = deck.source.hasPrefix("embedded:") ? "Content/" + deck.source.dropFirst("embedded:".count) + " (embedded)" : deck.source
            summaries.append([
                "name": .string(deck.name), "source": .string(source), "origin": .string(deck.origin.rawValue),
                "cards": JSONValue(active.count), "retired": JSONValue(own.count - active.count),
                "sections": .array(sections.map { ["section": .string($0.0), "cards": JSONValue($0.1)] }),
            ])
            text += context.style.bold(deck.name) + "  \(deck.origin.rawValue)  \(source)\n"
            text += "  \(active.count) cards" + (own.count > active.count ? ", \(own.count - active.count) retired" : "") + "\n"
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

    static func add(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let path = invocation.positionals[0]
        let store = try context.syncedStore()
        let result = try DeckSynchronizer(store: store, now: context.now).register(path: path)
        let report = result.report
        if context.json {
            context.print(JSONValue.object(JSONObject([
                "deck": .string(result.name), "cards": JSONValue(result.cards), "new": JSONValue(report.inserted),
                "changed": JSONValue(report.updated), "retired": JSONValue(report.retired), "revived": JSONValue(report.revived),
                "renamed": JSONValue(report.renamed),
            ])).serialized(pretty: true))
        } else {
            // A renamed card is neither new nor retired: its history moved to its new term.
            let renamed = report.renamed > 0 ? ", \(report.renamed) renamed (history kept)" : ""
            context.print("registered deck '\(result.name)' from \(FileSystem.absolute(path)): \(result.cards) cards (\(report.inserted) new, \(report.updated) changed, \(report.retired) retired\(renamed))")
        }
        if result.cards == 0 {
            context.note(context.errorStyle.yellow("warning:") + " no cards found: write '- Term: definition' bullets under '#' headings, or 'Q:'/'A:' pairs (see the README)")
        }
        return ExitCode.ok
    }

    static func remove(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let name = invocation.positionals[0]
        let store = try context.store()
        let decks = try store.decks()
        guard let deck = decks.first(where: { $0.name == name }) else {
            throw UsageError("no deck named '\(name)'" + Suggestion.didYouMean(name, in: decks.map(\.name)) + " (see 'sysdrill decks')",
                             command: "sysdrill decks remove")
        }
        guard deck.origin != .embedded else {
            throw UsageError("'\(name)' is compiled into sysdrill and cannot be removed; use --section to study part of it",
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
}
