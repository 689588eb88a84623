import BundledContent
import Deck
import Foundation
import Practice
import Study
import Testing
@testable import sysdrill

/// A shell found on PATH, or nil (its tests are skipped with a message then).
enum InstalledShell {
    static func path(of name: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") + ["/usr/bin", "/bin"]
        return folders.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let bash = path(of: "bash")
    static let zsh = path(of: "zsh")
    static let fish = path(of: "fish")
}

/// `sysdrill completions bash|zsh|fish` and `decks --names`: the scripts are produced,
/// parse in their shell, and complete real command lines (bash and fish run them).
@Suite struct CompletionCLITests {
    /// The script for `shell`, written to a file in the runner's folder.
    func script(_ shell: String, _ cli: CLIRunner) throws -> String {
        let result = try cli.run(["completions", shell])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let path = cli.directory + "/completion." + shell
        try result.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func eachShellGetsItsScript(shell: String) throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let text = try String(contentsOfFile: try script(shell, cli), encoding: .utf8)
        #expect(text.contains("completion for sysdrill, written by 'sysdrill completions \(shell)'"))
        // Words only the command table and the outline know: a subcommand, an option of
        // a subcommand, a setting, a section, a drill.
        for word in ["lint", "--per-server", "new-card-order", "3.4", "generate-unique-ids"] {
            #expect(text.contains(word), "\(shell) script lacks \(word)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath), "printing a script created a database")
    }

    @Test func anUnknownShellIsAUsageErrorWithASuggestion() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["completions", "bsh"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("unknown shell 'bsh'") && result.stderr.contains("did you mean 'bash'?"), "\(result.stderr)")
        #expect(try cli.run(["completions"]).status == 64)
    }

    @Test(.enabled(if: InstalledShell.bash != nil, "bash is not installed"))
    func bashScriptParses() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.runCommand([InstalledShell.bash!, "-n", try script("bash", cli)])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(.enabled(if: InstalledShell.zsh != nil, "zsh is not installed: its syntax check is skipped"))
    func zshScriptParses() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.runCommand([InstalledShell.zsh!, "-n", try script("zsh", cli)])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test(.enabled(if: InstalledShell.fish != nil, "fish is not installed: its syntax check is skipped"))
    func fishScriptParses() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.runCommand([InstalledShell.fish!, "--no-execute", try script("fish", cli)])
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// Completes each line (words, the last one being completed) with the bash script, as
    /// bash would: COMP_WORDS and COMP_CWORD set, `_sysdrill` called, COMPREPLY read.
    func bashCompletions(_ lines: [[String]], _ cli: CLIRunner) throws -> [[String]] {
        var driver = "source \(CompletionText.singleQuoted(try script("bash", cli)))\n"
        for words in lines {
            let quoted = ([CLIRunner.binary] + words).map(CompletionText.singleQuoted).joined(separator: " ")
            driver += "COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count); COMPREPLY=(); _sysdrill\n"
            driver += "printf '%s\\n' \"${COMPREPLY[*]}\"\n"
        }
        let path = cli.directory + "/driver.bash"
        try driver.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try cli.runCommand([InstalledShell.bash!, path])
        #expect(result.status == 0, "\(result.stderr)")
        var output = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if output.last == "" { output.removeLast() }
        #expect(output.count == lines.count, "\(result.stdout)\n\(result.stderr)")
        return output.map { $0.split(separator: " ").map(String.init) }
    }

    @Test(.enabled(if: InstalledShell.bash != nil, "bash is not installed"))
    func bashCompletesCommandsOptionsAndValues() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let cases: [([String], [String])] = [
            (["rev"], ["review"]),
            (["review", "--l"], ["--limit"]),
            (["review", "--section", "3."], ["3.1", "3.4", "3.7"]),
            (["review", "--section", "=", "3.4"], ["3.4"]),  // bash splits --section=3.4 at '='
            (["decks", ""], ["add", "remove", "disable", "enable", "lint"]),
            (["config", "set", "new-"], ["new-per-day", "new-card-order"]),
            (["config", "get", "sch"], ["scheduler"]),
            (["quiz", "--mode", ""], ["choice", "typed", "cloze", "mixed"]),
            (["help", "dec"], ["decks"]),
            (["help", "decks", ""], ["add", "remove", "disable", "enable", "lint"]),
            (["--json", "drill", "gen"], ["generate-unique-ids"]),
            (["completions", ""], ["bash", "zsh", "fish"]),
            (["decks", "disable", ""], ["system-design"]),
            (["calc", "availability", "--serial", "99.9%", "--par"], ["--parallel"]),
        ]
        let answers = try bashCompletions(cases.map(\.0), cli)
        for ((words, expected), answer) in zip(cases, answers) {
            for word in expected { #expect(answer.contains(word), "sysdrill \(words.joined(separator: " ")) offered \(answer)") }
        }
        // Nothing else sneaks in: a prefix is honoured, and a value after an option that
        // takes free text is not a command.
        #expect(answers[0] == ["review"])
        #expect(answers[3] == ["3.4"])
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath), "completing deck names created a database")
    }

    /// Every command of the table is offered, and after each command path every option
    /// its spec has: the script cannot drift from the table.
    @Test(.enabled(if: InstalledShell.bash != nil, "bash is not installed"))
    func bashOffersEveryCommandAndOptionOfTheTable() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let model = try CompletionModel.current()
        let parents = model.nodes.filter { !$0.command.subcommands.isEmpty }
        let answers = try bashCompletions(model.nodes.map { $0.path + ["--"] } + parents.map { $0.path + [""] }, cli)
        for (node, answer) in zip(model.nodes, answers) {
            let expected = model.options(of: node).map { "--" + $0.name }
            #expect(Set(answer) == Set(expected), "sysdrill \(node.key) --: \(answer)")
        }
        for (node, answer) in zip(parents, answers.dropFirst(model.nodes.count)) {
            #expect(Set(node.command.subcommands.map(\.name)).isSubset(of: Set(answer)), "sysdrill \(node.key): \(answer)")
        }
        #expect(answers[model.nodes.count].contains("completions") && answers[model.nodes.count].contains("help"))
    }

    @Test(.enabled(if: InstalledShell.bash != nil, "bash is not installed"))
    func bashAsksTheDatabaseNamedOnTheLineForDeckNames() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let deck = cli.directory + "/caching.md"
        try "# Caching\n- **LRU**: evict the least recently used\n".write(toFile: deck, atomically: true, encoding: .utf8)
        let other = cli.directory + "/other.sqlite"
        #expect(try cli.run(["--db", other, "decks", "add", deck]).status == 0)
        let answers = try bashCompletions([["--db", other, "decks", "disable", ""], ["decks", "remove", "ca"]], cli)
        #expect(answers[0] == ["system-design", "numbers", "caching"])
        #expect(answers[1] == [])  // the default database (SYSDRILL_DB) has no such deck, and is not created
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
    }

    @Test(.enabled(if: InstalledShell.fish != nil, "fish is not installed: its completion test is skipped"))
    func fishCompletesCommandsOptionsAndValues() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let lines = ["rev", "review --l", "review --section=3.", "config get sch", "help decks ", "drill gen"]
        var driver = "source \(CompletionText.fishQuoted(try script("fish", cli)))\n"
        for line in lines {
            driver += "complete -C \(CompletionText.fishQuoted("sysdrill " + line)) | string split -f1 \\t | string join ' '\n"
        }
        driver += "true\n"  // `string join` of one word fails; the last line's status is the script's
        let path = cli.directory + "/driver.fish"
        try driver.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try cli.runCommand([InstalledShell.fish!, "--no-config", path])
        #expect(result.status == 0, "\(result.stderr)")
        let answers = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map { $0.split(separator: " ").map(String.init) }
        #expect(answers.count >= lines.count, "\(result.stdout)")
        guard answers.count >= lines.count else { return }
        #expect(answers[0] == ["review"])
        #expect(answers[1] == ["--limit"])
        #expect(answers[2].contains("--section=3.4") && !answers[2].contains("--section=4"))
        #expect(answers[3] == ["scheduler"])
        #expect(Set(answers[4]) == ["add", "remove", "disable", "enable", "lint"])
        #expect(answers[5] == ["generate-unique-ids"])
    }

    /// zsh's completion system needs a terminal to run; here the script's own function runs
    /// with zsh's offering functions replaced by ones that print what they are given
    /// (zsh itself would then keep the words that start like the one typed).
    @Test(.enabled(if: InstalledShell.zsh != nil, "zsh is not installed: its completion test is skipped"))
    func zshOffersWhatTheTableHas() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let lines: [[String]] = [["re"], ["review", "--l"], ["review", "--section", "3"], ["config", "get", ""],
                                 ["help", "decks", ""], ["import", ""], ["decks", "disable", ""], ["quiz", "--mode=c"]]
        var driver = """
        compdef() { : }
        source \(CompletionText.singleQuoted(try script("zsh", cli)))
        _describe() { local list=${@[-1]} item; for item in ${(P)list}; do print -rn -- "${item%%:*} "; done }
        compadd() { local list=${@[-1]}; print -rn -- "${(P)list} " }
        _files() { print -rn -- '<files> ' }
        compset() { : }

        """
        for words in lines {
            let quoted = ([CLIRunner.binary] + words).map(CompletionText.singleQuoted).joined(separator: " ")
            driver += "words=(\(quoted)); CURRENT=\(words.count + 1); _sysdrill; print\n"
        }
        let path = cli.directory + "/driver.zsh"
        try driver.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try cli.runCommand([InstalledShell.zsh!, "-f", path])
        #expect(result.status == 0, "\(result.stderr)")
        let answers = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map { $0.split(separator: " ").map(String.init) }
        #expect(answers.count >= lines.count, "\(result.stdout)\n\(result.stderr)")
        guard answers.count >= lines.count else { return }
        let model = try CompletionModel.current()
        #expect(answers[0] == model.subcommandWords(of: model.nodes[0]).map(\.word))
        #expect(answers[1] == model.options(of: model.nodes.first { $0.key == "review" }!).map { "--" + $0.name })
        #expect(answers[2] == model.sections.map(\.word))
        #expect(answers[3] == model.settings.map(\.word))
        #expect(answers[4] == ["add", "remove", "disable", "enable", "lint"])
        #expect(answers[5] == ["<files>"])
        #expect(answers[6] == ["system-design", "numbers"])
        #expect(answers[7] == ["choice", "typed", "cloze", "mixed"])
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
    }

    // MARK: what the scripts offer

    static func builtInCards() throws -> [Card] {
        try BundledContent.files.flatMap { try OutlineParser(deck: FileSystem.deckName(for: $0.name), file: $0.name).parse($0.bytes) }
    }

    @Test func everyDrillWordPicksItsOwnExercise() throws {
        let model = try CompletionModel.current()
        let cards = try Self.builtInCards()
        let exercises = DrillCatalog.exercises(from: cards)
        #expect(model.drills.count == exercises.count && !exercises.isEmpty)
        for (candidate, exercise) in zip(model.drills, exercises) {
            #expect(!candidate.word.contains(" "))
            #expect(DrillCatalog.match(candidate.word, in: exercises) == .found(exercise), "\(candidate.word)")
        }
    }

    @Test func everySectionWordSelectsCards() throws {
        let model = try CompletionModel.current()
        let cards = try Self.builtInCards()
        #expect(model.sections.map(\.word).prefix(3) == ["1", "1.1", "1.2"])
        #expect(model.sections.contains(.init(word: "3.4", description: "Caching")))
        #expect(Set((1...16).map(String.init)).isSubset(of: Set(model.sections.map(\.word))))
        for section in model.sections {
            #expect(cards.contains { SectionFilter(section.word).matches($0) }, "\(section.word) selects nothing")
        }
    }

    // MARK: decks --names

    @Test func deckNamesNeedNoDatabaseAndCreateNone() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["decks", "--names"])
        #expect(result.status == 0 && result.stdout == "system-design\nnumbers\n" && result.stderr.isEmpty, "\(result)")
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
        #expect(try cli.run(["decks", "--names", "--json"]).stdout == "[\n  \"system-design\",\n  \"numbers\"\n]\n")
    }

    @Test func deckNamesListRegisteredAndDisabledDecksWithoutWriting() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let deck = cli.directory + "/my notes.md"
        try "# Queues\n- **DLQ**: where failed messages go\n".write(toFile: deck, atomically: true, encoding: .utf8)
        #expect(try cli.run(["decks", "add", deck]).status == 0)
        #expect(try cli.run(["decks", "disable", "my notes"]).status == 0)
        let before = try FileManager.default.attributesOfItem(atPath: cli.databasePath)[.modificationDate] as? Date
        let result = try cli.run(["decks", "--names"])
        #expect(result.stdout == "system-design\nnumbers\nmy notes\n", "\(result.stderr)")
        let after = try FileManager.default.attributesOfItem(atPath: cli.databasePath)[.modificationDate] as? Date
        #expect(before == after)
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath + "-wal"))
    }
}
