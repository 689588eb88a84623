import Foundation
import Testing

/// `sysdrill decks lint` on a deck whose drill has a broken rubric: each problem with its
/// file:line:column, in text and JSON, and exit 1.
@Suite struct RubricLintCLITests {
    static let deck = """
        # Mock drills

        - Ticket booking
          - Probs
            - What happens when two buyers take the last seat?
          - Pitfalls:
          - Anchors
            - Requirements
              - 0: no numbers
              - 3: peak, fairness and holds stated

        """

    @Test func rubricProblemsAreListedWithTheirPlace() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let path = cli.directory + "/tickets.md"
        try Self.deck.write(toFile: path, atomically: true, encoding: .utf8)
        let text = try cli.run(["decks", "lint", path])
        #expect(text.status == 1)
        #expect(text.stdout.contains("\(path):4:5: rubric (misspelled-part) 'Ticket booking': 'Probs' is not a rubric part; did you mean 'Probes'?\n"))
        #expect(text.stdout.contains("\(path):6:5: rubric (empty-part) 'Ticket booking': Pitfalls has nothing in it\n"))
        #expect(text.stdout.contains("\(path):8:7: rubric (incomplete-anchors) 'Ticket booking': the anchors of requirements lack 1, 2"))
        #expect(text.stdout.contains("\(path):3:1: rubric (no-statement) 'Ticket booking': the drill has Pitfalls, Anchors but no Statement"))
        #expect(text.stdout.hasSuffix(", 4 rubric problems\n"))
        let run = try cli.run(["decks", "lint", path, "--json"])
        #expect(run.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let rubric = json.filter { $0["type"] as? String == "rubric" }
        #expect(rubric.map { $0["reason"] as? String } == ["no-statement", "misspelled-part", "empty-part", "incomplete-anchors"])
        #expect(rubric.allSatisfy { $0["file"] as? String == path && $0["line"] is Int && $0["column"] is Int && $0["drill"] as? String == "Ticket booking" })
    }

    @Test func theExampleDeckHasNoRubricProblems() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/examples/drills.md").path
        let result = try cli.run(["decks", "lint", example])
        #expect(!result.stdout.contains("rubric ("), "\(result.stdout)")
    }
}
