/// How an option takes its value.
enum OptionArity: Sendable {
    /// `--json`
    case flag
    /// `--section 3.4` or `--section=3.4`
    case value
    /// `--serial 99.9% 99.95%`: every following token up to the next option.
    case values
}

/// One `--option` a command accepts.
struct OptionSpec: Sendable {
    let name: String
    let arity: OptionArity
    let valueName: String
    let help: String
    let repeatable: Bool

    init(_ name: String, _ arity: OptionArity = .flag, valueName: String = "VALUE", repeatable: Bool = false, help: String) {
        self.name = name
        self.arity = arity
        self.valueName = valueName
        self.help = help
        self.repeatable = repeatable
    }
}

typealias CommandAction = @Sendable (Invocation, AppContext) throws -> Int32

/// A command (or subcommand) of the CLI: its options, its positional arguments and
/// what it runs. Parsing produces an `Invocation`; `run` does the work.
struct CommandSpec: Sendable {
    let name: String
    let summary: String
    /// Usage lines after `sysdrill `, e.g. `cards [--section TEXT] [--kind KIND]`.
    let usage: [String]
    let options: [OptionSpec]
    /// Names of positional arguments for help, and how many are allowed.
    let positionals: ClosedRange<Int>
    let subcommands: [CommandSpec]
    /// Extra help text: examples, notes.
    let discussion: String
    let run: CommandAction?

    init(name: String, summary: String, usage: [String], options: [OptionSpec] = [],
         positionals: ClosedRange<Int> = 0...0, subcommands: [CommandSpec] = [],
         discussion: String = "", run: CommandAction?) {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.options = options
        self.positionals = positionals
        self.subcommands = subcommands
        self.discussion = discussion
        self.run = run
    }

    func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name }
    }
}
