extension StudyStore {
    /// The names of the decks a database holds, in their order, read without a lock, a
    /// journal or a single write (shell completion asks on every Tab; another sysdrill
    /// may be reviewing). Empty when there is no database at `path`: nothing is created.
    /// What a running sysdrill has not yet checkpointed from its write-ahead log is not
    /// seen; every sysdrill checkpoints when it exits.
    public static func deckNames(readingOnly path: String) throws -> [String] {
        guard case .database(let version) = try DatabaseFile.inspect(path: path), version > 0 else { return [] }
        if version > Schema.latestVersion {
            throw StoreError.newerSchema(path: path, found: version, supported: Schema.latestVersion)
        }
        let connection = try Connection.openReadOnly(path: path)
        return try connection.prepare("SELECT name FROM decks ORDER BY sort_order, name").map { $0.string(0) }
    }
}
