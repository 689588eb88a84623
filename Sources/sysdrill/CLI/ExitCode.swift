/// sysdrill's exit codes (sysexits.h where one fits).
enum ExitCode {
    static let ok: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 64        // EX_USAGE: bad command line
    static let dataError: Int32 = 65    // EX_DATAERR: bad input data (deck, expression, import file)
    static let noInput: Int32 = 66      // EX_NOINPUT: a file that does not exist
    static let ioError: Int32 = 74      // EX_IOERR: I/O or database error
    static let interrupted: Int32 = 130 // 128 + SIGINT
}
