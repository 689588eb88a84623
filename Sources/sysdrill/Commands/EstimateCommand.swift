import JSONText
import Study
import Review
import Practice
import Progress
import Terminal

/// `sysdrill estimate`: generated back-of-envelope questions graded with the calculator.
enum EstimateCommand {
    static let spec = CommandSpec(
        name: "estimate",
        summary: "estimation drill: generated capacity questions graded with the calculator",
        usage: ["estimate [--count N] [--seed N] [--json]"],
        options: [
            OptionSpec("count", .value, valueName: "N", help: "number of questions, 1-500 (default 5)"),
            OptionSpec("seed", .value, valueName: "N", help: "repeat a drill exactly (the seed is printed after each drill)"),
        ],
        discussion: """
        Questions cover requests per second, peaks, storage, bandwidth, availability and
        downtime, servers needed, and latency numbers. Answer with a number and a unit in the
        calculator's language (35 PB, 3.5e16 bytes, 1200 req/s, 4.4 h); a bare number is read
        in the unit of the worked answer. Within 25% (a factor of 1.25 either way) is good,
        within a factor of 2 passes; the calculator's steps are shown after each answer.
        An empty answer means "don't know": it counts as a miss and shows the steps.

        A kind missed on an earlier day (its latest answer outside 2x) comes back first in
        the next estimate without --seed, with new numbers, until it is answered within 2x.
        'sysdrill stats' shows the accuracy per kind.

        Line mode (stdin not a terminal): one answer per line, q to stop. With --json every
        event is one JSON line; see docs/practice.md.
        """,
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let count = try invocation.integer("count", in: 1...500) ?? 5
        let givenSeed = try QuizCommand.seedOption(invocation)
        let seed = givenSeed ?? PracticeRandom.freshSeed()
        let store = try context.store()
        // Kinds missed on an earlier day come first, with new numbers; a --seed run is the
        // plain draw, so it repeats exactly.
        var spaced: [EstimateKind] = []
        if givenSeed == nil {
            let today = context.calendar(try context.configuration(store)).day(containing: context.now)
            spaced = EstimateSpacing.dueKinds(try store.quizResults(), before: today.start)
            if !spaced.isEmpty {
                context.note("missed on an earlier day, asked first: " + spaced.prefix(count).map(\.rawValue).joined(separator: ", "))
            }
        }
        let questions = try EstimateGenerator().questions(count: count, seed: seed, first: spaced)
        let session = EstimateSession(questions: questions, seed: seed, store: store, clock: context.clock,
                                      identifiers: RandomIdentifiers())
        let interactive = TerminalQuery.isTerminal(0) && TerminalQuery.isTerminal(1) && !context.json
        var exitCode = ExitCode.ok
        if interactive {
            if try EstimateInteractive(session: session, style: context.style).run() == .interrupted {
                exitCode = ExitCode.interrupted
            }
        } else {
            try LineEstimate(session: session, channel: context.lineChannel()).run()
        }
        if context.json {
            context.print(JSONValue.object(EstimateReport.summaryEvent(session)).serialized())
        } else {
            context.stdout.write(EstimateReport.summaryText(session))
            context.note("repeat this drill with --seed \(seed)" + (spaced.isEmpty ? "" : " (without the kinds brought back)"))
        }
        return exitCode
    }
}
