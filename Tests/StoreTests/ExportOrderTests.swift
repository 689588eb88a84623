import Testing
@testable import Deck
@testable import Store

/// `forEachCardInExportOrder` takes the cards deck by deck; the order must stay the one
/// query's `ORDER BY COALESCE(d.sort_order, 1 << 30), c.deck, c.position, c.id`, with
/// decks out of name order, a deck left without its `decks` row, a deck name that is not
/// valid UTF-8 (a hand-edited database), and cards sharing a position.
@Suite struct ExportOrderTests {
    let dir = TemporaryDirectory()

    static let oneQuery = """
        SELECT c.id FROM cards c LEFT JOIN decks d ON d.name = c.deck
        WHERE ?1 IS NULL OR c.deck IN (SELECT value FROM json_each(?1))
        ORDER BY COALESCE(d.sort_order, 1 << 30), c.deck, c.position, c.id
        """

    @Test func deckByDeckIsTheOrderOfOneSortedQuery() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let outline = "# S\n\n- Alpha: the first one.\n- Beta: the second one.\n- Gamma: the third one.\n- Delta: the fourth one.\n"
        for deck in ["b", "a", "c", "gone", "zz", "odd"] {
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
            DELETE FROM decks WHERE name = 'odd';
            UPDATE cards SET deck = CAST(x'6fff64' AS TEXT) WHERE deck = 'odd';
            """)
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
}
