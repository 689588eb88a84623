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
        usage: ["cards [--section TEXT] [--kind KIND] [--retired] [--leeches] [--suspended] [--flagged] [--json]"],
        options: [
            OptionSpec("section", .value, valueName: "TEXT", help: "a section number (3, 3.4) or text in a heading, label or parent"),
            OptionSpec("kind", .value, valueName: "KIND", help: "definition, list, drill or question"),
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
        let filter = try context.sectionFilter(invocation, store: store, includeRetired: invocation.flag("retired"))
        let configuration = try context.configuration(store)
        let (suspended, flagged, leeches) = try store.readSnapshot {
            (try store.cards(marked: .suspended), try store.cards(marked: .flagged),
             try store.cards(withLapsesAtLeast: configuration.leechLapses))
        }
        func tags(_ id: CardID) -> CardJSON.Tags {
            CardJSON.Tags(suspended: suspended.contains(id), flagged: flagged.contains(id), leech: leeches.contains(id))
        }
        let cards = try store.cards(includeRetired: invocation.flag("retired")).filter { stored in
            let tags = tags(stored.id)
            return (kindName == nil || stored.card.kind.rawValue == kindName) && (filter?.matches(stored.card) ?? true)
                && (!invocation.flag("leeches") || tags.leech) && (!invocation.flag("suspended") || tags.suspended)
                && (!invocation.flag("flagged") || tags.flagged)
        }
        if context.json {
            // Imported cards keep their Anki tags ("labels" here: `tags` above are sysdrill's marks).
            let labels = try store.allTags()
            let array = JSONValue.array(cards.map {
                var object = CardJSON.object($0.card, retired: invocation.flag("retired") ? $0.retired : nil, tags: tags($0.id))
                if let cardLabels = labels[$0.id] { object.set("labels", JSONValue(cardLabels)) }
                return .object(object)
            })
            context.print(array.serialized(pretty: true))
            return ExitCode.ok
        }
        if cards.isEmpty {
            // The section matched (checked above), the kind or tag did not: an empty answer, not an error.
            let tagOptions = ["leeches", "suspended", "flagged"].filter(invocation.flag).map { " --" + $0 }.joined()
            context.note("no cards match" + (filter.map { " --section '\($0.text)'" } ?? "") + (kindName.map { " --kind \($0)" } ?? "")
                         + tagOptions)
            return ExitCode.ok
        }
        let width = TerminalQuery.size(of: 1)?.columns ?? 100
        var text = ""
        for stored in cards {
            let card = stored.card
            let number = card.section.compactMap { HeadingNumber.split($0).number }.last ?? ""
            var line = context.style.dim(String(card.id.rawValue.prefix(8))) + "  "
                + TextLayout.padRight(card.kind.rawValue, to: 10) + "  " + TextLayout.padRight(number, to: 5) + " "
            // A reverse's back is its term: say what it is made from instead.
            let shown = card.kind == .reverse ? "reverse of " + card.from.map { String($0.rawValue.prefix(8)) }.joined(separator: ", ")
                                              : card.back.split(separator: "\n").joined(separator: " ")
            let rest = ControlCharacters.visible(card.term + " — " + shown)
            line += TextLayout.truncate(rest, to: max(20, width - 31))
            if stored.retired { line += context.style.yellow(" (retired)") }
            let tags = tags(stored.id)
            let names = [tags.leech ? "leech" : nil, tags.suspended ? "suspended" : nil, tags.flagged ? "flagged" : nil].compactMap { $0 }
            if !names.isEmpty { line += context.style.yellow(" (" + names.joined(separator: ", ") + ")") }
            text += line + "\n"
        }
        context.stdout.write(text)
        context.note("\(cards.count) card\(cards.count == 1 ? "" : "s")")
        return ExitCode.ok
    }
}
