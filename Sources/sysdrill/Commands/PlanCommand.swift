import JSONText
import Progress
import Scheduling
import Store
import Study
import Terminal
import Timekeeping

/// `sysdrill plan --by DATE [--json]`: the new cards a day it takes to be ready by a date.
enum PlanCommand {
    static let spec = CommandSpec(
        name: "plan",
        summary: "new cards a day to see every card twice before a date (an interview)",
        usage: ["plan --by DATE [--json]"],
        options: [OptionSpec("by", .value, valueName: "DATE", help: "the date to be ready by, YYYY-MM-DD")],
        discussion: """
        Every active card should be seen at least twice before the date: first on one study
        day, again on a later one. The plan divides the new cards over the days left
        (a card first seen the day before the date has no day left for its second review).
        In a terminal it offers to set new-per-day and target-date; elsewhere it prints the
        commands. While target-date is set, no interval reaches past it: every studied card
        gets a review in the last week before the date ('sysdrill stats' shows the predicted
        recall on it). From that week on the cap no longer applies.
        JSON: {"by", "days_left", "new_cards", "studied_cards", "new_per_day_needed" (null
        when it cannot be done), "new_per_day", "target_date", "commands"}.
        """,
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        guard let text = invocation.value("by") else {
            throw UsageError("plan needs --by DATE (YYYY-MM-DD), the date to be ready by", command: "sysdrill plan")
        }
        guard let date = ConfigKey.parseDate(text) else {
            throw UsageError("--by must be a date such as 2027-02-01, got '\(text)'", command: "sysdrill plan")
        }
        let store = try context.syncedStore()
        let configuration = try context.configuration(store)
        let today = context.calendar(configuration).day(containing: context.now).number
        guard date.daysSinceEpoch > today else {
            throw UsageError("--by \(date) is not after today (\(CivilDate(daysSinceEpoch: today)))", command: "sysdrill plan")
        }
        let counts = try TargetDatePlan.cardCounts(store: store)
        let plan = TargetDatePlan.make(date: date, today: today, newCards: counts.new, studiedCards: counts.studied)
        let commands = plan.newPerDayNeeded.map { needed in
            (needed > configuration.limits.newPerDay ? ["sysdrill config set new-per-day \(needed)"] : [])
                + ["sysdrill config set target-date \(date)"]
        } ?? []

        if context.json {
            context.print(JSONValue.object([
                "by": .string(date.description), "days_left": JSONValue(plan.daysLeft), "new_cards": JSONValue(plan.newCards),
                "studied_cards": JSONValue(plan.studiedCards), "new_per_day_needed": plan.newPerDayNeeded.map { JSONValue($0) } ?? .null,
                "new_per_day": JSONValue(configuration.limits.newPerDay),
                "target_date": JSONValue(configuration.targetDate?.description), "commands": JSONValue(commands),
            ]).serialized(pretty: true))
            return ExitCode.ok
        }
        var lines = "\(plan.daysLeft) study days until \(date): \(plan.newCards) new and \(plan.studiedCards) studied cards\n"
        guard let needed = plan.newPerDayNeeded else {
            context.stdout.write(lines + "too late to see every new card twice before \(date); review what you have\n")
            return ExitCode.ok
        }
        lines += needed == 0
            ? "every card has been seen; keep up with the reviews\n"
            : "to see every card at least twice by then: \(needed) new cards a day (new-per-day is \(configuration.limits.newPerDay))\n"
        context.stdout.write(lines)
        if TerminalQuery.isTerminal(0) && TerminalQuery.isTerminal(1) {
            context.stdout.write("set " + (needed > configuration.limits.newPerDay ? "new-per-day to \(needed) and " : "")
                                 + "target-date to \(date)? [y/N] ")
            let answer = (try? LineReader(fileDescriptor: 0).nextLine()) ?? nil
            if let answer, ["y", "yes"].contains(answer.trimmingCharacters(in: " ").lowercased()) {
                let recomputed = try apply(date: date, newPerDay: max(needed, configuration.limits.newPerDay), store: store)
                context.print("saved; \(recomputed) card state\(recomputed == 1 ? "" : "s") recomputed from the review log")
            }
        } else {
            context.stdout.write("to use it:\n" + commands.map { "  " + $0 + "\n" }.joined())
        }
        return ExitCode.ok
    }

    /// Both settings in one transaction, states replayed with the capped scheduler.
    static func apply(date: CivilDate, newPerDay: Int, store: StudyStore) throws -> Int {
        try store.connection.transaction {
            let old = try StudyConfiguration.load(from: store)
            var new = old
            try ConfigKey.newPerDay.apply(String(newPerDay), to: &new)
            try ConfigKey.targetDate.apply(date.description, to: &new)
            for key in [ConfigKey.newPerDay, .targetDate] { try store.setSetting(key.rawValue, key.value(in: new)) }
            guard new.scheduler != old.scheduler else { return 0 }
            return try StateRebuilder(store: store, scheduler: new.makeScheduler()).rebuild()
        }
    }
}
