/// Turns `CommandLine.arguments` into an `Invocation` against the command table.
/// Global options may appear anywhere; `--` ends options; `--name=value` and
/// `--name value` are both accepted; a token such as `-5` or `-0.5` is a value, not an
/// option, so calculator expressions can start with a minus sign.
struct ArgumentParser {
    let root: CommandSpec

    func parse(_ arguments: [String]) throws -> (Invocation, CommandSpec) {
        var command = root
        var path: [String] = []
        var positionals: [String] = []
        var options: [String: [String]] = [:]
        var index = 0
        var optionsEnded = false

        func knownOptions() -> [OptionSpec] { GlobalOptions.specs + command.options }
        func name() -> String { path.isEmpty ? "sysdrill" : "sysdrill " + path.joined(separator: " ") }

        while index < arguments.count {
            let token = arguments[index]
            index += 1
            if !optionsEnded && token == "--" {
                optionsEnded = true
                continue
            }
            if !optionsEnded && Self.isOption(token) {
                var optionName: String
                var inlineValue: String?
                if token == "-h" {
                    optionName = "help"
                } else if token == "-V" {
                    optionName = "version"
                } else if token.hasPrefix("--") {
                    optionName = String(token.dropFirst(2))
                    if let equals = optionName.firstIndex(of: "=") {
                        inlineValue = String(optionName[optionName.index(after: equals)...])
                        optionName = String(optionName[..<equals])
                    }
                } else {
                    throw UsageError("unknown option '\(token)' (options are spelled with two dashes, e.g. --help)", command: name())
                }
                guard let spec = knownOptions().first(where: { $0.name == optionName }) else {
                    // An option of a subcommand given without it (`calc storag --items`).
                    if let owner = command.subcommands.first(where: { $0.options.contains { $0.name == optionName } }) {
                        var message = "'--\(optionName)' is an option of '\(name()) \(owner.name)'"
                        if let word = positionals.first {
                            message += "; '\(word)' is not a subcommand" + Suggestion.didYouMean(word, in: command.subcommands.map(\.name))
                        }
                        throw UsageError(message, command: name() + " " + owner.name)
                    }
                    throw UsageError("unknown option '--\(optionName)' for '\(name())'"
                        + Suggestion.didYouMean(optionName, in: knownOptions().map(\.name), prefix: "--"), command: name())
                }
                if options[spec.name] != nil && !spec.repeatable && spec.arity != .flag {
                    throw UsageError("--\(spec.name) given twice", command: name())
                }
                switch spec.arity {
                case .flag:
                    if inlineValue != nil { throw UsageError("--\(spec.name) takes no value", command: name()) }
                    options[spec.name, default: []].append("")
                case .value:
                    if let inlineValue {
                        options[spec.name, default: []].append(inlineValue)
                    } else {
                        guard index < arguments.count, !Self.isOption(arguments[index]) else {
                            throw UsageError("--\(spec.name) needs a value (\(spec.valueName))", command: name())
                        }
                        options[spec.name, default: []].append(arguments[index])
                        index += 1
                    }
                case .values:
                    var values: [String] = inlineValue.map { [$0] } ?? []
                    while index < arguments.count, !Self.isOption(arguments[index]), arguments[index] != "--" {
                        values.append(arguments[index])
                        index += 1
                    }
                    guard !values.isEmpty else {
                        throw UsageError("--\(spec.name) needs at least one value (\(spec.valueName))", command: name())
                    }
                    options[spec.name, default: []].append(contentsOf: values)
                }
                continue
            }
            // A word: a subcommand while we are still choosing one, else a positional.
            if positionals.isEmpty, !command.subcommands.isEmpty {
                if let sub = command.subcommand(named: token) {
                    command = sub
                    path.append(token)
                    continue
                }
                if command.run == nil || command.positionals.upperBound == 0 {
                    let candidates = command.subcommands.map(\.name)
                    let what = path.isEmpty ? "command" : "subcommand of '\(name())'"
                    throw UsageError("unknown \(what) '\(token)'" + Suggestion.didYouMean(token, in: candidates), command: name())
                }
            }
            positionals.append(token)
        }

        let invocation = Invocation(path: path, positionals: positionals, options: options)
        if invocation.flag("help") || invocation.flag("version") { return (invocation, command) }
        if command.run == nil {
            throw UsageError("'\(name())' needs a subcommand: \(command.subcommands.map(\.name).joined(separator: ", "))", command: name())
        }
        if !command.positionals.contains(positionals.count) {
            if positionals.count > command.positionals.upperBound {
                let extra = positionals[command.positionals.upperBound]
                throw UsageError("unexpected argument '\(extra)' for '\(name())'", command: name())
            }
            throw UsageError("'\(name())' needs \(command.positionals.lowerBound == command.positionals.upperBound ? "" : "at least ")\(command.positionals.lowerBound) argument(s); usage: sysdrill \(command.usage.first ?? command.name)", command: name())
        }
        return (invocation, command)
    }

    /// `--x`, `-h`, `-V` and other dash-letter words are options; `-` alone (stdin) and
    /// anything else starting with a dash is a value, so expressions such as `-5`,
    /// `-$5`, `-(5 s)` and a separate `->` reach the calculator.
    static func isOption(_ token: String) -> Bool {
        guard token.hasPrefix("-"), token.count > 1 else { return false }
        let second = token[token.index(after: token.startIndex)]
        return second.isLetter || second == "-"
    }
}
