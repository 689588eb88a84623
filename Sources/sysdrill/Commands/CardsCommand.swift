import Deck
import JSONText
import Store
import Study
import Review
import Practice
import Progress
import Terminal

/// `sysdrill cards`: list the cards of every active deck.
enum CardsCommand {
    static let spec = CommandSpec(
        name: "cards",
        summary: "list cards (all decks, or filtered by section, kind and tag)",
        usage: ["cards [--section TEXT] [--only NAME]... [--kind KIND] [--retired] [--leeches] [--suspended] [--flagged] [--json]"],
        options: [
            OptionSpec("section", .value, valueName: "TEXT", help: "a section number (3, 3.4) or text in a heading, label or parent"),
            DeckSelection.option,
            OptionSpec("kind", .value, valueName: "KIND", values: .choices(CardKind.allCases.map(\.rawValue)), help: "definition, list, drill or question"),
            OptionSpec("retired", help: "also list retired cards (vanished from their deck, history kept)"),
            OptionSpec("leeches", help: "only leeches: cards that lapsed 'leech-lapses' times or more (default 8)"),
            OptionSpec("suspended", help: "only suspended cards ('card ID --unsuspend' puts one back)"),
            OptionSpec("flagged", help: "only flagged cards"),
        ],
        discussion: """
        The tag options combine: --leeches --flagged lists flagged leeches. --json gives each
        card "suspended", "flagged" and "leech" (booleans).

        Examples:
          sysdrill cards --section 3.4
          sysdrill cards --kind drill --json
          sysdrill cards --leeches
        """,
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let kindName = try invocation.choice("kind", from: CardKind.allCases.map(\.rawValue))
        let store = try context.syncedStore()
        let decks = try DeckSelection.scope(invocation, store: store, allowDisabled: true)
        let filter = try context.sectionFilter(invocation, store: store, decks: decks, includeRetired: invocation.flag("retired"))
        let configuration = try context.configuration(store)
        let (suspended, flagged, leeches) = try store.readSnapshot {
            (try store.cards(marked: .suspended), try store.cards(marked: .flagged),
             try store.cards(withLapsesAtLeast: configuration.leechLapses))
        }
        func tags(_ id: CardID) -> CardJSON.Tags {
            CardJSON.Tags(suspended: suspended.contains(id), flagged: flagged.contains(id), leech: leeches.contains(id))
        }
        func wanted(_ stored: StoredCard) -> Bool {
            let tags = tags(stored.id)
            return (kindName == nil || stored.card.kind.rawValue == kindName) && (filter?.matches(stored.card) ?? true)
                && (!invocation.flag("leeches") || tags.leech) && (!invocation.flag("suspended") || tags.suspended)
                && (!invocation.flag("flagged") || tags.flagged)
        }
        // Card by card, written in pieces: a listing of 190k cards is never held whole.
        var output = ChunkedOutput(context.stdout)
        var count = 0
        let width = TerminalQuery.size(of: 1)?.columns ?? 100
        try store.readSnapshot {
            // Imported cards keep their Anki tags ("labels" here: `tags` are sysdrill's marks).
            let labels = context.json ? try store.allTags() : [:]
            // --leeches, --suspended and --flagged name their cards: only those are read.
            var marked: Set<CardID>?
            for (flag, cards) in [("leeches", leeches), ("suspended", suspended), ("flagged", flagged)] where invocation.flag(flag) {
                marked = marked.map { $0.intersection(cards) } ?? Set(cards)
            }
            try store.forEachCard(includeRetired: invocation.flag("retired"), decks: decks, ids: marked) { stored in
                guard wanted(stored) else { return }
                count += 1
                if context.json {
                    // The same text as one pretty array: "[", then each card on its own indented lines.
                    output.append(count == 1 ? "[\n  " : ",\n  ")
                    output.appendObject(indent: 1) { object in
                        CardJSON.entries(stored.card, retired: invocation.flag("retired") ? stored.retired : nil, tags: tags(stored.id),
                                         into: &object)
                        if let cardLabels = labels[stored.id] { object.strings("labels", cardLabels) }
                    }
                } else {
                    output.append(line(stored, tags: tags(stored.id), width: width, style: context.style) + "\n")
                }
            }
        }
        if context.json {
            output.append(count == 0 ? "[]\n" : "\n]\n")
            output.flush()
            return ExitCode.ok
        }
        output.flush()
        if count == 0 {
            // The section matched (checked above), the kind or tag did not: an empty answer, not an error.
            let tagOptions = ["leeches", "suspended", "flagged"].filter(invocation.flag).map { " --" + $0 }.joined()
            context.note("no cards match" + (filter.map { " --section '\($0.text)'" } ?? "") + (kindName.map { " --kind \($0)" } ?? "")
                         + tagOptions)
            return ExitCode.ok
        }
        context.note("\(count) card\(count == 1 ? "" : "s")")
        return ExitCode.ok
    }

    /// One card's line of the listing.
    static func line(_ stored: StoredCard, tags: CardJSON.Tags, width: Int, style: Style) -> String {
        let card = stored.card
        let number = card.section.compactMap { HeadingNumber.split($0).number }.last ?? ""
        var line = style.dim(String(card.id.rawValue.prefix(8))) + "  "
            + TextLayout.padRight(card.kind.rawValue, to: 10) + "  " + TextLayout.padRight(number, to: 5) + " "
        // A reverse's back is its term: say what it is made from instead.
        let shown = card.kind == .reverse ? "reverse of " + card.from.map { String($0.rawValue.prefix(8)) }.joined(separator: ", ")
                                          : card.back.split(separator: "\n").joined(separator: " ")
        let rest = ControlCharacters.visible(card.term + " — " + shown)
        line += TextLayout.truncate(rest, to: max(20, width - 31))
        if stored.retired { line += style.yellow(" (retired)") }
        let names = [tags.leech ? "leech" : nil, tags.suspended ? "suspended" : nil, tags.flagged ? "flagged" : nil].compactMap { $0 }
        if !names.isEmpty { line += style.yellow(" (" + names.joined(separator: ", ") + ")") }
        return line
    }
}
