import Testing
@testable import Deck

/// The packed findings of `decks lint`: each reads back as it went in, its suggestion
/// worded from the facts kept, and they sort by file, then line, in the order found.
@Suite struct PromptFindingListTests {
    @Test func findingsReadBackWithTheirSuggestions() {
        var list = PromptFindingList()
        list.append(file: "b.md", line: 9, card: CardID(rawValue: "00000000000000b9"), term: "Cursor",
                    reason: .conflictingDefinitions, arguments: ["line 4", "Ledger"])
        list.append(file: "a.md", line: 7, card: CardID(rawValue: "00000000000000a7"), term: "MTBF/MTTR",
                    reason: .compoundTerm, arguments: ["MTBF", "MTTR"])
        list.append(file: "a.md", line: 3, card: CardID(rawValue: "00000000000000a3"), term: "Queues",
                    reason: .namesOnly, arguments: [])
        list.append(file: "a.md", line: 7, card: CardID(rawValue: "0000000000000a7b"), term: "Échéance",
                    reason: .sharedFront, arguments: ["a.md:2"])
        #expect(list.count == 4)
        list.sortByPlace()
        let findings = Array(list)
        #expect(findings.map(\.file) == ["a.md", "a.md", "a.md", "b.md"])
        #expect(findings.map(\.line) == [3, 7, 7, 9])
        #expect(findings.map(\.card.rawValue) == ["00000000000000a3", "00000000000000a7", "0000000000000a7b", "00000000000000b9"])
        #expect(findings.map(\.term) == ["Queues", "MTBF/MTTR", "Échéance", "Cursor"])
        #expect(findings.map(\.suggestion) == [
            "say what 'Queues' does or why it matters, then give the names as examples",
            "split it into one definition each: '- MTBF: …', '- MTTR: …'",
            "another card at a.md:2 asks the same; give one of them a heading of its own",
            "'Cursor' is also defined at line 4; name the difference in the terms, e.g. 'Cursor (Ledger)'",
        ])
    }

    @Test func aTermDefinedTwiceNamesTheFirstPlaceAndTheSection() throws {
        let cards = try OutlineParser(deck: "d", file: "d.md")
            .parse("# T\n\n## Streams\n\n- Cursor: a pointer into a stream.\n\n## Databases\n\n- Cursor: a handle over the rows of a query.\n")
        var linter = PromptLinter()
        for card in cards { linter.inspect(card) }
        let conflict = try #require(linter.findings.first { $0.reason == .conflictingDefinitions })
        #expect(conflict.line == 9)
        #expect(conflict.suggestion == "'Cursor' is also defined at line 5; name the difference in the terms, e.g. 'Cursor (Databases)'")
    }
}
