import Testing
@testable import Deck
@testable import Store

/// Cards are looked up in batches by a JSON list of their IDs. An ID that is not 16 hex
/// digits (only a hand-made database holds one) may hold a quote, a backslash or a
/// control character: escaped in the list, it is found like any other, and does not make
/// the whole batch fail.
@Suite struct OddIDListTests {
    let dir = TemporaryDirectory()

    @Test func oddIDsAreFoundInABatch() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let parsed = try fourDefinitionCards()
        let texts = ["say \"hi\"", "back\\slash", "tab\there", parsed[3].id.rawValue]
        let cards = zip(parsed, texts).map { card, text in
            Card(id: CardID(rawValue: text), deck: card.deck, section: card.section, kind: card.kind, term: card.term,
                 front: card.front, back: card.back, items: card.items, source: card.source, order: card.order)
        }
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [], cards: cards, at: 100)
        let ids = cards.map(\.id)
        #expect(try Set(store.listedCards(ids).keys) == Set(ids))
        #expect(try Set(store.queuedCards(ids).keys) == Set(ids))
        #expect(try store.listedCards(ids)[CardID(rawValue: "say \"hi\"")]?.front == cards[0].front)
    }
}
