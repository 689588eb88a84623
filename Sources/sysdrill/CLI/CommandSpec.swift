/// How an option takes its value.
enum OptionArity: Sendable {
    /// `--json`
    case flag
    /// `--section 3.4` or `--section=3.4`
    case value
    /// `--serial 99.9% 99.95%`: every following token up to the next option.
    case values
}

/// What a value on the command line is, so that shell completion can offer candidates
/// (`sysdrill completions`). Help does not use it.
enum ValueKind: Sendable, Equatable {
    /// Free text: nothing to offer.
    case text
    /// A file or folder.
    case path
    /// A deck's name (asked of `sysdrill decks --names` when completing).
    case deck
    /// A deck's name or a Markdown file or folder (`decks lint PATH|NAME`).
    case deckOrPath
    /// A section number of the built-in outline (`3`, `3.4`).
    case section
    /// A setting's name (`config get NAME`).
    case setting
    /// A drill exercise of the built-in outline.
    case drill
    /// One of these words.
    case choices([String])
}

/// One `--option` a command accepts.
struct OptionSpec: Sendable {
    let name: String
    let arity: OptionArity
    let valueName: String
    let help: String
    let repeatable: Bool
    /// What the value is, for completion.
    let values: ValueKind

    /// `values` defaults from the option: a PATH, FILE or DIR value is a path; `--section`
    /// takes a section, `--only` a deck; a value name such as `365.2425d|30d` lists its
    /// choices; anything else is free text.
    init(_ name: String, _ arity: OptionArity = .flag, valueName: String = "VALUE", repeatable: Bool = false,
         values: ValueKind? = nil, help: String) {
        self.name = name
        self.arity = arity
        self.valueName = valueName
        self.help = help
        self.repeatable = repeatable
        self.values = values ?? Self.inferredValues(name: name, arity: arity, valueName: valueName)
    }

    private static func inferredValues(name: String, arity: OptionArity, valueName: String) -> ValueKind {
        if arity == .flag { return .text }
        if ["PATH", "FILE", "DIR"].contains(valueName) { return .path }
        if name == "section" { return .section }
        if name == "only" { return .deck }
        if valueName.contains("|") { return .choices(valueName.split(separator: "|").map(String.init)) }
        return .text
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
    /// What the first positional argument is, for completion.
    let argument: ValueKind
    let run: CommandAction?

    init(name: String, summary: String, usage: [String], options: [OptionSpec] = [],
         positionals: ClosedRange<Int> = 0...0, argument: ValueKind = .text, subcommands: [CommandSpec] = [],
         discussion: String = "", run: CommandAction?) {
        self.name = name
        self.summary = summary
        self.usage = usage
        self.options = options
        self.positionals = positionals
        self.argument = argument
        self.subcommands = subcommands
        self.discussion = discussion
        self.run = run
    }

    func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name }
    }
}
