/// Options every command accepts, before or after the subcommand.
enum GlobalOptions {
    static let specs: [OptionSpec] = [
        OptionSpec("db", .value, valueName: "PATH", help: "database file (default $SYSDRILL_DB, else $XDG_DATA_HOME/sysdrill/sysdrill.sqlite)"),
        OptionSpec("deck", .value, valueName: "PATH", repeatable: true, help: "add a Markdown deck file or folder for this run (repeatable)"),
        OptionSpec("json", help: "print data as JSON"),
        OptionSpec("no-color", help: "never colour output (also NO_COLOR=1 or TERM=dumb)"),
        OptionSpec("verbose", help: "more detail in errors (for example the SQL of a failed statement)"),
        OptionSpec("help", help: "show help for the command"),
        OptionSpec("version", help: "print the version"),
    ]
}
