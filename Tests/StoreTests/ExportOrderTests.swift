import Foundation
import SeededRandom
import Testing
@testable import Deck
@testable import Store

/// `forEachCardInExportOrder` takes the cards deck by deck; the order must stay the one
/// query's `ORDER BY COALESCE(d.sort_order, 1 << 30), c.deck, c.position, c.id`, with
/// decks out of name order, a deck left without its `decks` row, a deck name that is not
/// valid UTF-8 (a hand-edited database), and cards sharing a position. `forEachCard` (the
/// listings) takes them deck by deck too, its ties broken by row.
@Suite struct ExportOrderTests {
    let dir = TemporaryDirectory()

    static let oneQuery = """
        SELECT c.id FROM cards c LEFT JOIN decks d ON d.name = c.deck
        WHERE ?1 IS NULL OR c.deck IN (SELECT value FROM json_each(?1))
        ORDER BY COALESCE(d.sort_order, 1 << 30), c.deck, c.position, c.id
        """

    @Test func deckByDeckIsTheOrderOfOneSortedQuery() throws {
        let store = try decksOutOfNameOrder()
        for scope in [DeckScope.every, DeckScope(["zz", "gone", "c"]), DeckScope([])] {
            let expected = try store.connection.prepare(Self.oneQuery).map([scope.parameter]) { CardID(rawValue: $0.string(0)) }
            var exported: [CardID] = []
            try store.forEachCardInExportOrder(decks: scope) { stored, _ in exported.append(stored.id) }
            #expect(exported == expected)
            if scope.isEvery {
                #expect(exported.count >= 24)
                // c (1), a (5), b and zz (9, by name), then the deck without a row.
                var decks: [String] = []
                try store.forEachCardInExportOrder { stored, _ in
                    if decks.last != stored.card.deck { decks.append(stored.card.deck) }
                }
                // The odd name's invalid byte reads back as U+FFFD.
                #expect(decks == ["c", "a", "b", "zz", "gone", "o\u{FFFD}d"])
            }
        }
    }

    /// Many cards at one place of a deck, more than the store holds to sort (they are read
    /// on their own), and IDs that Swift's text order and SQLite's byte order put apart
    /// ("caf\u{E9}" and "cafe\u{301}" are the same text to Swift): still the one query's order.
    @Test func crowdedPlacesAndOddIDsKeepTheOrderOfOneSortedQuery() throws {
        let store = try decksOutOfNameOrder()
        var random = SplitMix64(seed: 0x18_2026_1208)
        let insert = try store.connection.prepare("""
            INSERT INTO cards (id, deck, section, kind, term, front, back, source_file, source_line, position)
            VALUES (?1, 'b', '', 'definition', 't', 'f', 'b', 'b.md', 1, ?2)
            """)
        try store.connection.transaction {
            for _ in 0..<(2 * StudyStore.largestRunHeld) {
                let id = String(format: "%016llx", random.next())
                // Most at one place, the rest in pairs and threes around it.
                let position = random.next(in: 0...3) == 0 ? Int64(random.next(in: 0...60)) : 30
                try insert.run([id, position])
            }
            for (id, position) in [("caf\u{E9}", 5), ("cafe\u{301}", 5), ("Z", 5), ("\u{1F600}", 5), ("\u{FF41}", 5)] {
                try insert.run([id, position])
            }
        }
        let crowded = try store.connection.prepare("SELECT COUNT(*) FROM cards WHERE deck = 'b' AND position = 30").first { $0.int(0) } ?? 0
        #expect(crowded > StudyStore.largestRunHeld)
        for scope in [DeckScope.every, DeckScope(["b"])] {
            let expected = try store.connection.prepare(Self.oneQuery).map([scope.parameter]) { $0.string(0) }
            var exported: [String] = []
            try store.forEachCardInExportOrder(decks: scope) { stored, _ in exported.append(stored.id.rawValue) }
            #expect(exported.count == expected.count)
            // Compared as bytes: two of the IDs are equal as Swift text.
            #expect(exported.map { Array($0.utf8) } == expected.map { Array($0.utf8) })
        }
    }

    /// The listings' one query before they went deck by deck (ties by row, retired cards
    /// only when asked for).
    static let oneListingQuery = """
        SELECT c.id FROM cards c LEFT JOIN decks d ON d.name = c.deck WHERE (c.retired = 0 OR ?1 = 1)
          AND (?2 IS NULL OR c.deck IN (SELECT value FROM json_each(?2)))
        ORDER BY COALESCE(d.sort_order, 1 << 30), c.deck, c.position, c.rowid
        """

    @Test func theListingsTakeTheOrderOfOneSortedQuery() throws {
        let store = try decksOutOfNameOrder()
        try store.connection.execute(script: """
            UPDATE cards SET retired = 1 WHERE rowid % 3 = 0;
            UPDATE cards SET position = 7 WHERE deck = 'a';
            """)
        for scope in [DeckScope.every, DeckScope(["zz", "gone", "c"]), DeckScope([])] {
            for includeRetired in [false, true] {
                let expected = try store.connection.prepare(Self.oneListingQuery).map([includeRetired, scope.parameter]) {
                    CardID(rawValue: $0.string(0))
                }
                var listed: [CardID] = []
                try store.forEachCard(includeRetired: includeRetired, decks: scope) { listed.append($0.id) }
                #expect(listed == expected)
                #expect(scope.names?.isEmpty == true || !listed.isEmpty)
                // A few cards by ID come in the same order.
                let some = Set(expected.enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
                var listedByID: [CardID] = []
                try store.forEachCard(includeRetired: includeRetired, decks: scope, ids: some) { listedByID.append($0.id) }
                #expect(listedByID == expected.filter(some.contains))
            }
        }
    }

    private func decksOutOfNameOrder() throws -> StudyStore {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let outline = "# S\n\n- Alpha: the first one.\n- Beta: the second one.\n- Gamma: the third one.\n- Delta: the fourth one.\n"
        // Tied decks (zz and b at 9; odd and gone without a row) come in against their
        // names' order, so a tie broken by the first row instead of the name shows.
        for deck in ["zz", "a", "c", "odd", "b", "gone"] {
            let cards = try OutlineParser(deck: deck, file: deck + ".md").parse(outline)
            _ = try store.sync(deck: deck, source: "/" + deck + ".md", origin: .registered, files: [], cards: cards, at: 100)
        }
        try store.connection.execute(script: """
            UPDATE decks SET sort_order = 5 WHERE name = 'a';
            UPDATE decks SET sort_order = 1 WHERE name = 'c';
            UPDATE decks SET sort_order = 9 WHERE name = 'b';
            UPDATE decks SET sort_order = 9 WHERE name = 'zz';
            DELETE FROM decks WHERE name = 'gone';
            UPDATE cards SET position = 0 WHERE deck = 'c';
            UPDATE cards SET position = -position WHERE deck = 'b';
            DELETE FROM decks WHERE name = 'odd';
            UPDATE cards SET deck = CAST(x'6fff64' AS TEXT) WHERE deck = 'odd';
            """)
        return store
    }
}
