/// sysdrill's exit codes (sysexits.h where one fits).
enum ExitCode {
    static let ok: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 64        // EX_USAGE: bad command line
    static let dataError: Int32 = 65    // EX_DATAERR: bad input data (deck, expression, import file)
    static let noInput: Int32 = 66      // EX_NOINPUT: a file that does not exist
    static let ioError: Int32 = 74      // EX_IOERR: I/O or database error
    static let interrupted: Int32 = 130 // 128 + SIGINT

    /// Every code with what it means, for the manual page.
    static let meanings: [(code: Int32, meaning: String)] = [
        (ok, "success"),
        (failure, "failure (for example, 'check' or 'decks lint' found problems)"),
        (usage, "a bad command line (an unknown command or option, a value out of range)"),
        (dataError, "bad input data: a deck, an expression or an import file (the message names file:line:column)"),
        (noInput, "a file or folder that does not exist"),
        (ioError, "an I/O or database error"),
        (interrupted, "interrupted (Ctrl-C); every answer given is kept"),
    ]
}
