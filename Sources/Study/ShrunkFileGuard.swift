#if canImport(Glibc)
import Glibc
#endif

/// An import maps its file into memory (`FileSystem.readOnce`). Should another program
/// cut the file short meanwhile, touching a page past the new end raises SIGBUS, which
/// used to kill sysdrill with a bus error (issue 17, defect 5). While a mapping is read,
/// this handler turns that into a message and exit 74. Nothing is imported: the import's
/// transaction is never committed, and SQLite drops what it wrote on the next opening.
///
/// A signal handler may only make async-signal-safe calls: the message is made before
/// the handler is installed and written with write(2), then `_exit`.
enum ShrunkFileGuard {
    nonisolated(unsafe) private static var message: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) private static var messageLength = 0
    nonisolated(unsafe) private static var previous = sigaction()
    nonisolated(unsafe) private static var installed = false

    /// Exit status after the file shrank: an I/O error.
    static let exitStatus: Int32 = 74

    static func begin(path: String) {
        guard !installed else { return }
        let text = "error: \(path) got shorter while it was read (another program changed it); nothing was imported — import it again once it is complete\n"
        message = strdup(text)
        messageLength = text.utf8.count
        var action = sigaction()
        sigemptyset(&action.sa_mask)
        action.__sigaction_handler.sa_handler = reportShrunkFileAndExit
        action.sa_flags = 0
        sigaction(SIGBUS, &action, &previous)
        installed = true
    }

    static func end() {
        guard installed else { return }
        sigaction(SIGBUS, &previous, nil)
        installed = false
        free(message)
        message = nil
    }

    fileprivate static func report() {
        if let message { _ = write(2, message, messageLength) }
        _exit(exitStatus)
    }
}

private func reportShrunkFileAndExit(_ signal: Int32) {
    ShrunkFileGuard.report()
}
