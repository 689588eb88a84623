import Testing
@testable import Deck

/// `sharedWordGroups` reads each name's word count and last word, and a one-word name's
/// hyphenated parts, on bytes; they must be what `words` and `split(separator: "-")` give.
@Suite struct NameShapeTests {
    static let names = [
        "Write-through", "Lamport Clocks", "  Vector\tClocks  ", "A & B", "&", "", "Pros/Cons", "At-most-once",
        "-leading", "trailing-", "a--b", "---", "Ünïcode Clocks", "Café-au-lait", "C++ Templates", "L4", "x y z 42",
        "Write-Back (WB)", "Tab\tseparated\twords", "UPPER case", "e\u{301}te\u{301}-long",
    ]

    @Test(arguments: names)
    func wordCountAndLastAreThoseOfWords(name: String) {
        let all = DerivedCards.words(name)
        let shape = DerivedCards.wordCountAndLast(name)
        #expect(shape.count == all.count)
        #expect(shape.last == all.last)
    }

    @Test(arguments: names)
    func hyphenPartsAreThoseOfSplit(name: String) {
        let parts = name.split(separator: "-").map(String.init)
        let found = DerivedCards.hyphenParts(name)
        #expect(found?.first == (parts.count >= 2 ? parts.first : nil))
        #expect(found?.last == (parts.count >= 2 ? parts.last : nil))
    }
}
