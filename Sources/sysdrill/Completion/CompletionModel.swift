import BundledContent
import Deck
import Practice
import Study

/// What the completion scripts offer, gathered from the command table (the specs that
/// `--help` and the man page are made from) and from the built-in outline, so that a new
/// command, option or section reaches every shell without a list kept by hand.
struct CompletionModel {
    /// A word to offer and what it means (shown by zsh and fish).
    struct Candidate: Equatable {
        let word: String
        let description: String
    }

    /// A command or subcommand: `path` is empty for `sysdrill` itself, `["decks", "add"]`
    /// for `sysdrill decks add`.
    struct Node {
        let path: [String]
        let command: CommandSpec

        var key: String { path.joined(separator: " ") }
        var subcommands: [Candidate] { command.subcommands.map { Candidate(word: $0.name, description: $0.summary) } }
    }

    /// Every command, the root first, then depth first in table order.
    let nodes: [Node]
    /// The options every command takes (`--db`, `--json`, ...).
    let globalOptions: [OptionSpec]
    let settings: [Candidate]
    let sections: [Candidate]
    let drills: [Candidate]

    /// The word `sysdrill help` takes before a command (`sysdrill help decks add`).
    static let helpWord = Candidate(word: "help", description: "show the help of a command (the same as --help)")

    init(root: CommandSpec, globalOptions: [OptionSpec], settings: [Candidate], sections: [Candidate], drills: [Candidate]) {
        var nodes: [Node] = []
        func walk(_ command: CommandSpec, _ path: [String]) {
            nodes.append(Node(path: path, command: command))
            for sub in command.subcommands { walk(sub, path + [sub.name]) }
        }
        walk(root, [])
        self.nodes = nodes
        self.globalOptions = globalOptions
        self.settings = settings
        self.sections = sections
        self.drills = drills
    }

    /// The model of this build: its command table, its settings, the sections and drills
    /// of its built-in decks.
    static func current() throws -> CompletionModel {
        let cards = try BundledContent.files.flatMap { file in
            try OutlineParser(deck: FileSystem.deckName(for: file.name), file: "Content/" + file.name).parse(file.bytes)
        }
        return CompletionModel(
            root: CommandTable.root,
            globalOptions: GlobalOptions.specs,
            settings: ConfigKey.allCases.map { Candidate(word: $0.rawValue, description: $0.help) },
            sections: sections(of: cards),
            drills: DrillCatalog.exercises(from: cards).map { Candidate(word: drillWord(for: $0.name), description: $0.name) }
        )
    }

    /// The numbered headings (`3`, `3.4`) in the order the outline has them, each once.
    static func sections(of cards: [Card]) -> [Candidate] {
        var seen: Set<String> = []
        var result: [Candidate] = []
        for card in cards {
            for heading in card.section {
                let split = HeadingNumber.split(heading)
                guard var number = split.number, !number.isEmpty else { continue }
                if number.hasSuffix(".") { number.removeLast() }
                guard !number.isEmpty, seen.insert(number).inserted else { continue }
                result.append(Candidate(word: number, description: split.title))
            }
        }
        return result
    }

    /// One shell word that `drill NAME` takes for the exercise: its name without the
    /// parenthesised part, lower case, words joined by dashes (`generate-unique-ids`; the
    /// drill matcher reads a dash as a space).
    static func drillWord(for name: String) -> String {
        let words = AnswerText.loose(AnswerText.normalized(AnswerText.withoutParentheticals(name))).lowercased()
            .split(separator: " ").map { String($0.filter { $0.isLetter || $0.isNumber }) }.filter { !$0.isEmpty }
        return words.joined(separator: "-")
    }

    /// The options `node` takes: its own, then the global ones it does not redefine.
    func options(of node: Node) -> [OptionSpec] {
        let own = node.command.options
        return own + globalOptions.filter { global in !own.contains { $0.name == global.name } }
    }

    /// The words offered where `node` expects a subcommand; the root adds `help`.
    func subcommandWords(of node: Node) -> [Candidate] {
        node.path.isEmpty ? node.subcommands + [Self.helpWord] : node.subcommands
    }
}
