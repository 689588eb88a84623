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
        try connection.run("INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           [key, value])
    }

    public func removeSetting(_ key: String) throws {
        try connection.run("DELETE FROM settings WHERE key = ?1", [key])
    }
}
