import CSQLite

// Checkpoints off the writing connection. In WAL mode every commit appends its pages to
// the WAL, and SQLite's automatic checkpoint (at 1,000 pages) copies them into the
// database on the connection that committed, waiting twice for the disk (fdatasync of the
// WAL, then of the database). A review commits every answer: every hundred answers or so
// one of them waited for both. A review session hands the checkpoints to a second
// connection on another thread instead (`BackgroundCheckpoints` in Study): checkpoints
// asked for at the same WAL size, so a power cut can undo about as many answers as before
// (the pages committed since the last checkpoint, plus those committed while one runs),
// but the answers do not wait for them.

/// The WAL hook's callback and when to call it next.
final class WALHook {
    let pages: Int32
    let walGrew: () -> Void
    /// The WAL size (pages) at which `walGrew` is called next. A passive checkpoint does
    /// not shorten the WAL: the writer starts it over at a later commit, and only once every
    /// page was copied. Until then the WAL keeps its size, and asking for a checkpoint after
    /// every commit made one fsync pair per answer; so the next call waits for `pages` more.
    private var nextAt: Int32

    init(pages: Int32, walGrew: @escaping () -> Void) {
        self.pages = pages
        self.walGrew = walGrew
        nextAt = pages
    }

    /// After a commit on `connection` that left `walPages` pages in the WAL.
    func committed(walPages: Int32, connection: OpaquePointer?) {
        if walPages < nextAt - pages { nextAt = pages }  // the WAL was started over
        if walPages >= pages * Self.catchUpFactor {
            // Answers committed faster than the checkpoints could finish between them (a
            // script piping answers) leave the WAL never wholly copied, so never started
            // over: here, between two transactions, this connection copies the rest itself,
            // as SQLite's own checkpoint would, and the next commit starts the WAL over.
            CheckpointConnection.checkpointPassively(connection)
            return
        }
        guard walPages >= nextAt else { return }
        nextAt = walPages + pages
        walGrew()
    }

    /// How many times the threshold the WAL may reach before the writer checkpoints
    /// itself (8,000 pages: 32 MiB; a reader of an older snapshot in another process can
    /// still hold the WAL longer, as it can with SQLite's own checkpoint).
    static let catchUpFactor: Int32 = 8
}

/// SQLite's automatic checkpoint threshold (pages in the WAL), which the hand-off keeps.
public let standardCheckpointPages: Int32 = 1_000

extension StudyStore {
    /// From now on, after each commit that leaves `pages` pages or more in the WAL, calls
    /// `walGrew` (on this thread, inside SQLite: it must only wake the checkpointer)
    /// instead of checkpointing here.
    public func handCheckpointsOff(whenWALReaches pages: Int32 = standardCheckpointPages, to walGrew: @escaping () -> Void) {
        let hook = WALHook(pages: min(max(1, pages), standardCheckpointPages), walGrew: walGrew)
        connection.walHook = hook
        // Registering a WAL hook replaces SQLite's automatic checkpoint (which is one).
        sqlite3_wal_hook(connection.handle, { context, connection, _, pages in
            Unmanaged<WALHook>.fromOpaque(context!).takeUnretainedValue().committed(walPages: pages, connection: connection)
            return SQLITE_OK
        }, Unmanaged.passUnretained(hook).toOpaque())
    }

    /// Back to SQLite's automatic checkpoint on this connection.
    public func checkpointAutomatically() {
        sqlite3_wal_autocheckpoint(connection.handle, standardCheckpointPages)
        connection.walHook = nil
    }

    /// Whether the system SQLite lets two connections be used on two threads.
    public static var sqliteIsThreadSafe: Bool { sqlite3_threadsafe() != 0 }

    /// A second connection to this database that only checkpoints, for another thread.
    public func checkpointConnection() throws -> CheckpointConnection {
        let connection = try Connection(path: path)
        // A new connection learns that the file is in WAL mode when it first reads it;
        // until then a checkpoint on it does nothing.
        guard try connection.pragmaValue("PRAGMA journal_mode")?.lowercased() == "wal" else {
            throw StoreError.cannotOpen(path: path, reason: "the second connection does not see the WAL")
        }
        return CheckpointConnection(connection)
    }
}

/// A connection that copies the WAL's committed pages into the database (a passive
/// checkpoint: it never waits for, nor blocks, a writer or a reader). Use it on one
/// thread at a time.
public final class CheckpointConnection: @unchecked Sendable {
    private let connection: Connection

    init(_ connection: Connection) {
        self.connection = connection
    }

    /// Checkpoints what it can; a checkpoint that cannot run now (another one is running)
    /// is left to the next one.
    ///
    /// Then it flushes the database file. SQLite flushes it only after a checkpoint that
    /// copied the whole WAL, and while answers keep coming, one that runs beside them never
    /// does: the pages of every checkpoint since the last complete one waited in the OS for
    /// that flush, which then fell on the writer (the catch-up below, or the close) and took
    /// 90-100 ms of a piped 1,000-answer review. Flushed here, as they are copied, they
    /// leave the writer's flush little to do. It only makes durable what was written.
    ///
    /// The flush goes through this connection's own file, SQLite's: a descriptor opened
    /// beside it would, when closed, drop every lock this process holds on the database
    /// (POSIX locks belong to the process and the file), and another sysdrill could then
    /// take the WAL from under the review.
    public func checkpoint() {
        Self.checkpointPassively(connection.handle)
        var file: UnsafeMutablePointer<sqlite3_file>?
        let found = withUnsafeMutablePointer(to: &file) {
            sqlite3_file_control(connection.handle, "main", SQLITE_FCNTL_FILE_POINTER, $0)
        }
        guard found == SQLITE_OK, let file, let sync = file.pointee.pMethods?.pointee.xSync else { return }
        _ = sync(file, SQLITE_SYNC_NORMAL)
    }

    /// A passive checkpoint on `handle`, whichever connection it is; its result is not
    /// needed (what it could not copy, the next one copies).
    static func checkpointPassively(_ handle: OpaquePointer?) {
        _ = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
    }
}
