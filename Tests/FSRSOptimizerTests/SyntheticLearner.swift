import FSRSOptimizer
import Scheduling

/// A made-up learner for tests: cards scheduled by FSRS-6 with `truth`'s weights, each
/// review remembered with the probability those weights predict, so an optimizer started
/// elsewhere has something real to find.
struct SyntheticLearner {
    var truth: [Double]
    var cards = 60
    var days = 120
    var seed: UInt64 = 1

    /// The log, one study day = 86,400 s from 0 (reviews at 09:00 + a few minutes).
    func reviews() -> [LoggedReview] {
        var parameters = FSRSParameters.defaults
        parameters.weights = truth
        let scheduler = FSRSScheduler(parameters: parameters, fuzz: true)
        var random = TestRandom(seed: seed)
        var log: [LoggedReview] = []
        for card in 0..<cards {
            var state = CardState.new
            var time = Int64(card % max(1, days / 3)) * 86_400 + 9 * 3600 + Int64(card)
            var index = 0
            while time < Int64(days) * 86_400 {
                let recall = scheduler.retrievability(of: state, at: time) ?? 0
                let rating: Rating
                if state.fsrs == nil {
                    rating = [.again, .hard, .good, .good, .good, .easy][random.below(6)]
                } else if random.unit() < recall {
                    let roll = random.unit()
                    rating = roll < 0.15 ? .hard : roll < 0.9 ? .good : .easy
                } else {
                    rating = .again
                }
                log.append(LoggedReview(card: card, at: time, studyDay: time / 86_400, grade: rating.quality))
                state = scheduler.next(state, review: ReviewEvent(at: time, quality: rating.quality), fuzzSeed: UInt64(card * 1000 + index))
                index += 1
                time = max(state.due, time + 60)
            }
        }
        return log
    }
}

/// A small seeded generator for the tests (SplitMix64's steps).
struct TestRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

extension LoggedReview {
    /// A review with its grade as a number 0-5, for hand-made logs.
    init(card: Int, at: Int64, studyDay: Int64, grade: Int, seconds: Double = 0) {
        self.init(card: card, at: at, studyDay: studyDay, grade: Quality(rawValue: grade)!, seconds: seconds)
    }
}
