import Deck
import Testing
@testable import Study
@testable import Practice

/// `decks lint` on the rubric sub-bullets of a user's drill cards: each problem with its
/// file, line and column.
@Suite struct RubricLintTests {
    func findings(_ deck: String) throws -> [RubricFinding] {
        let cards = try OutlineParser(deck: "d", file: "d.md").parse(deck).filter { $0.kind == .drill }
        #expect(!cards.isEmpty)
        let lines = FileLines(deck)
        return cards.flatMap { RubricLint.findings(for: $0, inFile: lines) }
    }

    @Test func theExampleDeckIsClean() throws {
        let text = try String(contentsOfFile: #filePath.replacingOccurrences(of: "Tests/PracticeTests/RubricLintTests.swift",
                                                                               with: "docs/examples/drills.md"), encoding: .utf8)
        #expect(try findings(text) == [])
    }

    @Test func aMisspelledPartIsNamedWithTheOneMeant() throws {
        let found = try findings("""
            # Mock drills

            - Ticket booking
              - Statement: 10,000 seats go on sale at noon.
              - Probs
                - What happens when two buyers take the last seat?
              - Pitfall: holding seats without expiry
            """)
        #expect(found.map(\.reason) == [.misspelledPart, .misspelledPart])
        #expect(found.map { "\($0.file):\($0.line):\($0.column)" } == ["d.md:5:5", "d.md:7:5"])
        #expect(found.map(\.detail) == ["'Probs' is not a rubric part; did you mean 'Probes'?",
                                        "'Pitfall' is not a rubric part; did you mean 'Pitfalls'?"])
        #expect(found.first?.drill == "Ticket booking")
    }

    @Test func anEmptyPartAndProbesWithoutAStatement() throws {
        let found = try findings("""
            # Mock drills

            - Ticket booking
              - Probes
                - What happens when two buyers take the last seat?
              - Pitfalls:
            """)
        #expect(found.map(\.reason) == [.noStatement, .emptyPart])
        #expect(found.map(\.line) == [3, 6])
        #expect(found[0].detail == "the drill has Probes, Pitfalls but no Statement to open with")
        #expect(found[1].detail == "Pitfalls has nothing in it")
    }

    @Test func anchorsWithoutAllFourLevels() throws {
        let found = try findings("""
            # Mock drills

            - Ticket booking
              - Statement: 10,000 seats go on sale at noon.
              - Anchors
                - Requirements
                  - 0: no numbers
                  - 2: peak and fairness stated
                - API
                  - nothing here yet
            """)
        #expect(found.map(\.reason) == [.incompleteAnchors, .incompleteAnchors, .unreadable])
        #expect(found.map(\.line) == [6, 9, 10])
        #expect(found[0].detail == "the anchors of requirements lack 1, 3 (all four of 0-3 are needed to show them)")
        #expect(found[1].detail.hasPrefix("the anchors of the API have no levels") || found[1].detail.contains("have no levels"))
        #expect(found[2].detail.hasPrefix("an anchor starts with its score"))
    }

    @Test func anAnchorsEntryThatIsNoPartIsWhatTheDrillWouldRefuse() throws {
        let found = try findings("""
            # Mock drills

            - Ticket booking
              - Statement: 10,000 seats go on sale at noon.
              - Anchors
                - Requirments
                  - 0: none
            """)
        #expect(found.map(\.reason) == [.unreadable])
        #expect(found.first.map { "\($0.line):\($0.column)" } == "6:7")
        #expect(found.first?.detail.hasPrefix("'Requirments' under Anchors is not a part") == true)
    }

    @Test func talkingPointsThatAreNotPartsAreLeftAlone() throws {
        #expect(try findings("""
            # Mock drills

            - Ticket booking
              - Seat holds with expiry
              - Fair queue at noon
              - Payments: idempotent
            """) == [])
    }
}
