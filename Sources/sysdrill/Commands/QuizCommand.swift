import Deck
import JSONText
import Store
import Study
import Review
import Practice
import Progress
import Terminal

/// `sysdrill quiz`: multiple choice, typed answers and cloze deletions, interactive in a
/// terminal and line mode otherwise.
enum QuizCommand {
    static let spec = CommandSpec(
        name: "quiz",
        summary: "test yourself: multiple choice, typed terms, cloze (interactive or line mode)",
        usage: ["quiz [--mode choice|typed|cloze|mixed] [--section S] [--only NAME]... [--count N] [--seed N] [--review-missed] [--json]"],
        options: [
            OptionSpec("mode", .value, valueName: "MODE", values: .choices(QuizMode.allCases.map(\.rawValue)), help: "choice, typed, cloze or mixed (default mixed)"),
            OptionSpec("section", .value, valueName: "S", help: "only this part of the outline (3.4, or a word of a heading, label or term)"),
            DeckSelection.option,
            OptionSpec("count", .value, valueName: "N", help: "number of questions, 1-500 (default 10)"),
            OptionSpec("seed", .value, valueName: "N", help: "repeat a quiz exactly (the seed is printed after each quiz)"),
            OptionSpec("review-missed", help: "send each missed card back to today's review, due now"),
        ],
        discussion: """
        choice: a card's front with four options; answer 1-4 or a-d.
        typed:  a definition; type its term (case, dashes, quotes, a final full stop and a
                parenthetical do not matter; small typos in longer terms are forgiven;
                acronyms must be exact; a sibling's term never counts).
        cloze:  one item of an enumeration hidden, the item before it shown.

        Line mode (stdin not a terminal): each question is printed, then one line is read:
        1-4 or a-d for a choice, the answer for typed and cloze questions, q to stop. With
        --json every event (question, result, summary) is one JSON line. Every answer is
        saved as it is given; see docs/practice.md.
        """,
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let mode = try invocation.choice("mode", from: QuizMode.allCases.map(\.rawValue)).flatMap(QuizMode.init(rawValue:)) ?? .mixed
        let count = try invocation.integer("count", in: 1...500) ?? 10
        let seed = try seedOption(invocation) ?? PracticeRandom.freshSeed()
        let store = try context.syncedStore()
        let decks = try DeckSelection.scope(invocation, store: store, allowDisabled: false)
        let filter = try context.sectionFilter(invocation, store: store, decks: decks)
        // Cards of a disabled deck are in no quiz.
        let disabled = try store.disabledDecks()
        // A quiz asks about the written cards (`QuizBuilder`): the reverses and comparisons
        // made from them are left out. The catalog keeps what picking questions and options
        // needs; the cards asked about and offered are read again whole, by ID, in the same
        // snapshot.
        var readError: Error?
        let questions = try store.readSnapshot {
            var catalog = QuizCatalog { _, id in
                do {
                    return try store.card(id: id)?.card
                } catch {
                    readError = readError ?? error
                    return nil
                }
            }
            try store.withPageCacheForOnePass {
                try store.forEachCard(decks: decks) { stored in
                    guard !stored.card.kind.isDerived && !disabled.contains(stored.card.deck) else { return }
                    catalog.add(stored.card)
                }
            }
            return QuizBuilder(catalog: catalog, filter: filter).build(mode: mode, count: count, seed: seed)
        }
        if let readError { throw readError }
        let clock = context.clock
        let session = QuizSession(questions: questions, mode: mode, seed: seed, store: store, clock: clock,
                                  identifiers: RandomIdentifiers(), reviewMissed: invocation.flag("review-missed"))
        if questions.isEmpty {
            context.note("no \(mode == .mixed ? "" : mode.rawValue + " ")questions can be made from "
                         + (filter.map { "--section '\($0.text)'" } ?? "these cards") + "; try another --mode or --section")
        } else if questions.count < count {
            context.note("only \(questions.count) question\(questions.count == 1 ? "" : "s") can be made from "
                         + (filter.map { "--section '\($0.text)'" } ?? "these cards"))
        }

        let interactive = TerminalQuery.isTerminal(0) && TerminalQuery.isTerminal(1) && !context.json
        var exitCode = ExitCode.ok
        if interactive && !questions.isEmpty {
            let ending = try QuizInteractive(session: session, style: context.style).run()
            if ending == .interrupted { exitCode = ExitCode.interrupted }
        } else {
            let lines = LineQuiz(session: session, channel: context.lineChannel())
            try lines.run()
        }
        if context.json {
            context.print(JSONValue.object(QuizReport.summaryEvent(session)).serialized())
        } else {
            context.stdout.write(QuizReport.summaryText(session.summary, seed: seed))
            context.note("repeat this quiz with --seed \(seed)")
        }
        return exitCode
    }

    /// `--seed N`: any whole number from 0 to 2^63-1.
    static func seedOption(_ invocation: Invocation) throws -> UInt64? {
        try invocation.integer("seed", in: 0...Int.max).map { UInt64($0) }
    }
}
