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
        // One snapshot: the cards are read in batches after the queue is planned. Only the
        // JSON lists every card, so only it keeps where each was read (the text's ten are
        // looked up by ID; keeping 30,000 rows for them after a break was a tenth of `due`).
        try store.readSnapshot {
            let today = try TodayQueue.build(store: store, configuration: configuration, calendar: context.calendar(configuration),
                                             now: context.now, options: .init(section: section, decks: decks), loadingCards: false,
                                             forListing: context.json)
            let listing = DueListing(store: store, today: today)
            let drills = DrillSchedule.due(try DrillExercises.schedule(store: store), at: context.now)
            if context.json {
                try writeJSON(listing, drills: drills, to: context.stdout)
            } else {
                context.stdout.write(try text(listing, style: context.style) + drillsText(drills, style: context.style))
            }
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

    /// The same bytes as the whole object pretty-printed, written as the cards are read:
    /// the members before "cards", each card on its own indented lines, then the drills.
    static func writeJSON(_ listing: DueListing, drills: [DrillSchedule.Entry], to stream: StreamWriter) throws {
        let today = listing.today
        let counts: JSONObject = ["new": JSONValue(today.queue.newCount), "learning": JSONValue(today.queue.learningCount),
                                  "review": JSONValue(today.queue.reviewCount)]
        var output = ChunkedOutput(stream)
        output.append("{\n  \"now\": ")
        output.append(json: .string(ISO8601.format(today.now)), indent: 1)
        output.append(",\n  \"day_ends\": ")
        output.append(json: .string(ISO8601.format(today.day.end)), indent: 1)
        output.append(",\n  \"counts\": ")
        output.append(json: .object(counts), indent: 1)
        output.append(",\n  \"total\": ")
        output.append(json: JSONValue(today.total), indent: 1)
        output.append(",\n  \"cards\": ")
        var written = 0
        // Each card's object written as the pretty printer lays it out, without building it:
        // after a break there are 30,000, and building each one took a sixth of the command.
        try listing.forEach { entry in
            output.append(written == 0 ? "[\n    {\n      \"id\": " : ",\n    {\n      \"id\": ")
            output.append(jsonString: entry.id)
            output.append(",\n      \"front\": ")
            output.append(jsonString: entry.front)
            output.append(",\n      \"due\": ")
            if let due = entry.due { output.append(jsonString: ISO8601.format(due)) } else { output.append("null") }
            output.append(",\n      \"state\": ")
            output.append(jsonString: entry.phase.rawValue)
            output.append("\n    }")
            written += 1
        }
        output.append(written == 0 ? "[]" : "\n  ]")
        output.append(",\n  \"drills_due\": ")
        output.append(json: .array(drills.map { .object(drillJSON($0)) }), indent: 1)
        output.append("\n}\n")
        output.flush()
    }

    static func text(_ listing: DueListing, style: Style, maximumCards: Int = 10) throws -> String {
        let today = listing.today, queue = today.queue
        var text = style.bold("Today") + ": \(style.blue(String(queue.newCount))) new · "
            + "\(style.red(String(queue.learningCount))) learning · \(style.green(String(queue.reviewCount))) review"
            + " = \(today.total) due (day ends \(LocalTime.shortFormat(today.day.end)))\n"
        if listing.count == 0 {
            text += "Nothing due. Come back tomorrow, or try 'sysdrill quiz' or 'sysdrill calc'.\n"
            return text
        }
        let width = TerminalQuery.size(of: 1)?.columns ?? 100
        try listing.forEach(limit: maximumCards) { entry in
            let front = ControlCharacters.visible(entry.front)
            text += "  " + style.dim(String(entry.id.prefix(8))) + "  " + TextLayout.padRight(entry.phase.rawValue, to: 10) + " "
                + TextLayout.truncate(front, to: max(20, width - 24)) + "\n"
        }
        if listing.count > maximumCards { text += "  … and \(listing.count - maximumCards) more\n" }
        return text
    }
}
