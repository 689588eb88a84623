import Deck
import JSONText
import Scheduling
import Store
import Study
import Review
import Practice
import Progress
import Terminal

/// `sysdrill review`: today's session, interactive in a terminal, line mode otherwise.
enum ReviewCommand {
    static let spec = CommandSpec(
        name: "review",
        summary: "review today's due cards (interactive in a terminal, line mode otherwise)",
        usage: ["review [--section S] [--only NAME]... [--limit N] [--new N] [--scheduler sm2|fsrs] [--json]"],
        options: [
            OptionSpec("section", .value, valueName: "S", help: "only this part of the outline (3.4, or a word of a heading, label or term)"),
            DeckSelection.option,
            OptionSpec("limit", .value, valueName: "N", help: "at most N cards from today's queue this session"),
            OptionSpec("new", .value, valueName: "N", help: "up to N new cards in this session, even past today's limit"),
            OptionSpec("scheduler", .value, valueName: "NAME", values: .choices(SchedulerKind.allCases.map(\.rawValue)), help: "must be the active scheduler; switch with 'config set scheduler'"),
        ],
        discussion: """
        In a terminal: Space shows the answer, 1-4 grade it (again, hard, good, easy), u undoes,
        s skips until tomorrow, ! flags (again: unflags), @ suspends (out of every queue until
        'card ID --unsuspend'), e shows the card's source, ? helps, q ends. With
        'config set answer-scale quality', keys 0-5 are SM-2's grades instead.

        Line mode (stdin not a terminal): each card prints its front, a line '---' and its
        back, then one line is read: 0-5 (SM-2 quality), again|hard|good|easy, u, s, ! (flag,
        then answer), @ (suspend) or q. End of input ends the session normally. With --json
        every event is one JSON line.

        A number card (the built-in 'numbers' deck) is answered with a figure and its unit
        ('500 us'; empty: don't know), graded within 25% good and within 2x hard, and the grade
        proposed is taken with Space/Enter (an empty line in line mode) or overridden with a
        grade key. 'sysdrill decks disable numbers' turns the deck off.

        A card whose lapses reach 'leech-lapses' (default 8) is a leech: the answer that makes
        it one says so, with the card's file:line, so you can rewrite it.

        Every answer is saved before the next card appears: Ctrl-C, a closed terminal or a
        crash never loses an answer already given.
        """,
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        try run(invocation, context, queueJustBuilt: nil)
    }

    /// `queueJustBuilt`: today's queue with the default options, which bare `sysdrill` in a
    /// terminal built a moment ago to see whether anything is due. While it is current (the
    /// same instant, nothing written since) it is this session's queue, instead of a second
    /// plan of the same queue: after a break the first card waited for both.
    static func run(_ invocation: Invocation, _ context: AppContext, queueJustBuilt: TodayQueue?) throws -> Int32 {
        let limit = try invocation.integer("limit", in: 0...100_000)
        let newCards = try invocation.integer("new", in: 0...100_000)
        let schedulerName = try invocation.choice("scheduler", from: SchedulerKind.allCases.map(\.rawValue))
        let store = try context.syncedStore()
        let configuration = try context.configuration(store)
        let calendar = context.calendar(configuration)
        let decks = try DeckSelection.scope(invocation, store: store, allowDisabled: false)
        let filter = try context.sectionFilter(invocation, store: store, decks: decks)

        // A session used to show another scheduler's intervals while it stored the active
        // one's states (so the log still replayed): what it showed was not what it kept. The
        // scheduler is a setting; switching it replays the log once, and then is honest.
        if let schedulerName, schedulerName != configuration.scheduler.kind.rawValue {
            throw UsageError("review --scheduler \(schedulerName): the active scheduler is \(configuration.scheduler.kind.rawValue), "
                             + "and a session stores the active scheduler's states; switch with "
                             + "'sysdrill config set scheduler \(schedulerName)' (it replays your log once)")
        }
        let scheduler = configuration.makeScheduler()
        let clock = context.clock
        let now = clock.now
        let narrowed = filter != nil || newCards != nil || !decks.isEvery
        // The queue's order and counts only: the session reads each card as it shows it.
        let today: TodayQueue
        if !narrowed, let queueJustBuilt, try queueJustBuilt.isCurrent(at: now, store: store) {
            today = queueJustBuilt
        } else {
            today = try TodayQueue.build(store: store, configuration: configuration, calendar: calendar, now: now,
                                         options: .init(section: filter, newCards: newCards, decks: decks), loadingCards: false)
        }
        // The summary counts today's queue with the default options: this one can stand
        // for it when the session was not narrowed.
        let queueAtStart = narrowed ? nil : today
        let session = ReviewSession(store: store, scheduler: scheduler, today: today,
                                    clock: clock, identifiers: RandomIdentifiers(), limit: limit, leech: configuration.leech)
        if session.remaining == 0 {
            if context.json {
                let report = try SessionReport.make(summary: session.summary, store: store, configuration: configuration,
                                                    calendar: calendar, now: clock.now, queueAtStart: queueAtStart)
                context.print(JSONValue.object(report.json).serialized())
            } else {
                context.print(try nothingDueText(store: store, configuration: configuration, calendar: calendar, now: clock.now,
                                                 filtered: filter != nil || !decks.isEvery || limit == 0, decks: decks))
            }
            return ExitCode.ok
        }

        let interactive = TerminalQuery.isTerminal(0) && TerminalQuery.isTerminal(1) && !context.json
        var exitCode = ExitCode.ok
        // Each answer commits; the WAL's checkpoints run on another thread meanwhile.
        // Tests only: SYSDRILL_TEST_CHECKPOINT_PAGES=N asks for one every N pages, so the
        // kill -9 runs of the reliability tests land in the middle of them.
        let checkpointPages = context.environment["SYSDRILL_TEST_CHECKPOINT_PAGES"].flatMap { Int32($0) } ?? standardCheckpointPages
        let checkpoints = BackgroundCheckpoints.start(for: store, pages: checkpointPages)
        defer { checkpoints?.stop() }
        if interactive {
            let review = InteractiveReview(session: session, style: context.style, answerScale: configuration.answerScale, clock: clock,
                                           checker: NumberCardChecker.check)
            if try review.run().ending == .interrupted { exitCode = ExitCode.interrupted }
        } else {
            let lines = LineReview(session: session, channel: context.lineChannel(), checker: NumberCardChecker.check)
            _ = try lines.run()
        }
        checkpoints?.stop()  // the session wrote its last answer; the summary only reads
        let report = try SessionReport.make(summary: session.summary, store: store, configuration: configuration,
                                            calendar: calendar, now: clock.now, withNextDay: context.json,
                                            queueAtStart: queueAtStart)
        if context.json {
            context.print(JSONValue.object(report.json).serialized())
        } else {
            context.print(report.text(now: clock.now))
        }
        return exitCode
    }

    /// Why there is nothing to show, and when there will be.
    static func nothingDueText(store: StudyStore, configuration: StudyConfiguration, calendar: StudyCalendar,
                               now: Int64, filtered: Bool, decks: DeckScope = .every) throws -> String {
        if filtered {
            let everything = try TodayQueue.counts(store: store, configuration: configuration, calendar: calendar, now: now).total
            if everything > 0 {
                return "Nothing due in this selection; \(everything) card\(everything == 1 ? " is" : "s are") due today in all (plain 'sysdrill review')."
            }
        }
        // The next review of the decks asked for (`--only`), not of another deck.
        guard let next = try store.earliestDue(now: now, decks: decks) else { return "Nothing due now. No reviews scheduled yet." }
        if next <= now { return "Nothing due now (today's limits are reached; 'review --new N' adds new cards)." }
        return "Nothing due now. Next review due \(LocalTime.shortFormat(next)) (in \(IntervalText.format(from: now, to: next)))."
    }
}
