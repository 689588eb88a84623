import Testing
@testable import Deck

/// Card syntax of other plain-text SRS tools: hashcards' `C:` cloze, and lint notes for
/// what looks like card syntax but gives no card.
@Suite struct ForeignSyntaxTests {
    func cards(_ text: String) throws -> [Card] {
        try OutlineParser(deck: "d", file: "d.md").parse(text)
    }

    func notes(_ text: String) throws -> [DeckNote] {
        var reader = try OutlineParser(deck: "d", file: "d.md").reader(for: Array(text.utf8))
        while try reader.next() != nil {}
        return reader.notes
    }

    @Test func clozeGivesOneCardPerDeletion() throws {
        let made = try cards("# Geo\n\nC: The capital of [France] is [Paris].\n")
        #expect(made.map(\.front) == ["Geo: The capital of […] is Paris.", "Geo: The capital of France is […]."])
        #expect(made.map(\.back) == ["France", "Paris"])
        #expect(made.allSatisfy { $0.kind == .question && $0.source.line == 3 })
        #expect(Set(made.map(\.id)).count == 2)
    }

    @Test func clozeGoesOnOverItsLinesAndKeepsLinksAsText() throws {
        let made = try cards("C: A [quorum] is a majority\nof [the replicas](https://example.com/q) voting.\n\nnext paragraph\n")
        #expect(made.map(\.back) == ["quorum"])
        #expect(made[0].front == "A […] is a majority of the replicas voting.")
        #expect(made[0].links == ["https://example.com/q"])
    }

    @Test func escapedAndImageBracketsAreNoDeletions() {
        #expect(ClozeDeletions.ranges(in: "a \\[b] ![c](x.png) [d](u) [ ] [[e]]").isEmpty)
        #expect(ClozeDeletions.ranges(in: "x [y] z").count == 1)
    }

    @Test func theSameClozeTwiceIsADuplicate() {
        #expect(throws: DeckError.self) { try cards("C: one [two]\n\nC: one [two]\n") }
    }

    @Test func clozeSyntaxWithoutADeletionIsANoteNotACard() throws {
        let text = "# T\n\nIntro text.\n\nC: nothing hidden here\n"
        #expect(try cards(text).allSatisfy { !$0.back.contains("nothing") && !$0.front.contains("nothing") })
        let found = try notes(text)
        #expect(found.map(\.reason) == [.cardSyntax])
        #expect(found.first?.line == 5)
    }

    @Test func obsidianQuestionSeparatorIsANote() throws {
        let found = try notes("# T\n\nWhat is a quorum?\n?\nA majority of the replicas.\n")
        #expect(found.map(\.reason) == [.cardSyntax])
        #expect(found.first?.line == 4)
    }

    @Test func aLineStartingWithCColonInsideABulletIsUnchanged() throws {
        // A bullet `- C: text` is a definition of "C", as before.
        let made = try cards("# T\n\n- C: [draft] is fine\n").filter { !$0.kind.isDerived }
        #expect(made.map(\.kind) == [.definition])
    }
}
