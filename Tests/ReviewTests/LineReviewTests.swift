import Deck
import Scheduling
import Testing
@testable import Study
@testable import Review

@Suite struct LineReviewTests {
    @Test(arguments: [
        ("0", LineReview.Command.grade(Quality(rawValue: 0)!)), ("5", .grade(Quality(rawValue: 5)!)),
        ("again", .grade(Quality(rawValue: 1)!)), ("Hard", .grade(Quality(rawValue: 3)!)),
        (" good ", .grade(Quality(rawValue: 4)!)), ("easy", .grade(Quality(rawValue: 5)!)),
        ("u", .undo), ("s", .skip), ("q", .quit),
    ])
    func parsesAnswers(line: String, command: LineReview.Command) {
        #expect(LineReview.parse(line) == command)
    }

    @Test(arguments: ["6", "-1", "", "goood", "1.5", "yes"])
    func rejectsOtherInput(line: String) {
        #expect(LineReview.parse(line) == nil)
    }

    @Test func endOfInputMidSessionKeepsEveryAnswer() throws {
        let fixture = try StudyFixture()
        let session = try fixture.session()
        var input = ["good", "nonsense", "4"]
        var output = "", messages: [String] = []
        let review = LineReview(session: session, channel: LineChannel(readLine: { input.isEmpty ? nil : input.removeFirst() },
                                output: { output += $0 }, message: { messages.append($0) }, json: false))
        #expect(try review.run() == 0)
        #expect(try fixture.store.reviewCount() == 2)
        #expect(output.hasPrefix("Basics: what is meant by A1?\n---\nanswer 1.\n"))
        #expect(output.components(separatedBy: "\n---\n").count == 4)  // A1, A2, A3 shown
        #expect(messages.contains { $0.contains("not an answer") })
    }

    @Test func jsonEventsOnePerLine() throws {
        let fixture = try StudyFixture()
        let session = try fixture.session(limit: 1)
        var input = ["good"]
        var lines: [String] = []
        let review = LineReview(session: session, channel: LineChannel(readLine: { input.isEmpty ? nil : input.removeFirst() },
                                output: { lines.append($0) }, message: { _ in }, json: true))
        _ = try review.run()
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("{\"event\":\"card\""))
        #expect(lines[1].hasPrefix("{\"event\":\"answer\""))
        #expect(lines.allSatisfy { $0.hasSuffix("}\n") })
    }
}
