import CSQLite

extension StudyStore {
    /// A stored setting, nil when never set.
    public func setting(_ key: String) throws -> String? {
        try connection.prepare("SELECT value FROM settings WHERE key = ?1").first([key]) { $0.string(0) }
    }

    public func allSettings() throws -> [String: String] {
        var result: [String: String] = [:]
        try connection.prepare("SELECT key, value FROM settings").forEach { result[$0.string(0)] = $0.string(1) }
        return result
    }

    public func setSetting(_ key: String, _ value: String) throws {
        settingsWrites += 1
        try connection.run("INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           [key, value])
    }

    public func removeSetting(_ key: String) throws {
        settingsWrites += 1
        try connection.run("DELETE FROM settings WHERE key = ?1", [key])
    }

    /// SQLite's `data_version`: it changes when another connection (another sysdrill)
    /// commits, never for this connection's own writes.
    public func dataVersion() throws -> Int64 {
        try connection.prepare("PRAGMA data_version").first { $0.int64(0) } ?? 0
    }

    /// Where the database stands for this connection: equal stamps taken at two moments
    /// mean nothing was written in between, by another connection (`data_version`) or by
    /// this one (every row it inserted, changed or deleted, even in a transaction it
    /// rolled back). A stamp taken before a read tells whether what was read still holds.
    public func changeStamp() throws -> ChangeStamp {
        ChangeStamp(dataVersion: try dataVersion(), ownChanges: sqlite3_total_changes64(connection.handle))
    }
}

/// See `StudyStore.changeStamp`.
public struct ChangeStamp: Hashable, Sendable {
    let dataVersion: Int64
    let ownChanges: Int64
}
