import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// One SQLite connection. Statements are prepared once and cached by SQL text; writes
/// go through `transaction`, which is `BEGIN IMMEDIATE` so a second process waits
/// (busy timeout) instead of failing halfway with "database is locked".
public final class Connection {
    let handle: OpaquePointer
    public let path: String
    private var cache: [String: Statement] = [:]
    private var transactionDepth = 0
    /// What the WAL hook calls (`WALCheckpoints.swift`), kept alive while it is set.
    var walHook: WALHook?

    /// Opens (creating when missing) the database file. The caller has checked the
    /// file's header (`DatabaseFile.inspect`) so nothing here writes to a foreign file.
    /// `uri`: open this `file:` URI read-only instead (`openReadOnly`).
    init(path: String, readOnly: Bool = false, uri: String? = nil) throws(StoreError) {
        var db: OpaquePointer?
        let flags = (readOnly || uri != nil ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX | (uri != nil ? SQLITE_OPEN_URI : 0)
        let code = sqlite3_open_v2(uri ?? path, &db, flags, nil)
        guard code == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw .cannotOpen(path: path, reason: message)
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        if getenv("SYSDRILL_SQL_PROFILE") != nil {
            sqlite3_trace_v2(db, UInt32(SQLITE_TRACE_PROFILE), { _, _, statement, nanos in
                let ns = nanos!.load(as: Int64.self)
                let sql = sqlite3_sql(OpaquePointer(statement)).map { String(cString: $0) } ?? "?"
                let line = "PROFILE \(ns / 1000) us: \(String(sql.prefix(200)).split(separator: "\n").joined(separator: " "))\n"; _ = line.withCString { write(2, $0, strlen($0)) }
                return 0
            }, nil)
        }
    }

    deinit {
        cache.removeAll()  // finalize statements before closing
        sqlite3_close(handle)
    }

    /// A cached prepared statement for `sql`.
    public func prepare(_ sql: String) throws(StoreError) -> Statement {
        if let cached = cache[sql] { return cached }
        let statement = try Statement(connection: self, sql: sql)
        cache[sql] = statement
        return statement
    }

    /// Runs one statement with bound parameters.
    public func run(_ sql: String, _ values: [any SQLiteBindable] = []) throws(StoreError) {
        try prepare(sql).run(values)
    }

    /// Runs a fixed script of several statements (migrations, pragmas). Scripts are
    /// literals in the source: nothing from outside is ever part of them.
    func execute(script: StaticString) throws(StoreError) {
        let text = script.description
        var error: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, text, nil, nil, &error)
        if code != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(error)
            throw .sqlite(code: code, message: message, sql: text)
        }
    }

    /// The single-value answer of a pragma query such as `PRAGMA journal_mode=WAL`.
    func pragmaValue(_ sql: StaticString) throws -> String? {
        try Statement(connection: self, sql: sql.description).first { $0.string(0) }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it
    /// throws (the first error is rethrown). Nested calls join the outer transaction.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body()
        }
        try run("BEGIN IMMEDIATE")
        transactionDepth = 1
        do {
            let result = try body()
            transactionDepth = 0
            try run("COMMIT")
            return result
        } catch {
            transactionDepth = 0
            if sqlite3_get_autocommit(handle) == 0 { sqlite3_exec(handle, "ROLLBACK", nil, nil, nil) }
            throw error
        }
    }

    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// Whether a transaction is open (SQLite is out of autocommit mode).
    public var inTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    func error(code: Int32, sql: String?) -> StoreError {
        let message = String(cString: sqlite3_errmsg(handle))
        let primary = code & 0xff
        if primary == SQLITE_NOTADB { return .notADatabase(path: path) }
        if primary == SQLITE_READONLY { return .readOnly(path: path) }
        return .sqlite(code: code, message: message, sql: sql)
    }
}
