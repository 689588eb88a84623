/// `sysdrill man`: the manual page, in roff, made from the help of every command.
enum ManCommand {
    static let spec = CommandSpec(
        name: "man",
        summary: "print the manual page sysdrill.1 (roff), made from this help",
        usage: ["man"],
        discussion: """
        Read it with 'sysdrill man | man -l -'; 'make install' installs it as
        share/man/man1/sysdrill.1, so 'man sysdrill' works.
        """,
        run: { _, context in
            context.stdout.write(ManPage.render(root: CommandTable.root))
            return ExitCode.ok
        }
    )
}
