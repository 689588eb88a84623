/// A first sync of a large deck writes ~190,000 cards with random IDs. The secondary
/// indexes keyed by those IDs (or by their sources) take each insert at a random page, which
/// made such a sync 40% slower than one without them; building them once from the finished
/// table sorts instead. Only worth it when the new cards outnumber the stored ones.
extension StudyStore {
    /// The indexes `withIDIndexesBuiltAtTheEnd` drops and rebuilds, with their migrations' text
    /// (the same text, so the schema reads the same afterwards).
    static let idKeyedIndexes: [(name: String, drop: StaticString, create: StaticString)] = [
        ("cards_queue", "DROP INDEX cards_queue;",
         "CREATE INDEX cards_queue ON cards(id, retired, kind, deck, position, derived_from);"),
        ("cards_stats", "DROP INDEX cards_stats;", "CREATE INDEX cards_stats ON cards(id, deck, section, position, retired);"),
        ("card_sources_by_source", "DROP INDEX card_sources_by_source;",
         "CREATE INDEX card_sources_by_source ON card_sources(source_id);"),
    ]

    /// Whether a sync expecting about `expectedCards` new cards should build the ID-keyed
    /// indexes at the end: when it more than doubles the cards stored.
    public func shouldBuildIDIndexesAtTheEnd(expectedCards: Int) throws -> Bool {
        guard expectedCards >= Self.smallestBulkSync else { return false }
        let stored = try connection.prepare("SELECT COUNT(*) FROM cards").first { $0.int(0) } ?? 0
        return expectedCards > stored
    }

    /// Below this many cards a sync is quick either way.
    static let smallestBulkSync = 20_000

    /// Runs `body` with the ID-keyed indexes dropped, then builds them again; inside the
    /// caller's transaction, so an error or a crash leaves them as they were.
    public func withIDIndexesBuiltAtTheEnd<T>(_ body: () throws -> T) throws -> T {
        precondition(connection.inTransaction, "the indexes are dropped and rebuilt inside the caller's transaction")
        for index in Self.idKeyedIndexes { try connection.execute(script: index.drop) }
        let result = try body()
        for index in Self.idKeyedIndexes { try connection.execute(script: index.create) }
        return result
    }
}
