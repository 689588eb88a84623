import Testing
@testable import Deck
@testable import Store

/// Cards read in one pass share their deck, section path and file with the card before
/// when those are the same (`CardRowDecoder`): each card must still read exactly as it
/// does alone, across changes of deck, section, file and an empty path.
@Suite struct CardRowDecoderTests {
    let dir = TemporaryDirectory()

    @Test func cardsReadInOnePassEqualEachCardReadAlone() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let one = try OutlineParser(deck: "one", file: "one.md")
            .parse("- Top: a card before any heading.\n\n# S\n\n- A: alpha.\n- B: beta.\n\n## T\n\n- C: gamma.\n\n# S\n\n- D: delta.\n")
        let two = try OutlineParser(deck: "two", file: "notes/two.md").parse("# S\n\n- E: epsilon.\n\n# U\n\n- F: phi.\n")
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [], cards: one, at: 100)
        _ = try store.sync(deck: "two", source: "/two.md", origin: .registered, files: [], cards: two, at: 100)
        var read: [StoredCard] = []
        try store.forEachCard { read.append($0) }
        #expect(read.count == one.count + two.count)
        #expect(Set(read.map(\.card.section)).count >= 4, "the deck should cross several section paths")
        for stored in read {
            #expect(try store.card(id: stored.id) == stored)
        }
        #expect(Set(read.map(\.card)) == Set(one + two))
    }
}
