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
        summary: "list cards (all decks, or filtered by section and kind)",
        usage: ["cards [--section TEXT] [--kind KIND] [--retired] [--json]"],
        options: [
            OptionSpec("section", .value, valueName: "TEXT", help: "a section number (3, 3.4) or text in a heading, label or parent"),
            OptionSpec("kind", .value, valueName: "KIND", help: "definition, list, drill or question"),
            OptionSpec("retired", help: "also list retired cards (vanished from their deck, history kept)"),
        ],
        discussion: """
        Examples:
          sysdrill cards --section 3.4
          sysdrill cards --kind drill --json
        """,
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let kindName = try invocation.choice("kind", from: CardKind.allCases.map(\.rawValue))
        let store = try context.syncedStore()
        let filter = try context.sectionFilter(invocation, store: store, includeRetired: invocation.flag("retired"))
        let cards = try store.cards(includeRetired: invocation.flag("retired")).filter { stored in
            (kindName == nil || stored.card.kind.rawValue == kindName) && (filter?.matches(stored.card) ?? true)
        }
        if context.json {
            let array = JSONValue.array(cards.map { .object(CardJSON.object($0.card, retired: invocation.flag("retired") ? $0.retired : nil)) })
            context.print(array.serialized(pretty: true))
            return ExitCode.ok
        }
        if cards.isEmpty {
            // The section matched (checked above), the kind did not: an empty answer, not an error.
            context.note("no cards match" + (filter.map { " --section '\($0.text)'" } ?? "") + (kindName.map { " --kind \($0)" } ?? ""))
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
            let rest = card.term + " — " + shown
            line += TextLayout.truncate(rest, to: max(20, width - 31))
            if stored.retired { line += context.style.yellow(" (retired)") }
            text += line + "\n"
        }
        context.stdout.write(text)
        context.note("\(cards.count) card\(cards.count == 1 ? "" : "s")")
        return ExitCode.ok
    }
}
