import BundledContent
import Deck
import Testing
@testable import Practice

/// Rubrics read from Markdown: one small input per rule, then the eight built-in files.
@Suite struct DrillRubricTests {
    static func read(_ text: String) throws -> DrillRubric {
        try RubricReader.read(text, file: "r.md")
    }

    @Test func headingsNameTheSectionsOfARubricFile() throws {
        let rubric = try Self.read("""
        # Parking garage

        ## Statement
        A garage of 5 floors.
        - 600 spots

        ## Probes
        - How do you count free spots? (see 9.2, Caching)
        - What if the gate loses power?

        ## Pitfalls
        - No plan for lost tickets

        ## Reference
        - Counters per floor
          - trade-off: a counter can drift

        ## Anchors
        ### Requirements
        - 0: none
        - 1: some
        - 2: most
        - 3: all
        """)
        #expect(rubric.title == "Parking garage")
        #expect(rubric.statement == ["A garage of 5 floors.", "- 600 spots"])
        #expect(rubric.probes == [.init(text: "How do you count free spots?", topics: ["9.2", "Caching"]),
                                  .init(text: "What if the gate loses power?")])
        #expect(rubric.pitfalls == ["No plan for lost tickets"])
        #expect(rubric.reference == ["Counters per floor — trade-off: a counter can drift"])
        #expect(rubric.anchors(for: .requirements) == ["none", "some", "most", "all"])
        #expect(rubric.anchors(for: .estimates) == nil)
    }

    @Test func subBulletsNameTheSectionsOfADeckDrill() throws {
        let rubric = try Self.read("""
          - STATEMENT: Design a garage for 600 cars.
          - probes:
            - Where do you count?
          - Anchors
            - High level design
              - 0 nothing
              - 1. boxes
              - 2) paths
              - 3 — trade-offs
        """)
        #expect(rubric.title == nil)
        #expect(rubric.statement == ["Design a garage for 600 cars."])
        #expect(rubric.probes.map(\.text) == ["Where do you count?"])
        #expect(rubric.anchors(for: .highLevel) == ["nothing", "boxes", "paths", "trade-offs"])
    }

    @Test func anOrderedListNumbersTheAnchors() throws {
        let rubric = try Self.read("""
        ## Anchors
        ### Wrap-up
        0. silent
        1. vague
        2. named
        3. ranked
        """)
        #expect(rubric.anchors(for: .wrapUp) == ["silent", "vague", "named", "ranked"])
    }

    @Test(arguments: [
        ("Requirements", DrillPart.requirements), ("estimates", .estimates), ("API", .api), ("Entities and API", .api),
        ("High-level design", .highLevel), ("deep dives", .deepDives), ("Bottlenecks and wrap-up", .wrapUp),
        ("wrap up", .wrapUp), ("Communication", .communication),
    ])
    func partNames(name: String, part: DrillPart) {
        #expect(RubricReader.part(named: name) == part)
    }

    @Test func anUnknownPartUnderAnchorsIsAnErrorWithItsPlace() {
        #expect(throws: RubricError(file: "r.md", line: 3, column: 3,
                                    reason: "'Style' under Anchors is not a part; the parts are requirements, estimates, entities and API, high-level design, deep dives, bottlenecks and wrap-up, communication")) {
            try Self.read("## Anchors\n\n- Style\n  - 0: none\n")
        }
    }

    @Test func anAnchorWithoutItsScoreIsAnError() {
        #expect(throws: RubricError(file: "r.md", line: 3, column: 7,
                                    reason: "an anchor starts with its score, 0 to 3: '2: solid answer' (found 'good work')")) {
            try Self.read("- Anchors\n  - API\n    - good work\n")
        }
    }

    @Test func aSecondAnchorForOneScoreIsAnError() {
        #expect(throws: RubricError(file: "r.md", line: 4, column: 3, reason: "estimates has a second anchor for 1")) {
            try Self.read("## Anchors\n### Estimates\n- 1: a\n- 1: b\n")
        }
    }

    @Test func textOutsideTheNamedSectionsIsIgnored() throws {
        let rubric = try Self.read("# X\n\nIntroduction.\n\n- a talking point\n")
        #expect(rubric.isEmpty)
    }

    @Test func codeBlocksAreSkipped() throws {
        let rubric = try Self.read("## Pitfalls\n```\n- not a pitfall\n```\n- a pitfall\n")
        #expect(rubric.pitfalls == ["a pitfall"])
    }

    // MARK: The built-in rubrics

    static let files = BundledContent.rubrics

    @Test func eightBuiltInRubricsAreEmbedded() {
        #expect(Self.files.count == 8)
        // Rubrics are not decks: the deck list still has only the outline.
        #expect(BundledContent.files.map(\.name) == ["system-design.md"])
    }

    @Test(arguments: BundledContent.rubrics.map(\.name))
    func builtInRubricIsComplete(name: String) throws {
        let file = try #require(Self.files.first { $0.name == name })
        let rubric = try RubricReader.read(String(decoding: file.bytes, as: UTF8.self), file: name)
        #expect(rubric.gaps == [], "\(name)")
        #expect((5...10).contains(rubric.probes.count))
        for part in DrillScoring.parts { #expect(rubric.anchors(for: part)?.count == 4, "\(name): \(part)") }
        // The statement gives numbers to estimate from.
        #expect(rubric.statement.filter { $0.contains { $0.isNumber } }.count >= 3, "\(name)")
        // Every topic a probe links to is a section of the outline.
        for topic in rubric.probes.flatMap(\.topics) {
            #expect(PracticeSeed.cards.contains { SectionFilter(topic).matches($0) }, "\(name): \(topic)")
        }
    }

    @Test func everyBuiltInDrillCardHasItsRubric() throws {
        let rubrics = try DrillRubrics(files: Self.files.map { ($0.name, $0.bytes) }, builtInDecks: ["system-design"])
        let exercises = try rubrics.attach(to: DrillCatalog.exercises(from: PracticeSeed.cards), read: { _ in nil })
        #expect(exercises.count == 8)
        for exercise in exercises { #expect(exercise.rubric?.title == exercise.name) }
    }
}
