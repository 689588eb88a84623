import Deck
import JSONText
import Scheduling
import Store
import Study
import Review
import Practice
import Progress
import Timekeeping

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
        let store = try invocation.flag("repair") ? context.store() : context.readingStore(synced: false)
        let integrity = try store.integrityCheck()
        let foreignKeys = try store.foreignKeyProblems()
        let configuration = try context.configuration(store)
        let rebuilder = StateRebuilder(store: store, scheduler: configuration.makeScheduler())
        let mismatches = try rebuilder.mismatches()
        // Each card's first review, which today's new-card count reads (kept by triggers).
        let firstReviews = try store.firstReviewMismatches()
        // Each state's copy of its card's deck, order, kind and sources, which today's due
        // rows read (kept as cards and states are written).
        let copies = try store.stateCopyMismatches()
        // Whether each card has a state, which the new-card walk and the sync's copies read
        // (kept by triggers).
        let flags = try store.introducedMismatches()
        var repaired = 0
        if invocation.flag("repair") && !mismatches.isEmpty {
            repaired = try rebuilder.rebuild()
        }
        let firstReviewsRepaired = invocation.flag("repair") && firstReviews > 0
        if firstReviewsRepaired { try store.rebuildFirstReviews() }
        let copiesRepaired = invocation.flag("repair") && copies > 0
        if copiesRepaired { try store.copyCardsIntoStates() }
        let flagsRepaired = invocation.flag("repair") && flags > 0
        if flagsRepaired { try store.setIntroducedFromStates() }
        let healthy = integrity == ["ok"] && foreignKeys.isEmpty
        let consistent = (mismatches.isEmpty || repaired > 0) && (firstReviews == 0 || firstReviewsRepaired)
            && (copies == 0 || copiesRepaired) && (flags == 0 || flagsRepaired)
        if context.json {
            context.print(JSONValue.object([
                "integrity": JSONValue(integrity), "foreign_key_problems": JSONValue(foreignKeys),
                "reviews": JSONValue(try store.reviewCount()), "state_mismatches": JSONValue(mismatches.count),
                "repaired": JSONValue(repaired), "first_review_mismatches": JSONValue(firstReviews),
                "state_copy_mismatches": JSONValue(copies), "introduced_mismatches": JSONValue(flags),
                "ok": .bool(healthy && consistent),
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
                    text += "  \(mismatch.id): " + difference(stored: mismatch.stored, replayed: mismatch.replayed) + "\n"
                }
                if mismatches.count > 5 && repaired == 0 { text += "  … and \(mismatches.count - 5) more\n" }
            }
            if firstReviews > 0 {
                text += "first reviews: \(firstReviews) card\(firstReviews == 1 ? "" : "s") differ from the log"
                text += firstReviewsRepaired ? ", rebuilt from the log\n" : "; run 'sysdrill check --repair' to rebuild them\n"
            }
            if copies > 0 {
                text += "card copies: \(copies) card state\(copies == 1 ? "" : "s") hold\(copies == 1 ? "s" : "") an old copy of \(copies == 1 ? "its card" : "their cards")"
                text += copiesRepaired ? ", copied again\n" : "; run 'sysdrill check --repair' to copy them again\n"
            }
            if flags > 0 {
                text += "new-card flags: \(flags) card\(flags == 1 ? "" : "s") wrongly marked as new or as answered"
                text += flagsRepaired ? ", set from the states\n" : "; run 'sysdrill check --repair' to set them from the states\n"
            }
            context.stdout.write(text)
        }
        return healthy && consistent ? ExitCode.ok : ExitCode.failure
    }

    /// The fields where a stored state and the log's replay disagree, readably.
    static func difference(stored: CardState?, replayed: CardState?) -> String {
        guard let stored else { return "no stored state, the log says \(replayed?.phase.rawValue ?? "new")" }
        guard let replayed else { return "a stored state (\(stored.phase.rawValue)) but no reviews in the log" }
        var parts: [String] = []
        func compare(_ name: String, _ a: String, _ b: String) {
            if a != b { parts.append("\(name) \(a) (log: \(b))") }
        }
        compare("phase", stored.phase.rawValue, replayed.phase.rawValue)
        compare("due", ISO8601.format(stored.due), ISO8601.format(replayed.due))
        compare("reviews", String(stored.reps), String(replayed.reps))
        compare("lapses", String(stored.lapses), String(replayed.lapses))
        compare("interval", "\(stored.intervalDays)d", "\(replayed.intervalDays)d")
        if stored.sm2 != replayed.sm2 {
            compare("SM-2", stored.sm2.map { "n=\($0.n) EF=\($0.ef)" } ?? "none", replayed.sm2.map { "n=\($0.n) EF=\($0.ef)" } ?? "none")
        }
        if stored.fsrs != replayed.fsrs {
            compare("FSRS", stored.fsrs.map { "S=\($0.stability) D=\($0.difficulty)" } ?? "none",
                    replayed.fsrs.map { "S=\($0.stability) D=\($0.difficulty)" } ?? "none")
        }
        return "stored " + (parts.isEmpty ? "state differs" : parts.joined(separator: ", "))
    }
}
