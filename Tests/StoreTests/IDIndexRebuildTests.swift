import Testing
@testable import Deck
@testable import Store

/// A large first sync builds the ID-keyed indexes once at the end instead of inserting
/// into them card by card: the schema, the rows and the query plans must come out the same.
@Suite struct IDIndexRebuildTests {
    let dir = TemporaryDirectory()

    func schema(_ store: StudyStore) throws -> [String] {
        try store.connection.prepare("SELECT name || ': ' || COALESCE(sql, '') FROM sqlite_master ORDER BY name").map { $0.string(0) }
    }

    func rows(_ store: StudyStore) throws -> [String] {
        try store.connection.prepare("SELECT id || '|' || kind || '|' || derived_from FROM cards ORDER BY id").map { $0.string(0) }
            + store.connection.prepare("SELECT card_id || '>' || source_id FROM card_sources ORDER BY 1").map { $0.string(0) }
    }

    let markdown = """
        # Caches

        - Read-through: the cache loads a missing entry from the database on a miss.
        - Write-back: writes land in the cache first and reach the database later in batches.
        """

    @Test func theIndexesComeBackWithTheSameTextAndTheSameRows() throws {
        let plain = try StudyStore.open(path: dir.file("plain.sqlite"))
        let bulk = try StudyStore.open(path: dir.file("bulk.sqlite"))
        let cards = try OutlineParser(deck: "one", file: "one.md").parse(markdown)
        #expect(cards.contains { $0.kind.isDerived }, "the deck must have cards with sources")
        let before = try schema(bulk)
        _ = try plain.sync(deck: "one", source: "/one.md", origin: .registered, files: [], cards: cards, at: 100)
        try bulk.connection.transaction {
            try bulk.withIDIndexesBuiltAtTheEnd {
                // Inside, the two indexes are gone.
                let names = try schema(bulk).map { String($0.prefix { $0 != ":" }) }
                #expect(StudyStore.idKeyedIndexes.allSatisfy { !names.contains($0.name) })
                _ = try bulk.sync(deck: "one", source: "/one.md", origin: .registered, files: [], cards: cards, at: 100)
            }
        }
        #expect(try schema(bulk) == before)
        #expect(try rows(bulk) == rows(plain))
        #expect(try bulk.integrityCheck() == ["ok"])
    }

    @Test func anErrorInsideLeavesTheIndexesAsTheyWere() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let before = try schema(store)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.connection.transaction { try store.withIDIndexesBuiltAtTheEnd { throw Stop() } }
        }
        #expect(try schema(store) == before)
    }

    @Test func onlyASyncThatOutnumbersTheStoredCardsRebuilds() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let stored = try store.connection.prepare("SELECT COUNT(*) FROM cards").first { $0.int(0) } ?? 0
        #expect(try !store.shouldBuildIDIndexesAtTheEnd(expectedCards: StudyStore.smallestBulkSync - 1))
        #expect(try store.shouldBuildIDIndexesAtTheEnd(expectedCards: max(StudyStore.smallestBulkSync, stored + 1)))
        // As many stored cards as the sync would bring: building at the end no longer pays.
        try store.connection.run("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
            INSERT INTO cards(id, deck, section, kind, term, front, back, source_file, source_line, position)
            SELECT printf('%016x', i), 'big', '', 'definition', 't', 'f', 'b', 'big.md', i, i FROM n
            """, [Int64(StudyStore.smallestBulkSync + 1)])
        #expect(try !store.shouldBuildIDIndexesAtTheEnd(expectedCards: StudyStore.smallestBulkSync + 1))
    }
}
