import Store
import Timekeeping

/// Estimation questions are spaced by kind: a kind whose latest answer was a miss, given
/// on an earlier study day, comes back first in the next `estimate` with new numbers, and
/// keeps coming back until it is answered within 2x. And how accurate each kind has been.
public enum EstimateSpacing {
    /// Kinds to ask first: the latest answer of the kind missed, before `dayStart` (the
    /// start of today's study day), oldest miss first.
    public static func dueKinds(_ results: [QuizResultRecord], before dayStart: UnixTime) -> [EstimateKind] {
        var latest: [EstimateKind: QuizResultRecord] = [:]
        for result in results where result.mode == "estimate" {
            guard let kind = result.kind.flatMap(EstimateKind.init(rawValue:)) else { continue }
            if let known = latest[kind], known.at > result.at { continue }
            latest[kind] = result
        }
        return latest.filter { !$0.value.correct && $0.value.at < dayStart }
            .sorted { ($0.value.at, $0.key.rawValue) < ($1.value.at, $1.key.rawValue) }.map(\.key)
    }

    /// One kind's record: every answer, and those of the last `recentDays`.
    public struct Accuracy: Sendable, Equatable {
        public let kind: EstimateKind
        public let answered: Int
        public let correct: Int
        public let recentAnswered: Int
        public let recentCorrect: Int
    }

    public static let recentDays: Int64 = 30

    /// Accuracy per kind (answers saved before kinds were kept are left out), in the
    /// order of `EstimateKind.allCases`, kinds never answered left out.
    public static func accuracy(_ results: [QuizResultRecord], now: UnixTime) -> [Accuracy] {
        let since = now - recentDays * 86_400
        return EstimateKind.allCases.compactMap { kind in
            let answers = results.filter { $0.mode == "estimate" && $0.kind == kind.rawValue }
            guard !answers.isEmpty else { return nil }
            let recent = answers.filter { $0.at >= since }
            return Accuracy(kind: kind, answered: answers.count, correct: answers.filter(\.correct).count,
                            recentAnswered: recent.count, recentCorrect: recent.filter(\.correct).count)
        }
    }
}
