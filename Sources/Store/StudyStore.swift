import CSQLite

/// sysdrill's database: decks, cards, the review log (the source of truth), card state,
/// settings. Open it with `StudyStore.open(path:)`; every method is one statement or
/// one transaction.
public final class StudyStore {
    public let connection: Connection
    public let path: String
    /// What opening found, for `--verbose` and `check`.
    public private(set) var journalMode: String = ""
    /// How long a write waits for another process's write transaction before SQLite
    /// gives up with SQLITE_BUSY (`StoreError.isBusy`).
    public private(set) var busyTimeoutMilliseconds: Int32 = 0
    public static let standardBusyTimeoutMilliseconds: Int32 = 5_000
    /// Opened by `openForReading` (a full disk): reads only.
    public private(set) var readOnlyFallback = false
    /// How many times this connection wrote a setting (`setSetting`, `removeSetting`):
    /// with `dataVersion()`, which tells of other connections' commits, it says whether
    /// settings read earlier may have changed.
    public internal(set) var settingsWrites = 0

    /// Sets the busy timeout (a review waiting out a long import polls its keys between
    /// shorter waits; tests shorten it through SYSDRILL_BUSY_TIMEOUT_MS).
    public func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(connection.handle, max(0, milliseconds))
        busyTimeoutMilliseconds = max(0, milliseconds)
    }

    private init(connection: Connection, path: String) {
        self.connection = connection
        self.path = path
    }

    /// Opens or creates the database at `path`, refusing (untouched) a file that is not
    /// an SQLite database, is truncated, is read-only, or was written by a newer version;
    /// then applies pending migrations.
    /// The database opened only to read, for a command that reads (due, stats, check)
    /// when the ordinary opening failed because nothing can be written: a full disk, or a
    /// file-size limit. In WAL mode even a reader needs the shared-memory index file
    /// (`-shm`, 32 KiB) to exist; in exclusive locking mode SQLite keeps that index in
    /// memory instead, and `query_only` makes sure nothing is written. The exclusive lock
    /// lasts while this command runs (another sysdrill waits for it, busy timeout).
    /// Refused when the file is missing or needs a migration (which would have to write).
    public static func openForReading(path: String) throws -> StudyStore {
        guard case .database(let fileVersion) = try DatabaseFile.inspect(path: path) else {
            throw StoreError.cannotOpen(path: path, reason: "there is no database there to read")
        }
        if fileVersion > Schema.latestVersion {
            throw StoreError.newerSchema(path: path, found: fileVersion, supported: Schema.latestVersion)
        }
        let connection = try Connection(path: path)
        let store = StudyStore(connection: connection, path: path)
        try connection.execute(script: "PRAGMA locking_mode = EXCLUSIVE; PRAGMA query_only = 1; PRAGMA busy_timeout = 5000;")
        store.busyTimeoutMilliseconds = Self.standardBusyTimeoutMilliseconds
        let version = try store.userVersion()
        guard version == Schema.latestVersion else {
            if version > Schema.latestVersion {
                throw StoreError.newerSchema(path: path, found: version, supported: Schema.latestVersion)
            }
            throw StoreError.cannotOpen(path: path, reason: "it needs an upgrade to schema version \(Schema.latestVersion), which needs free disk space")
        }
        store.journalMode = try connection.pragmaValue("PRAGMA journal_mode") ?? ""
        try connection.execute(script: "PRAGMA foreign_keys = ON;")
        store.readOnlyFallback = true
        return store
    }

    public static func open(path: String) throws -> StudyStore {
        let state = try DatabaseFile.inspect(path: path)
        switch state {
        case .missing:
            try DatabaseFile.create(path: path)
        case .empty:
            guard DatabaseFile.isWritable(path: path) else { throw StoreError.readOnly(path: path) }
        case .database(let userVersion):
            if userVersion > Schema.latestVersion {
                throw StoreError.newerSchema(path: path, found: userVersion, supported: Schema.latestVersion)
            }
            guard DatabaseFile.isWritable(path: path) else { throw StoreError.readOnly(path: path) }
        }
        let connection = try Connection(path: path)
        let store = StudyStore(connection: connection, path: path)
        try store.configure()
        try store.migrate()
        return store
    }

    private func configure() throws {
        // Wait up to 5 s for another sysdrill (a second terminal) to finish its write.
        try connection.execute(script: "PRAGMA busy_timeout = 5000;")
        busyTimeoutMilliseconds = Self.standardBusyTimeoutMilliseconds
        // Checked again through SQLite (the header check above could not see a WAL).
        let version = try userVersion()
        if version > Schema.latestVersion {
            throw StoreError.newerSchema(path: path, found: version, supported: Schema.latestVersion)
        }
        journalMode = try connection.pragmaValue("PRAGMA journal_mode = WAL") ?? ""
        // WAL lets a reader (stats in one terminal) run beside a review in another. If the
        // file system cannot do WAL (no shared memory), SQLite keeps its rollback journal;
        // that is slower but still safe, so we continue.
        // NORMAL in WAL mode: a committed answer survives a crash or kill -9 of sysdrill;
        // only an OS crash or power loss can undo the last few commits. See README.
        try connection.execute(script: "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
        // A 16 MiB page cache (SQLite's default is 2 MiB): with 100k cards and a million
        // reviews, building today's queue and committing answers re-read pages from the OS
        // all the time (`due` 0.59 -> 0.45 s). Pages are only held once read, so a small
        // database costs no more memory than before.
        try connection.execute(script: Self.standardCacheSize)
    }

    /// Every connection's page cache (see `configure`).
    static let standardCacheSize: StaticString = "PRAGMA cache_size = -16384;"

    /// Runs `body` with SQLite's default 2 MiB page cache: for one pass over the whole log,
    /// whose pages are each read once, a bigger cache only holds pages that are not read
    /// again (16 MiB of the 80 MiB that `evaluate` took on a million reviews). Measured on
    /// the bench's history: the same time. Afterwards the cache is the standard one again
    /// (a PRAGMA takes no bound value, so the earlier size is not put back): not for use
    /// inside `withSmallerPageCache`.
    public func withPageCacheForOnePass<T>(_ body: () throws -> T) throws -> T {
        try connection.execute(script: "PRAGMA cache_size = -2048;")
        defer { try? connection.execute(script: Self.standardCacheSize) }
        return try body()
    }

    public func userVersion() throws -> Int32 {
        Int32(try connection.pragmaValue("PRAGMA user_version").flatMap { Int32($0) } ?? 0)
    }

    private func migrate() throws {
        for migration in Schema.migrations {
            guard try userVersion() < migration.version else { continue }
            try connection.transaction {
                // Another process may have migrated while we waited for the lock.
                guard try userVersion() < migration.version else { return }
                try connection.execute(script: migration.script)
            }
        }
    }
}

extension StudyStore {
    /// `PRAGMA integrity_check`: ["ok"] for a healthy file, else SQLite's findings.
    public func integrityCheck() throws -> [String] {
        try connection.prepare("PRAGMA integrity_check").map { $0.string(0) }
    }

    /// `PRAGMA foreign_key_check`: rows pointing at missing parents, as "table rowid".
    public func foreignKeyProblems() throws -> [String] {
        try connection.prepare("PRAGMA foreign_key_check").map { "\($0.string(0)) row \($0.int64(1)) -> \($0.string(2))" }
    }

    /// `foreignKeyProblems` for one table.
    public func foreignKeyProblems(in table: String) throws -> [String] {
        try connection.prepare("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check(?1)").map([table]) {
            "\($0.string(0)) row \($0.int64(1)) -> \($0.string(2))"
        }
    }
}
