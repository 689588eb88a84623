/// `sysdrill completions bash|zsh|fish`: a completion script made from the command table.
enum CompletionsCommand {
    static let spec = CommandSpec(
        name: "completions",
        summary: "print the shell completion script for bash, zsh or fish",
        usage: ["completions bash|zsh|fish"],
        positionals: 1...1,
        argument: .choices(CompletionShell.allCases.map(\.rawValue)),
        discussion: """
        The script completes commands, subcommands, options, setting names (config get/set),
        section numbers (--section), the built-in drills (drill NAME) and deck names, which it
        asks of 'sysdrill decks --names' (fast; it creates no database, and follows a --db
        given on the line). 'make install' installs all three where the shells look; to use
        one without installing:
          bash  source <(sysdrill completions bash)            (in ~/.bashrc)
          zsh   source <(sysdrill completions zsh)             (in ~/.zshrc, after compinit)
          fish  sysdrill completions fish > ~/.config/fish/completions/sysdrill.fish
        """,
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let name = invocation.positionals[0]
        guard let shell = CompletionShell(rawValue: name) else {
            let shells = CompletionShell.allCases.map(\.rawValue)
            throw UsageError("unknown shell '\(name)': sysdrill completes \(shells.joined(separator: ", "))"
                             + Suggestion.didYouMean(name, in: shells), command: "sysdrill completions")
        }
        context.stdout.write(shell.script(for: try CompletionModel.current()))
        return ExitCode.ok
    }
}
