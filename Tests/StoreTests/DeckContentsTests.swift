import Testing
@testable import Deck
@testable import Store

/// `decks` counts each deck's cards per top-level section in SQL (`deckContents`); the
/// figures must be those of counting the cards one by one in deck order.
@Suite struct DeckContentsTests {
    let dir = TemporaryDirectory()

    static func counted(_ cards: [StoredCard]) -> [String: DeckContents] {
        var result: [String: DeckContents] = [:]
        for stored in cards {
            var contents = result[stored.card.deck] ?? DeckContents()
            if stored.retired {
                contents.retired += 1
            } else {
                contents.active += 1
                let top = stored.card.section.first
                if let index = contents.sections.firstIndex(where: { $0.name == top }) {
                    contents.sections[index].cards += 1
                } else {
                    contents.sections.append((name: top, cards: 1))
                }
            }
            result[stored.card.deck] = contents
        }
        return result
    }

    @Test func countsAgreeWithTheCardsInDeckOrder() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let first = """
            - Loose: a card before any heading.

            # B. Later first

            - Beta: second letter.
            ## B.1 Deeper

            - Gamma: third letter.

            # A. Earlier name

            - Alpha: first letter.
            - Delta: fourth letter.

            # B. Later first

            - Epsilon: fifth letter.
            """
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [],
                           cards: try OutlineParser(deck: "one", file: "one.md").parse(first), at: 100)
        _ = try store.sync(deck: "two", source: "/two.md", origin: .registered, files: [],
                           cards: try OutlineParser(deck: "two", file: "two.md").parse("# Only\n\n- Zeta: sixth letter.\n"), at: 100)
        // A second sync of "one" without two cards retires them.
        let second = first.replacingOccurrences(of: "- Delta: fourth letter.\n", with: "")
            .replacingOccurrences(of: "- Loose: a card before any heading.\n", with: "")
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [],
                           cards: try OutlineParser(deck: "one", file: "one.md").parse(second), at: 200)
        let contents = try store.deckContents()
        #expect(contents == Self.counted(try store.cards(includeRetired: true)))
        #expect((contents["one"]?.retired ?? 0) >= 2)
        #expect(contents["one"]?.sections.map(\.name) == ["B. Later first", "A. Earlier name"])
    }
}
