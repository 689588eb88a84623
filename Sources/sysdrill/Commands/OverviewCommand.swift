import Study
import Review
import Practice
import Progress
import Terminal

/// Bare `sysdrill`: the morning ritual. Starts the review when cards are due and stdin is
/// a terminal; otherwise prints today's overview (what `due` shows).
enum OverviewCommand {
    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let store = try context.syncedStore()
        let configuration = try context.configuration(store)
        // Before a review, the queue's counts are enough (the session reads its cards as
        // it shows them); the overview's text reads only the first cards' fronts.
        if TerminalQuery.isTerminal(0) && TerminalQuery.isTerminal(1) && !context.json {
            let today = try TodayQueue.build(store: store, configuration: configuration, calendar: context.calendar(configuration),
                                             now: context.now, loadingCards: false)
            if today.total > 0 { return try ReviewCommand.run(invocation, context, queueJustBuilt: today) }
        }
        if context.json {
            return try DueCommand.run(invocation, context)
        }
        // Its first five cards are looked up by ID (see `DueCommand.run`).
        let today = try TodayQueue.build(store: store, configuration: configuration, calendar: context.calendar(configuration),
                                         now: context.now, loadingCards: false)
        var text = try DueCommand.text(DueListing(store: store, today: today), style: context.style, maximumCards: 5)
        text += today.total > 0 ? "Run 'sysdrill review' to start (in a terminal, plain 'sysdrill' starts it).\n"
                                : ""
        text += "More: sysdrill --help · sysdrill calc --help · sysdrill stats\n"
        context.stdout.write(text)
        return ExitCode.ok
    }
}
