import Deck
import JSONText
import Scheduling
import Store
import Study

/// `sysdrill check [--repair]`: is the database sound, and are the stored card states
/// exactly what replaying the review log gives? The log is the truth; `--repair`
/// rewrites states from it.
enum CheckCommand {
    static let spec = CommandSpec(
        name: "check",
        summary: "verify the database and that card states equal a replay of the review log",
        usage: ["check [--repair] [--json]"],
        options: [OptionSpec("repair", help: "rewrite card states from the review log (the log is the truth)")],
        discussion: "Exit status: 0 when everything is consistent (or was repaired), 1 when problems remain, 74 when the file is damaged.",
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let store = try context.store()
        let integrity = try store.integrityCheck()
        let foreignKeys = try store.foreignKeyProblems()
        let configuration = try context.configuration(store)
        let rebuilder = StateRebuilder(store: store, scheduler: configuration.scheduler.makeScheduler())
        let mismatches = try rebuilder.mismatches()
        var repaired = 0
        if invocation.flag("repair") && !mismatches.isEmpty {
            repaired = try rebuilder.rebuild()
        }
        let healthy = integrity == ["ok"] && foreignKeys.isEmpty
        let consistent = mismatches.isEmpty || repaired > 0
        if context.json {
            context.print(JSONValue.object([
                "integrity": JSONValue(integrity), "foreign_key_problems": JSONValue(foreignKeys),
                "reviews": JSONValue(try store.reviewCount()), "state_mismatches": JSONValue(mismatches.count),
                "repaired": JSONValue(repaired), "ok": .bool(healthy && consistent),
            ]).serialized(pretty: true))
        } else {
            var text = "integrity: " + (integrity == ["ok"] ? "ok" : integrity.prefix(10).joined(separator: "; ")) + "\n"
            if !foreignKeys.isEmpty { text += "foreign keys: \(foreignKeys.count) problem(s): " + foreignKeys.prefix(5).joined(separator: "; ") + "\n" }
            text += "review log: \(try store.reviewCount()) reviews; card states: "
            if mismatches.isEmpty {
                text += "all equal the replay (\(configuration.scheduler.kind.rawValue))\n"
            } else {
                text += "\(mismatches.count) differ from the replay (\(configuration.scheduler.kind.rawValue))"
                text += repaired > 0 ? ", repaired from the log\n" : "; run 'sysdrill check --repair' to rewrite them from the log\n"
                for mismatch in mismatches.prefix(5) where repaired == 0 {
                    text += "  \(mismatch.id): stored \(mismatch.stored.map { "\($0.phase.rawValue) due \($0.due)" } ?? "none"), replay \(mismatch.replayed.map { "\($0.phase.rawValue) due \($0.due)" } ?? "new")\n"
                }
            }
            context.stdout.write(text)
        }
        return healthy && consistent ? ExitCode.ok : ExitCode.failure
    }
}
