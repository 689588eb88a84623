import Terminal

/// Renders `--help` for the root or any command from its spec.
enum HelpFormatter {
    static func help(for command: CommandSpec, path: [String]) -> String {
        var text = ""
        let fullName = (["sysdrill"] + path).joined(separator: " ")
        text += "\(fullName) — \(command.summary)\n\nUsage:\n"
        for line in command.usage { text += "  sysdrill \(line)\n" }
        if !command.subcommands.isEmpty {
            text += "\n\(path.isEmpty ? "Commands" : "Subcommands"):\n"
            let width = command.subcommands.map(\.name.count).max() ?? 0
            for sub in command.subcommands {
                text += "  \(TextLayout.padRight(sub.name, to: width + 2))\(sub.summary)\n"
            }
        }
        if !command.options.isEmpty {
            text += "\nOptions:\n" + optionLines(command.options)
        }
        if path.isEmpty {
            text += "\nGlobal options:\n" + optionLines(GlobalOptions.specs)
        } else {
            // The same seven options on every command: named on one line, explained once in 'sysdrill --help'.
            let names = GlobalOptions.specs.map { $0.arity == .flag ? "--\($0.name)" : "--\($0.name) \($0.valueName)" }
            text += "\nGlobal options: " + names.joined(separator: ", ") + " (see 'sysdrill --help')\n"
        }
        if !command.discussion.isEmpty { text += "\n" + command.discussion + "\n" }
        if !command.subcommands.isEmpty {
            text += "\nRun '\(fullName) \(path.isEmpty ? "COMMAND" : "SUBCOMMAND") --help' for details.\n"
        }
        return text
    }

    /// `--section S`, `--serial PERCENT...`, `--json`: how help and the man page name an option.
    static func label(of option: OptionSpec) -> String {
        switch option.arity {
        case .flag: return "--\(option.name)"
        case .value: return "--\(option.name) \(option.valueName)"
        case .values: return "--\(option.name) \(option.valueName)..."
        }
    }

    private static func optionLines(_ options: [OptionSpec]) -> String {
        let labels = options.map(label(of:))
        let width = min(26, labels.map(\.count).max() ?? 0)
        var text = ""
        for (label, option) in zip(labels, options) {
            if label.count > width {
                text += "  \(label)\n  \(String(repeating: " ", count: width + 2))\(option.help)\n"
            } else {
                text += "  \(TextLayout.padRight(label, to: width + 2))\(option.help)\n"
            }
        }
        return text
    }
}
