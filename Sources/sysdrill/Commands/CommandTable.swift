/// Every command of the CLI. Each command lives in its own file and exposes a `spec`.
enum CommandTable {
    static let commands: [CommandSpec] = [
        ReviewCommand.spec,
        DueCommand.spec,
        CardsCommand.spec,
        CardCommand.spec,
        DecksCommand.spec,
        CalcCommand.spec,
        NumbersCommand.spec,
        StatsCommand.spec,
        ExportCommand.spec,
        ImportCommand.spec,
        ConfigCommand.spec,
        CheckCommand.spec,
        EvaluateCommand.spec,
        OptimizeCommand.spec,
        SimulateCommand.spec,
        PlanCommand.spec,
        QuizCommand.spec,
        DrillCommand.spec,
        EstimateCommand.spec,
        CompletionsCommand.spec,
        ManCommand.spec,
    ]

    static let root = CommandSpec(
        name: "sysdrill",
        summary: "study system design every day in your terminal",
        usage: ["[COMMAND] [OPTIONS]"],
        subcommands: commands,
        discussion: """
        With no command, sysdrill starts today's review when cards are due and stdin is a
        terminal, and otherwise prints today's overview.

        Environment:
          SYSDRILL_DB     database file (overridden by --db)
          XDG_DATA_HOME   where the default database lives ($XDG_DATA_HOME/sysdrill/sysdrill.sqlite;
                          else ~/.local/share/sysdrill/sysdrill.sqlite)
          TZ              the time zone of study days and due dates (with day-rollover-hour)
          SYSDRILL_NOW    pretend the current time is this ISO 8601 instant (scripts, tests)
          NO_COLOR        disable colour
        """,
        run: OverviewCommand.run
    )
}
