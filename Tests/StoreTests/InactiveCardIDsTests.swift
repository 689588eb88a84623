import Testing
@testable import Deck
@testable import Store

/// `inactiveCardIDs` names the cards a sync retired and the suspended ones (a cleared
/// suspend is not one): what `simulate`, `optimize` and the target-date recall leave out.
@Suite struct InactiveCardIDsTests {
    let dir = TemporaryDirectory()

    @Test func retiredAndSuspendedCardsAreInactive() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let parser = OutlineParser(deck: "one", file: "one.md")
        let all = try parser.parse("# S\n\n- A: alpha.\n- B: beta.\n- C: gamma.\n- D: delta.\n")
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [], cards: all, at: 100)
        #expect(try store.inactiveCardIDs().isEmpty)
        let ids = all.map(\.id)
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [],
                           cards: all.filter { $0.id != ids[1] }, at: 200)
        _ = try store.setMark(.suspended, true, on: ids[2], at: 300)
        _ = try store.setMark(.suspended, true, on: ids[3], at: 300)
        _ = try store.setMark(.suspended, false, on: ids[3], at: 310)
        #expect(try store.inactiveCardIDs() == [ids[1], ids[2]])
        #expect(try store.allCardIDs().count == 4, "the retired card should still be stored")
    }
}
