import Deck
import JSONText
import Scheduling
import Store
import Study
import Review
import Practice
import Progress
import Terminal
import Timekeeping

/// `sysdrill due`: what today holds.
enum DueCommand {
    static let spec = CommandSpec(
        name: "due",
        summary: "show today's counts (new / learning / review) and the next cards",
        usage: ["due [--section S] [--only NAME]... [--json]"],
        options: [OptionSpec("section", .value, valueName: "S", help: "only this part of the outline (3.4, or a word of a heading, label or term)"),
                  DeckSelection.option],
        discussion: """
        A card is due today when it is due before the study day ends (the day rolls over at
        04:00 local time; see 'sysdrill config'). Overdue reviews come first, then learning
        cards whose step is due, then new cards in deck order, within the daily limits.
        Drills whose exercise is due again (see 'sysdrill drill') are listed after the cards.
        JSON: {"now", "day_ends", "counts": {"new", "learning", "review"}, "cards": [{"id", "front", "due", "state"}],
        "drills_due": [{"number", "name", "card", "due", "last_total"}]} ("due" is null for new cards).
        """,
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let store = try context.readingStore(synced: true)
        let configuration = try context.configuration(store)
        let decks = try DeckSelection.scope(invocation, store: store, allowDisabled: false)
        let section = try context.sectionFilter(invocation, store: store, decks: decks)
        let today = try TodayQueue.build(store: store, configuration: configuration, calendar: context.calendar(configuration),
                                         now: context.now, options: .init(section: section, decks: decks))
        let drills = DrillSchedule.due(try DrillExercises.schedule(store: store), at: context.now)
        if context.json {
            var object = json(today)
            object.set("drills_due", .array(drills.map { .object(drillJSON($0)) }))
            context.print(JSONValue.object(object).serialized(pretty: true))
        } else {
            context.stdout.write(text(today, style: context.style) + drillsText(drills, style: context.style))
        }
        return ExitCode.ok
    }

    static func drillJSON(_ entry: DrillSchedule.Entry) -> JSONObject {
        ["number": JSONValue(entry.exercise.number), "name": .string(entry.exercise.name),
         "card": .string(entry.exercise.card.id.rawValue), "due": JSONValue(entry.due.map(ISO8601.format)),
         "last_total": JSONValue(entry.lastTotal)]
    }

    /// "Drills due: 2 (...)", or nothing when none is due.
    static func drillsText(_ drills: [DrillSchedule.Entry], style: Style) -> String {
        guard !drills.isEmpty else { return "" }
        let names = drills.prefix(3).map { "\($0.exercise.name) (since \(LocalTime.shortFormat($0.due ?? 0).prefix(10)))" }
        return style.bold("Drills due") + ": \(drills.count) — " + names.joined(separator: ", ")
            + (drills.count > 3 ? ", …" : "") + "; 'sysdrill drill' starts the most overdue\n"
    }

    static func entries(_ today: TodayQueue) -> [(id: String, due: UnixTime?)] {
        today.queue.cardIDs.map { id in
            let state = today.states[CardID(rawValue: id)] ?? .new
            return (id, state.phase == .new ? nil : state.due)
        } + today.queue.laterToday.map { ($0.id, $0.due) }
    }

    static func json(_ today: TodayQueue) -> JSONObject {
        let counts: JSONObject = ["new": JSONValue(today.queue.newCount), "learning": JSONValue(today.queue.learningCount),
                                  "review": JSONValue(today.queue.reviewCount)]
        let cards: [JSONValue] = entries(today).map { entry in
            let id = CardID(rawValue: entry.id)
            return .object([
                "id": .string(entry.id), "front": .string(today.cards[id]?.front ?? ""),
                "due": JSONValue(entry.due.map(ISO8601.format)),
                "state": .string((today.states[id] ?? .new).phase.rawValue),
            ])
        }
        return ["now": .string(ISO8601.format(today.now)), "day_ends": .string(ISO8601.format(today.day.end)),
                "counts": .object(counts), "total": JSONValue(today.total), "cards": .array(cards)]
    }

    static func text(_ today: TodayQueue, style: Style, maximumCards: Int = 10) -> String {
        let queue = today.queue
        var text = style.bold("Today") + ": \(style.blue(String(queue.newCount))) new · "
            + "\(style.red(String(queue.learningCount))) learning · \(style.green(String(queue.reviewCount))) review"
            + " = \(today.total) due (day ends \(LocalTime.shortFormat(today.day.end)))\n"
        let entries = entries(today)
        if entries.isEmpty {
            text += "Nothing due. Come back tomorrow, or try 'sysdrill quiz' or 'sysdrill calc'.\n"
            return text
        }
        let width = TerminalQuery.size(of: 1)?.columns ?? 100
        for entry in entries.prefix(maximumCards) {
            let id = CardID(rawValue: entry.id)
            let phase = (today.states[id] ?? .new).phase.rawValue
            let front = ControlCharacters.visible(today.cards[id]?.front ?? "")
            text += "  " + style.dim(String(entry.id.prefix(8))) + "  " + TextLayout.padRight(phase, to: 10) + " "
                + TextLayout.truncate(front, to: max(20, width - 24)) + "\n"
        }
        if entries.count > maximumCards { text += "  … and \(entries.count - maximumCards) more\n" }
        return text
    }
}
