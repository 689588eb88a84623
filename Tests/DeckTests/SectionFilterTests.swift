import SeededRandom
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

    /// ASCII headings are searched byte by byte; the result must be the one of the
    /// lowercased search it replaces, for any mix of case, web addresses and non-ASCII text.
    @Test func theByteSearchAgreesWithTheLowercasedSearch() {
        var random = SplitMix64(seed: 0x5EC_2026)
        let pieces = ["Cache", "cache", "CACHING", " ", "3.4", "Gossip", "http://x.io/cache", "www.cache.com", "Ünïcode", "K",
                      "\u{212A}", "é", "e\u{301}", "-", "Read", "ahead", "rEAD-Ahead"]
        let needles = ["cache", "CACHE", "read-ahead", "k", "\u{212A}", "é", "gossip cache", "x.io", "www", "a"]
        for _ in 0..<3_000 {
            let heading = (0..<Int(random.next() % 5)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            let text = needles[Int(random.next() % UInt64(needles.count))]
            let expected = SectionFilter.withoutURLs(heading).lowercased().contains(text.lowercased())
            #expect(SectionFilter(text).matches([heading]) == expected, "\(text) in \(heading)")
        }
    }
}
