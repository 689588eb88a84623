import Testing
@testable import Deck
@testable import Store

/// `activeCardIDs` names the cards `cards()` gives, without reading their text: the cards
/// a sync retired are left out.
@Suite struct ActiveCardIDsTests {
    let dir = TemporaryDirectory()

    @Test func theActiveIDsAreThoseOfTheActiveCards() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let parser = OutlineParser(deck: "one", file: "one.md")
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [],
                           cards: try parser.parse("# S\n\n- A: alpha.\n- B: beta.\n- C: gamma.\n"), at: 100)
        let fewer = try parser.parse("# S\n\n- A: alpha.\n- C: gamma.\n")
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [], cards: fewer, at: 200)
        let active = try store.activeCardIDs()
        #expect(active == Set(try store.cards().map(\.id)))
        #expect(active == Set(fewer.map(\.id)))
        #expect(try store.allCardIDs().count > active.count, "the retired card should still be stored")
    }
}
