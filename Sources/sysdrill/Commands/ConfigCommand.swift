import JSONText
import Store
import Study
import Review
import Practice
import Progress
import Terminal

/// `sysdrill config list|get|set`.
enum ConfigCommand {
    static let spec = CommandSpec(
        name: "config",
        summary: "show or change settings (scheduler, daily limits, FSRS parameters, rollover hour)",
        usage: ["config list [--json]", "config get NAME", "config set NAME VALUE"],
        subcommands: [
            CommandSpec(name: "list", summary: "every setting with its value", usage: ["config list [--json]"], run: list),
            CommandSpec(name: "get", summary: "one setting's value", usage: ["config get NAME"], positionals: 1...1,
                        argument: .setting, run: get),
            CommandSpec(name: "set", summary: "change a setting", usage: ["config set NAME VALUE"], positionals: 2...64,
                        argument: .setting,
                        discussion: settingsHelp, run: set),
        ],
        discussion: settingsHelp,
        run: nil
    )

    /// Every setting with its values, for `config --help` and `config set --help`.
    static let settingsHelp = "Settings:\n"
        + ConfigKey.allCases.map { "  " + TextLayout.padRight($0.rawValue, to: 19) + $0.help }.joined(separator: "\n")
        + "\n\nChanging the scheduler or its parameters recomputes every card's state by replaying\nthe review log; nothing is lost, and switching back restores the earlier states exactly."
        + "\nA leech (lapses >= leech-lapses) is worked out from the card's state, so it follows too;\n"
        + "suspended and flagged cards are not part of the state and stay as they are."

    static func key(_ name: String, command: String) throws -> ConfigKey {
        guard let key = ConfigKey(rawValue: name) else {
            throw UsageError("unknown setting '\(name)'" + Suggestion.didYouMean(name, in: ConfigKey.allCases.map(\.rawValue))
                             + " (see 'sysdrill config list')", command: command)
        }
        return key
    }

    static func list(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let configuration = try context.configuration(try context.store())
        if context.json {
            var object = JSONObject()
            for key in ConfigKey.allCases { object.set(key.rawValue, .string(key.value(in: configuration))) }
            context.print(JSONValue.object(object).serialized(pretty: true))
        } else {
            var text = ""
            for key in ConfigKey.allCases {
                text += TextLayout.padRight(key.rawValue, to: 19) + key.value(in: configuration) + "\n"
            }
            context.stdout.write(text)
        }
        return ExitCode.ok
    }

    static func get(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let key = try key(invocation.positionals[0], command: "sysdrill config get")
        let configuration = try context.configuration(try context.store())
        context.print(context.json ? JSONValue.string(key.value(in: configuration)).serialized() : key.value(in: configuration))
        return ExitCode.ok
    }

    static func set(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let key = try key(invocation.positionals[0], command: "sysdrill config set")
        let value = invocation.positionals.dropFirst().joined(separator: " ")
        let store = try context.store()
        let old = try context.configuration(store)
        var new = old
        do {
            try key.apply(value, to: &new)
        } catch {
            throw UsageError(error.message, command: "sysdrill config set")
        }
        var recomputed = 0
        try store.connection.transaction {
            try store.setSetting(key.rawValue, key.value(in: new))
            // Any change to what schedules: the scheduler's settings (a target date, which the
            // rollover hour moves too) or the rollover hour, which moves due dates near a DST
            // switch (`DueCalendar`; in a zone without DST it changes no state).
            if !new.schedulesLike(old) {
                // The log is the truth: states follow from replaying it with the new settings.
                recomputed = try StateRebuilder(store: store, scheduler: new.makeScheduler()).rebuild()
            }
        }
        let before = key.value(in: old), after = key.value(in: new)
        if context.json {
            context.print(JSONValue.object(["setting": .string(key.rawValue), "value": .string(after), "previous": .string(before),
                                            "states_recomputed": JSONValue(recomputed)]).serialized(pretty: true))
        } else {
            var line = "\(key.rawValue) = \(after)" + (before == after ? " (unchanged)" : " (was \(before))")
            if (key.affectsStates && before != after) || recomputed > 0 { line += "; \(recomputed) card state\(recomputed == 1 ? "" : "s") recomputed from the review log" }
            context.print(line)
        }
        return ExitCode.ok
    }
}
