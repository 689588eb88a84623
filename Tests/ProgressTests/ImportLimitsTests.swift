import Foundation
import JSONText
import Testing
@testable import Deck
@testable import Scheduling
@testable import Store
@testable import Study
@testable import Progress
import Timekeeping

/// Issue 17: values a file may hold that the rest of sysdrill cannot live with, refused at
/// the door with their JSON path (and the same message from the byte scanners and the
/// general reader), and the causes given for files that are not JSON.
@Suite struct ImportLimitsTests {
    let folder = ProgressTempFolder()

    /// A history of a few reviews and one quiz answer, exported plainly.
    func exportedHistory() throws -> String {
        let store = try ProgressFixture.store(in: folder, named: "source.sqlite")
        let cdn = ProgressFixture.cardID(term: "CDN")
        try ProgressFixture.review(store, card: cdn, at: "2026-11-01T08:00:00Z", grade: 4, id: ProgressFixture.reviewID(1))
        try ProgressFixture.review(store, card: cdn, at: "2026-11-02T08:00:00Z", grade: 5, id: ProgressFixture.reviewID(2),
                                   durationMs: 12_345)
        try ProgressFixture.review(store, card: cdn, at: "2026-11-08T09:30:00Z", grade: 3, id: ProgressFixture.reviewID(3))
        try store.insertQuizResult(QuizResultRecord(id: "quiz-1", sessionID: "s-1", at: ISO8601.parse("2026-11-04T10:00:00Z")!,
                                                    mode: "typed", cardID: cdn, prompt: "CDN?", expected: "Edge caching",
                                                    given: "edge", correct: true, durationMs: 8_000))
        return try ProgressFixture.exportText(store)
    }

    /// The problems a file has, read whole (`document`) and streamed into an empty log
    /// (`importText`), which must agree; the target database must not change.
    func problems(_ text: String) throws -> [String] {
        let target = try ProgressFixture.store(in: folder, named: "target-\(UUID().uuidString).sqlite")
        let before = try ProgressFixture.snapshot(target)
        var whole: [String] = []
        do {
            _ = try ProgressImport.document(bytes: Array(text.utf8), path: "f.json", localCards: try target.allCardIDs())
        } catch let error as ProgressError {
            if case .invalidDocument(_, let problems) = error { whole = problems.map(\.description) } else { whole = ["\(error)"] }
        }
        var streamed: [String] = []
        do {
            try ProgressFixture.importText(text, into: target)
        } catch let error as ProgressError {
            if case .invalidDocument(_, let problems) = error { streamed = problems.map(\.description) } else { streamed = ["\(error)"] }
        }
        #expect(whole == streamed)
        if !whole.isEmpty { #expect(try ProgressFixture.snapshot(target) == before) }
        return whole
    }

    /// The export with the review whose `at` is `at` changed.
    func changingReview(_ text: String, where match: (JSONObject) -> Bool, _ change: (inout JSONObject) -> Void) throws -> (String, Int) {
        var document = try JSONParser.parse(text).objectValue!
        var reviews = document["reviews"]!.arrayValue!
        let index = try #require(reviews.firstIndex { match($0.objectValue!) })
        var review = reviews[index].objectValue!
        change(&review)
        reviews[index] = .object(review)
        document["reviews"] = .array(reviews)
        return (JSONValue.object(document).serialized(pretty: false), index)
    }

    // MARK: 1. Durations

    @Test func aDurationAboveOneDayIsRefusedWithItsPath() throws {
        let text = try exportedHistory()
        for duration: Int64 in [86_400_001, 9_223_372_036_854_775_000] {
            // Written plainly, so the byte scanner sees it first and must leave it to the
            // general reader.
            let (changed, index) = try changingReview(text, where: { $0["duration_ms"] == 12_345 }) { $0["duration_ms"] = JSONValue(duration) }
            #expect(changed.contains("\"duration_ms\":\(duration)"))
            #expect(try problems(changed) == ["$.reviews[\(index)].duration_ms: expected an integer 0-86400000, got \(duration)"])
        }
        // One day exactly is accepted.
        let (oneDay, _) = try changingReview(text, where: { $0["duration_ms"] == 12_345 }) { $0["duration_ms"] = 86_400_000 }
        #expect(try problems(oneDay) == [])
    }

    @Test func answerTimeAveragesDoNotOverflow() throws {
        let card = ProgressFixture.cardID(term: "CDN")
        let reviews = (0..<3).map { number in
            ReviewRecord(id: ProgressFixture.reviewID(number), cardID: card, at: 1_000 + Int64(number), grade: Quality(rawValue: 4)!,
                         durationMs: Int64.max - 1)
        }
        let input = StatsInput(configuration: .defaults, cards: [], states: [:], reviews: reviews)
        let times = StatsReport.make(input, calendar: StudyCalendar(rolloverHour: 0, utcOffset: { _ in 0 }), now: 2_000,
                                     forecastDays: 1).answerTimes
        let expected = Double(Int64.max - 1)
        #expect(times.all.map { abs($0 - expected) / expected < 1e-9 } == true)
        #expect(times.today.map { abs($0 - expected) / expected < 1e-9 } == true)
    }

    // MARK: 2. U+0000

    @Test func textHoldingU0000IsRefusedWithItsPath() throws {
        let text = try exportedHistory()
        var document = try JSONParser.parse(text).objectValue!
        var quiz = document["quiz_results"]!.arrayValue!
        var answer = quiz[0].objectValue!
        answer["given"] = "edge\u{0}caching"
        quiz[0] = .object(answer)
        document["quiz_results"] = .array(quiz)
        var cards = document["cards"]!.arrayValue!
        var card = cards[1].objectValue!
        card["back"] = .string("before\u{0}after")
        cards[1] = .object(card)
        document["cards"] = .array(cards)
        let changed = JSONValue.object(document).serialized(pretty: false)
        #expect(changed.contains("\\u0000"))
        let message = "text holds U+0000 (a NUL character, written \\u0000), which sysdrill cannot store"
        #expect(try problems(changed) == ["$.cards[1].back: " + message, "$.quiz_results[0].given: " + message])
    }

    // MARK: 3. Year 9999

    @Test func aReviewAfterTheYear8999IsRefusedWithItsPath() throws {
        let text = try exportedHistory()
        for time in ["9999-12-31T12:00:00Z", "9000-01-01T00:00:00Z", "8999-12-31T23:00:00-01:00"] {
            let (changed, index) = try changingReview(text, where: { $0["duration_ms"] == 12_345 }) { $0["at"] = .string(time) }
            let shown = ISO8601.format(ISO8601.parse(time)!)
            #expect(try problems(changed) == ["$.reviews[\(index)].at: \(shown) is after the year 8999; expected the time of a real event"])
        }
    }

    @Test func theLatestAcceptedReviewRoundTrips() throws {
        let text = try exportedHistory()
        let (changed, _) = try changingReview(text, where: { $0["duration_ms"] == 12_345 }) { $0["at"] = "8999-12-31T23:59:59Z" }
        #expect(try problems(changed) == [])
        let first = try ProgressFixture.store(in: folder, named: "first.sqlite")
        try ProgressFixture.importText(changed, into: first)
        let exported = try ProgressFixture.exportText(first)
        let second = try ProgressFixture.store(in: folder, named: "second.sqlite")
        try ProgressFixture.importText(exported, into: second)
        #expect(ProgressFixture.withoutTimestamp(try ProgressFixture.exportText(second)) == ProgressFixture.withoutTimestamp(exported))
    }

    /// A due date past the year 9999 (a long maximum interval) is written as the last
    /// second of 9999, which an import reads back.
    @Test func aDueDatePastTheYear9999IsWrittenSoItReadsBack() throws {
        let store = try ProgressFixture.store(in: folder, named: "far.sqlite")
        let card = ProgressFixture.cardID(term: "TTL")
        let review = ReviewRecord(id: ProgressFixture.reviewID(7), cardID: card, at: ISO8601.parse("8999-06-01T00:00:00Z")!,
                                  grade: Quality(rawValue: 5)!, durationMs: 3_000)
        var state = CardState.new
        state.phase = .review
        state.reps = 1
        state.lastReview = review.at
        state.intervalDays = 36_500
        state.due = ISO8601.parse("9999-12-31T00:00:00Z")! + 2_000 * Seconds.day
        try store.record(review, newState: state)
        let text = try ProgressFixture.exportText(store)
        #expect(text.contains("9999-12-31T23:59:59Z"))
        #expect(!text.contains("10005-"))
        #expect(try problems(text) == [])
    }

    // MARK: 4. Causes

    @Test func differentSyntaxErrorsGiveDifferentCauses() throws {
        func parseError(_ text: String) -> JSONParseError? {
            do {
                _ = try JSONParser.parse(text)
                return nil
            } catch {
                return error
            }
        }
        let cut = try #require(parseError(#"{"format": "sysdrill-progress", "version": 1, "cards": ["#))
        let deep = try #require(parseError(String(repeating: "[", count: JSONParser.maximumDepth + 1)))
        let duplicate = try #require(parseError(#"{"a": 1, "a": 2}"#))
        #expect(cut.likelyCause.contains("cut off while copying"))
        #expect(deep.message.hasPrefix("nested too deeply"))
        #expect(!deep.likelyCause.contains("cut off"))
        #expect(!duplicate.likelyCause.contains("cut off"))
        #expect(Set([cut.likelyCause, deep.likelyCause, duplicate.likelyCause]).count == 3)
    }
}

extension ImportLimitsTests {
    /// Issue 17: every list of the settings is bounded (200,000 learning steps were accepted).
    @Test func aStepListLongerThanTheLimitIsRefusedWithItsPath() throws {
        let text = try exportedHistory()
        var document = try JSONParser.parse(text).objectValue!
        var scheduler = document["scheduler"]!.objectValue!
        var fsrs = scheduler["fsrs"]!.objectValue!
        fsrs.set("learning_steps_s", .array(Array(repeating: .integer(60), count: FSRSParameters.maximumSteps + 1)))
        scheduler.set("fsrs", .object(fsrs))
        document.set("scheduler", .object(scheduler))
        let found = try problems(JSONValue.object(document).serialized(pretty: true))
        #expect(found.contains { $0.contains("$.scheduler.fsrs.learning_steps_s") && $0.contains("at most \(FSRSParameters.maximumSteps)") },
                "\(found)")
        var settings = SchedulerSettings.defaults
        settings.fsrs.relearningSteps = Array(repeating: 600, count: FSRSParameters.maximumSteps + 1)
        #expect(settings.validate() == ["relearning steps: 21 steps; at most 20 are allowed"])
    }
}
