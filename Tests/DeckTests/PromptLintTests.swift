import Testing
@testable import Deck

/// Each weak-prompt rule, on one small deck.
@Suite struct PromptLintTests {
    func findings(_ text: String) throws -> [PromptFinding.Reason] {
        var linter = PromptLinter()
        for card in try OutlineParser(deck: "t", file: "t.md").parse(text) { linter.inspect(card) }
        return linter.findings.map(\.reason)
    }

    @Test(arguments: [
        ("# T\n\n- Sharding: Splitting data by key across many servers.\n", [PromptFinding.Reason]()),
        ("# T\n\n- Sharding: Is it splitting?\n", [.questionAnswer]),
        ("# T\n\n- Sharding: splits data.\n", [.thinAnswer]),
        ("# T\n\n- Cache: Redis, Memcached or Varnish.\n", [.namesOnly]),
        ("# T\n\n- Caching: caching of the data.\n", [.circularAnswer]),
        ("# T\n\n- RPO & RTO: How much data and time you can lose.\n", [.compoundTerm]),
        ("# T\n\n## A\n\n- Latency: Time for one request to finish.\n\n## B\n\n- Latency: Delay between a cause and its effect.\n", [.conflictingDefinitions]),
        ("- one point here\n- another point here\n", [.vagueFront]),
        ("# T\n\n## L\n\n" + (1...9).map { "- item number \($0)\n" }.joined(), [.longList]),
    ])
    func rule(_ text: String, _ expected: [PromptFinding.Reason]) throws {
        #expect(try findings(text) == expected)
    }

    @Test func shortSlashTermsAreOneThing() {
        #expect(PromptLinter.compoundParts("Pub/Sub") == nil)
        #expect(PromptLinter.compoundParts("I/O") == nil)
        #expect(PromptLinter.compoundParts("MTBF/MTTR") == ["MTBF", "MTTR"])
        #expect(PromptLinter.compoundParts("Cloud vs. On-Prem") == nil)
    }
}
