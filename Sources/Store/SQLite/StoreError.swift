import CSQLite

/// Database problems, all reported with exit code 74. Messages are for people: what is
/// wrong with which file, and what to do.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file exists but is not an SQLite database (random bytes, another format).
    case notADatabase(path: String)
    /// The file is shorter than its header says: it was cut off.
    case truncated(path: String, expectedBytes: Int64, actualBytes: Int64)
    /// Written by a newer sysdrill; refused untouched.
    case newerSchema(path: String, found: Int32, supported: Int32)
    /// The file or its folder cannot be written.
    case readOnly(path: String)
    /// The file cannot be opened or created.
    case cannotOpen(path: String, reason: String)
    /// Any other SQLite failure: code, message, and the statement (shown with --verbose).
    case sqlite(code: Int32, message: String, sql: String?)
    /// A consistency problem found by sysdrill itself.
    case inconsistent(String)

    public var description: String { message(verbose: false) }

    /// SQLite could not write or extend a file: the disk is full (SQLITE_FULL), or an I/O
    /// error such as a file-size limit or the shared-memory index that cannot grow
    /// (SQLITE_IOERR and its extended codes). A command that only reads can still go on
    /// (`StudyStore.openForReading`).
    public var isWriteFailure: Bool {
        if case .sqlite(let code, _, _) = self { return code & 0xff == SQLITE_FULL || code & 0xff == SQLITE_IOERR }
        return false
    }

    /// Another connection held the write lock longer than the busy timeout ("database is
    /// locked"): nothing was written, and the same write may be tried again.
    public var isBusy: Bool {
        if case .sqlite(let code, _, _) = self { return code & 0xff == SQLITE_BUSY }
        return false
    }

    public func message(verbose: Bool) -> String {
        switch self {
        case .notADatabase(let path):
            return "\(path) is not a sysdrill database (not an SQLite file); point --db at another file or move this one away"
        case .truncated(let path, let expected, let actual):
            return "\(path) is damaged: it holds \(actual) bytes but its header says \(expected); restore it from a backup or an export"
        case .newerSchema(let path, let found, let supported):
            return "\(path) was written by a newer sysdrill (schema version \(found), this build knows up to \(supported)); it was left untouched — upgrade sysdrill"
        case .readOnly(let path):
            return "\(path) cannot be written (read-only file or folder); fix its permissions or use --db with a writable path"
        case .cannotOpen(let path, let reason):
            return "cannot open database \(path): \(reason)"
        case .sqlite(let code, let message, let sql):
            var text = "database error \(code): \(message)"
            if verbose, let sql { text += "\n  in: \(sql)" }
            return text
        case .inconsistent(let message):
            return message
        }
    }
}
