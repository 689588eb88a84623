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

    // MARK: Obsidian spaced repetition (only in notes tagged #flashcards)

    static let obsidianNote = """
        #flashcards

        # Networking

        TCP::a reliable, ordered byte stream
        UDP:::a connectionless datagram protocol

        What does a load balancer do
        when a server fails its health check?
        ?
        It stops sending traffic to it.

        Which port does HTTPS use?
        ??
        443 for TLS over TCP
        """

    @Test func obsidianCardsInATaggedNote() throws {
        let made = try cards(Self.obsidianNote)
        #expect(made.map(\.kind) == [.question, .question, .reverse, .question, .question, .reverse])
        #expect(made.map(\.back) == ["a reliable, ordered byte stream", "a connectionless datagram protocol", "UDP",
                                     "It stops sending traffic to it.", "443 for TLS over TCP", "Which port does HTTPS use?"])
        #expect(made[1].front == "Networking: UDP")
        #expect(made[2].from == [made[1].id])
        #expect(made[5].from == [made[4].id])
        #expect(made.map(\.source.line) == [5, 6, 6, 8, 13, 13])
        #expect(made[3].term == "What does a load balancer do when a server fails its health check?")
        #expect(try notes(Self.obsidianNote).filter { $0.reason == .cardSyntax }.isEmpty)
    }

    @Test func frontMatterTagTurnsObsidianCardsOn() throws {
        let made = try cards("---\ntags: [flashcards/net]\n---\n# N\n\nTCP::a stream\n")
        #expect(made.map(\.term) == ["TCP"])
        #expect(made.map(\.back) == ["a stream"])
    }

    @Test func withoutTheTagDoubleColonsAreText() throws {
        // `std::vector` in ordinary notes stays prose: the heading's definition, as before.
        let made = try cards("# C++\n\n## Containers\n\nstd::vector is a growable array.\n").filter { !$0.kind.isDerived }
        #expect(made.map(\.kind) == [.definition])
        #expect(made.first?.back.contains("std::vector") == true)
        #expect(try cards("Words #flashcardsmith and more\n\nTerm::Answer\n").isEmpty)
    }

    @Test func inlineTagIsFoundOnlyAsATag() {
        func found(_ text: String) -> Bool {
            Array(text.utf8).withUnsafeBufferPointer { ObsidianCards.hasInlineTag($0, from: 0) }
        }
        #expect(found("#flashcards"))
        #expect(found("text #flashcards/deck\n"))
        #expect(found("a\n#flashcards."))
        #expect(!found("#flashcardsX"))
        #expect(!found("a#flashcards"))
    }
}
