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
}
