@testable import Deck

/// Four definition cards of deck "one" (file one.md, section S), reverses left out: a
/// small deck for tests of the store's lookups.
func fourDefinitionCards() throws -> [Card] {
    try OutlineParser(deck: "one", file: "one.md")
        .parse("# S\n\n- A: alpha is the first.\n- B: beta is the second.\n- C: gamma is the third.\n- D: delta is the fourth.\n")
        .filter { !$0.kind.isDerived }
}
