import Foundation
import Testing
@testable import sysdrill

/// `sysdrill man`: the manual page is made from the command table, names every command
/// and option, and is roff that groff and man read without a warning.
@Suite struct ManPageCLITests {
    /// Every command path of the table: `review`, `decks add`, ...
    static func commandPaths(of command: CommandSpec = CommandTable.root, prefix: [String] = []) -> [[String]] {
        command.subcommands.flatMap { [prefix + [$0.name]] + commandPaths(of: $0, prefix: prefix + [$0.name]) }
    }

    func page(_ cli: CLIRunner) throws -> String {
        let result = try cli.run(["man"])
        #expect(result.status == 0 && result.stderr.isEmpty, "\(result.stderr)")
        return result.stdout
    }

    @Test func everyCommandOptionAndExitCodeIsInThePage() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let text = try page(cli)
        #expect(text.hasPrefix(".TH SYSDRILL 1 "))
        let paths = Self.commandPaths()
        #expect(paths.contains(["decks", "add"]) && paths.contains(["completions"]) && paths.contains(["man"]))
        for path in paths {
            #expect(text.contains(".SS \"sysdrill \(path.joined(separator: " "))\"\n"), "no section for \(path)")
        }
        // The same words as --help: each command's summary and each option's help.
        func check(_ command: CommandSpec) {
            #expect(text.contains(ManPage.escaped(command.summary)), "\(command.name)")
            for option in command.options {
                #expect(text.contains(ManPage.escaped(option.help)), "--\(option.name) of \(command.name)")
            }
            command.subcommands.forEach(check)
        }
        check(CommandTable.root)
        for option in GlobalOptions.specs { #expect(text.contains("\\fB\\-\\-\(option.name)\\fR")) }
        for (code, _) in ExitCode.meanings { #expect(text.contains(".TP\n.B \(code)\n")) }
        #expect(!FileManager.default.fileExists(atPath: cli.databasePath))
    }

    @Test func roffSpecialsAreEscaped() {
        #expect(ManPage.escaped(".hidden request") == "\\&.hidden request")
        #expect(ManPage.escaped("'quoted") == "\\&'quoted")
        #expect(ManPage.escaped("a\\b") == "a\\eb")
        #expect(ManPage.escaped("--db PATH, -5 and real-time") == "\\-\\-db PATH, \\-5 and real-time")
        #expect(ManPage.escaped("Caching › Eviction — 3") == "Caching \\[u203A] Eviction \\[u2014] 3")
    }

    @Test func notesKeepTheirTablesAndFillTheirProse() {
        let roff = ManPage.discussion("One line\nand the next.\n\nKeys:\n  q  quit\n  n  next")
        #expect(roff == ".PP\nOne line and the next.\n.PP\n.nf\nKeys:\n  q  quit\n  n  next\n.fi\n")
    }

    @Test(.enabled(if: InstalledShell.path(of: "groff") != nil, "groff is not installed: the roff check is skipped"))
    func groffReadsThePageWithoutWarnings() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let file = cli.directory + "/sysdrill.1"
        try page(cli).write(toFile: file, atomically: true, encoding: .utf8)
        let groff = InstalledShell.path(of: "groff")!
        let check = try cli.runCommand([groff, "-man", "-Tutf8", "-ww", "-z", file])
        #expect(check.status == 0 && check.stderr.isEmpty, "\(check.stderr)")
        let rendered = try cli.runCommand([groff, "-man", "-Tutf8", "-P-cbou", file])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        for path in Self.commandPaths() {
            #expect(rendered.stdout.contains("sysdrill " + path.joined(separator: " ")), "\(path) is not in the rendered page")
        }
        #expect(rendered.stdout.contains("--section S"))
    }

    @Test(.enabled(if: InstalledShell.path(of: "man") != nil, "man is not installed: the man -l check is skipped"))
    func manReadsThePage() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let file = cli.directory + "/sysdrill.1"
        try page(cli).write(toFile: file, atomically: true, encoding: .utf8)
        let result = try cli.runCommand([InstalledShell.path(of: "man")!, "-l", file],
                                        extraEnvironment: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80", "LANG": "C.UTF-8"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("SYSDRILL(1)") && result.stdout.contains("EXIT STATUS"))
        #expect(result.stdout.contains("sysdrill completions"))
    }
}
