import Testing
@testable import Deck

/// `--section` looks at headings, labels, parent terms and the card's own term, never at
/// an answer, a Q/A card's question or a URL.
@Suite struct SectionFilterTests {
    static let deck = """
    # Storage (see https://example.com/replication-notes)

    - WAL: a log written before the pages; see [the paper](https://example.com/durability.pdf)

    **Sharding schemes**:

    - range
    - hash

    Q: How does compaction reclaim space?
    A: It merges segments and drops overwritten keys.

    """

    func cards(matching text: String) throws -> [String] {
        let cards = try OutlineParser(deck: "notes", file: "notes.md").parse(Self.deck)
        return cards.filter { SectionFilter(text).matches($0) && !$0.kind.isDerived }.map(\.term)
    }

    @Test func wordsInHeadingsLabelsAndTermsMatch() throws {
        #expect(try cards(matching: "storage").count == 3)
        #expect(try cards(matching: "SHARDING") == ["Sharding schemes"])
        #expect(try cards(matching: "wal") == ["WAL"])
    }

    @Test func urlsAnswersAndQuestionsNeverMatch() throws {
        for word in ["replication", "example.com", "durability", "paper", "pages", "compaction", "segments"] {
            #expect(try cards(matching: word).isEmpty, "\(word)")
        }
    }

    @Test func suggestionWordsLeaveOutURLsAndNumbering() {
        let words = SectionFilter.words(of: ["3.4 Caching (see https://example.com/x)", "Write-through:"])
        #expect(words == ["caching", "see", "write-through"])
    }
}
