import Testing
import Deck
import JSONText
@testable import Study

/// `cards --json` writes each card with `CardJSON.entries` straight into its output;
/// `card ID --json` builds `CardJSON.object` and adds to it. Both must say the same.
@Suite struct CardJSONTests {
    static let cards: [Card] = [
        Card(id: CardID(rawValue: "0123456789abcdef"), deck: "notes", section: ["1. Caching", "1.1 Write-through"],
             kind: .definition, term: "Write-through", front: "Caching › Write-through: what is meant by it?",
             back: "Writes go to the cache and the store \"together\".\nA second line.", items: [],
             source: SourceLocation(file: "notes/cache.md", line: 12), order: 3, links: ["https://example.org/a"]),
        Card(id: CardID(rawValue: "fedcba9876543210"), deck: "notes", section: [], kind: .list, term: "Cache kinds",
             front: "name the 3 kinds.", back: "", items: ["local", "distributed", "CDN \u{2028} edge"],
             source: SourceLocation(file: "notes/cache.md", line: 20), order: 4),
        Card(id: CardID(rawValue: "00000000000000ff"), deck: "notes", section: ["Caching"], kind: .reverse, term: "Write-through",
             front: "which term is this?", back: "Write-through", items: [],
             source: SourceLocation(file: "notes/cache.md", line: 12), order: 5, from: [CardID(rawValue: "0123456789abcdef")]),
    ]

    @Test(arguments: cards)
    func theWrittenEntriesAreTheObjectsEntries(card: Card) {
        let variants: [(retired: Bool?, tags: CardJSON.Tags?, source: Bool)] = [
            (nil, nil, true), (true, CardJSON.Tags(suspended: true, flagged: false, leech: true), true), (false, nil, false),
        ]
        for variant in variants {
            var expected: [UInt8] = []
            JSONValue.object(CardJSON.object(card, retired: variant.retired, tags: variant.tags, includeSource: variant.source))
                .write(into: &expected, pretty: true, indent: 1)
            var written: [UInt8] = []
            PrettyObjectWriter.write(into: &written, indent: 1) { object in
                CardJSON.entries(card, retired: variant.retired, tags: variant.tags, includeSource: variant.source, into: &object)
            }
            #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
            #expect(String(decoding: written, as: UTF8.self).contains("\"id\": \"\(card.id.rawValue)\""))
        }
    }

    /// The layout `cards --json` has always had, written out by hand.
    @Test func aReverseCardReadsAsDocumented() {
        var written: [UInt8] = []
        PrettyObjectWriter.write(into: &written, indent: 1) { object in
            CardJSON.entries(Self.cards[2], retired: true, tags: CardJSON.Tags(suspended: false, flagged: true, leech: false),
                             into: &object)
        }
        let expected = """
            {
                "id": "00000000000000ff",
                "deck": "notes",
                "section": [
                  "Caching"
                ],
                "kind": "reverse",
                "term": "Write-through",
                "front": "which term is this?",
                "back": "Write-through",
                "links": [],
                "from": [
                  "0123456789abcdef"
                ],
                "source": {
                  "file": "notes/cache.md",
                  "line": 12
                },
                "retired": true,
                "suspended": false,
                "flagged": true,
                "leech": false
              }
            """
        #expect(String(decoding: written, as: UTF8.self) == expected)
    }
}
