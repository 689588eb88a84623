import Store
import Testing
@testable import Practice

/// Estimation kinds are spaced: a kind whose latest answer missed on an earlier day comes
/// back first; accuracy is counted per kind.
@Suite struct EstimateSpacingTests {
    static let day: Int64 = 86_400

    static func answer(_ kind: String?, correct: Bool, at time: Int64, mode: String = "estimate") -> QuizResultRecord {
        QuizResultRecord(id: "\(kind ?? "-")-\(time)", sessionID: "s", at: time, mode: mode, cardID: nil, prompt: "p",
                         expected: "e", given: "g", correct: correct, durationMs: 1, kind: kind)
    }

    @Test func aKindMissedOnAnEarlierDayComesBackUntilItIsRight() {
        let results = [Self.answer("storage", correct: false, at: 1 * Self.day),
                       Self.answer("latency", correct: false, at: 2 * Self.day),
                       Self.answer("rps", correct: false, at: 2 * Self.day),
                       Self.answer("rps", correct: true, at: 2 * Self.day + 60),   // put right the same day
                       Self.answer("servers", correct: false, at: 5 * Self.day),   // today: not yet
                       Self.answer(nil, correct: false, at: 0),                     // saved before kinds were kept
                       Self.answer("peak", correct: false, at: 0, mode: "typed")]
        #expect(EstimateSpacing.dueKinds(results, before: 5 * Self.day) == [.storage, .latency])
        let fixed = results + [Self.answer("storage", correct: true, at: 5 * Self.day + 10)]
        #expect(EstimateSpacing.dueKinds(fixed, before: 6 * Self.day) == [.latency, .servers])
    }

    @Test func missedKindsAreAskedFirstWithNewNumbers() throws {
        let plain = try EstimateGenerator().questions(count: 3, seed: 7)
        let spaced = try EstimateGenerator().questions(count: 3, seed: 7, first: [.latency, .storage])
        #expect(spaced.prefix(2).map(\.kind) == [.latency, .storage])
        #expect(spaced.count == 3)
        #expect(try EstimateGenerator().questions(count: 1, seed: 7, first: [.latency, .storage]).map(\.kind) == [.latency])
        #expect(plain.map(\.prompt) != spaced.map(\.prompt))
    }

    @Test func accuracyPerKindAllTimeAndRecent() {
        let now = 100 * Self.day
        let results = [Self.answer("storage", correct: false, at: 10 * Self.day),
                       Self.answer("storage", correct: true, at: 90 * Self.day),
                       Self.answer("storage", correct: true, at: 95 * Self.day),
                       Self.answer("latency", correct: false, at: 99 * Self.day)]
        #expect(EstimateSpacing.accuracy(results, now: now) == [
            .init(kind: .storage, answered: 3, correct: 2, recentAnswered: 2, recentCorrect: 2),
            .init(kind: .latency, answered: 1, correct: 0, recentAnswered: 1, recentCorrect: 0),
        ])
    }
}
