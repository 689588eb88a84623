#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Scheduling
import SeededRandom

// A workload forecast, in the spirit of Anki's FSRS simulator: the user's cards go forward
// day by day under FSRS with a desired retention; each due card is remembered with the
// probability the model gives, new cards come in at the daily limit, and every answer costs
// the time the user's log says such answers take. Run for several retentions, it shows the
// trade-off: a higher retention means more reviews for a little more remembered.

/// A card with a history: its memory now and how many days ago it was last reviewed.
public struct SimulatedCard: Sendable, Hashable {
    public var stability: Double
    public var difficulty: Double
    public var daysSinceReview: Int

    public init(stability: Double, difficulty: Double, daysSinceReview: Int) {
        self.stability = stability
        self.difficulty = difficulty
        self.daysSinceReview = daysSinceReview
    }
}

/// Seconds an answer costs, by kind (from the log's measured answer times).
public struct AnswerCosts: Sendable, Equatable {
    /// A new card's first study day: its first answer and the learning steps after it.
    public var learn: Double
    /// A successful review.
    public var pass: Double
    /// A lapse with the relearning after it the same day.
    public var lapse: Double

    public init(learn: Double, pass: Double, lapse: Double) {
        self.learn = learn
        self.pass = pass
        self.lapse = lapse
    }

    /// Used where the log has no example of a kind.
    public static let defaults = AnswerCosts(learn: 60, pass: 12, lapse: 35)
}

public struct SimulationInput: Sendable {
    /// The model of the learner's memory: what a review recalls, and how memory changes.
    public var weights: [Double]
    /// The scheduler, when its parameters are not the model's: what a schedule made with
    /// one set of parameters costs a learner whose memory the other set describes
    /// (`optimize` compares the current parameters with the fitted ones).
    public var scheduler: Planner?

    public struct Planner: Sendable {
        /// The parameters the intervals are set with.
        public var weights: [Double]
        /// The scheduler's idea of `cards`' memory (the same cards in the same order), as
        /// its parameters read their logs.
        public var cards: [SimulatedCard]

        public init(weights: [Double], cards: [SimulatedCard]) {
            self.weights = weights
            self.cards = cards
        }
    }
    public var maximumIntervalDays: Int
    public var newPerDay: Int
    public var reviewsPerDay: Int
    public var days: Int
    public var cards: [SimulatedCard]
    /// Cards never reviewed.
    public var newCards: Int
    public var costs: AnswerCosts
    /// Share of first answers that are Again, Hard, Good, Easy.
    public var firstRatings: [Double]
    /// Share of successful reviews that are Hard, Good, Easy.
    public var passRatings: [Double]
    public var seed: UInt64

    /// fsrs-rs's simulator defaults for the rating shares, where the log has too few answers.
    public static let defaultFirstRatings = [0.24, 0.094, 0.495, 0.171]
    public static let defaultPassRatings = [0.224, 0.631, 0.145]

    public init(weights: [Double], maximumIntervalDays: Int, newPerDay: Int, reviewsPerDay: Int, days: Int,
                cards: [SimulatedCard], newCards: Int, costs: AnswerCosts = .defaults,
                firstRatings: [Double] = defaultFirstRatings, passRatings: [Double] = defaultPassRatings, seed: UInt64 = 42) {
        self.weights = weights
        self.maximumIntervalDays = maximumIntervalDays
        self.newPerDay = newPerDay
        self.reviewsPerDay = reviewsPerDay
        self.days = days
        self.cards = cards
        self.newCards = newCards
        self.costs = costs
        self.firstRatings = firstRatings
        self.passRatings = passRatings
        self.seed = seed
    }
}

extension SimulationInput {
    /// The same learner, with the intervals set by `planner`.
    public func scheduled(by planner: Planner) -> SimulationInput {
        var input = self
        input.scheduler = planner
        return input
    }
}

public struct SimulationResult: Sendable, Equatable {
    public var retention: Double
    public var reviewsPerDay: [Int]
    public var secondsPerDay: [Double]
    public var learnedPerDay: [Int]
    /// Sum of every studied card's recall probability on the last day.
    public var remembered: Double
    /// Reviews (not first answers) that were recalled.
    public var recalled = 0

    public var averageReviews: Double { Double(reviewsPerDay.reduce(0, +)) / Double(max(1, reviewsPerDay.count)) }
    /// The share of reviews recalled: the retention the schedule really gives.
    public var recallRate: Double {
        let reviews = reviewsPerDay.reduce(0, +)
        return reviews > 0 ? Double(recalled) / Double(reviews) : 0
    }
    public var averageMinutes: Double { secondsPerDay.reduce(0, +) / 60 / Double(max(1, secondsPerDay.count)) }
    public var totalMinutes: Double { secondsPerDay.reduce(0, +) / 60 }
    /// Minutes of study per card remembered at the end: what the suggestion minimizes.
    public var minutesPerRemembered: Double { remembered > 0 ? totalMinutes / remembered : .infinity }
}

public enum WorkloadSimulator {
    public static func run(_ input: SimulationInput, retention: Double) -> SimulationResult {
        let formulas = FSRSFormulas<Double>(weights: input.weights)
        let walk = MemoryWalk<Double>(weights: input.weights)
        var random = SplitMix64(seed: input.seed)
        var stability = input.cards.map(\.stability)
        var difficulty = input.cards.map(\.difficulty)
        var lastDay = input.cards.map { -$0.daysSinceReview }
        // The scheduler's own idea of each card's memory, when its parameters are not the
        // model's: it sees the same answers and sets the intervals from its stabilities.
        let planner = input.scheduler.map { (formulas: FSRSFormulas<Double>(weights: $0.weights), walk: MemoryWalk<Double>(weights: $0.weights)) }
        var plannedStability = input.scheduler?.cards.map(\.stability) ?? []
        var plannedDifficulty = input.scheduler?.cards.map(\.difficulty) ?? []
        precondition(planner == nil || plannedStability.count == stability.count, "the scheduler's cards are the learner's cards")
        // Cards by the day they fall due; what a day's limit leaves waits for the next.
        var dueOn: [Int: [Int]] = [:]
        func schedule(_ card: Int) {
            let interval = (planner?.formulas ?? formulas).intervalDays(
                stability: planner == nil ? stability[card] : plannedStability[card], desiredRetention: retention,
                maximumDays: input.maximumIntervalDays)
            dueOn[max(0, lastDay[card] + interval), default: []].append(card)
        }
        /// The scheduler's memory of `card` after an answer (nothing to do without a planner).
        func plan(_ card: Int, rating: Rating, elapsed: Int) {
            guard let planner else { return }
            let recall = planner.formulas.retrievability(elapsedDays: Double(elapsed), stability: plannedStability[card])
            (plannedStability[card], plannedDifficulty[card]) = planner.walk.step(plannedStability[card], plannedDifficulty[card],
                                                                                rating: rating, elapsed: elapsed, recall: recall)
            if rating == .again {
                (plannedStability[card], plannedDifficulty[card]) = planner.walk.step(plannedStability[card], plannedDifficulty[card],
                                                                                    rating: .good, elapsed: 0, recall: 1)
            }
        }
        for card in input.cards.indices { schedule(card) }
        var result = SimulationResult(retention: retention, reviewsPerDay: [], secondsPerDay: [], learnedPerDay: [], remembered: 0)
        var waiting: [Int] = []
        var newLeft = input.newCards
        for day in 0..<input.days {
            var due = waiting + (dueOn.removeValue(forKey: day) ?? [])
            waiting = []
            if due.count > input.reviewsPerDay {
                waiting = Array(due[input.reviewsPerDay...])
                due = Array(due[..<input.reviewsPerDay])
            }
            var seconds = 0.0
            for card in due {
                let recall = formulas.retrievability(elapsedDays: Double(day - lastDay[card]), stability: stability[card])
                let rating: Rating
                if unit(&random) < recall {
                    rating = [.hard, .good, .easy][pick(input.passRatings, &random)]
                    seconds += input.costs.pass
                    result.recalled += 1
                } else {
                    rating = .again
                    seconds += input.costs.lapse
                }
                (stability[card], difficulty[card]) = walk.step(stability[card], difficulty[card], rating: rating,
                                                                elapsed: day - lastDay[card], recall: recall)
                if rating == .again {
                    // The relearning step the same day.
                    (stability[card], difficulty[card]) = walk.step(stability[card], difficulty[card], rating: .good, elapsed: 0, recall: 1)
                }
                plan(card, rating: rating, elapsed: day - lastDay[card])
                lastDay[card] = day
                schedule(card)
            }
            let learned = min(newLeft, input.newPerDay)
            for _ in 0..<learned {
                let rating = Rating.allCases[pick(input.firstRatings, &random)]
                var (s, d) = walk.start(rating)
                // Learning steps: one passing same-day answer before the card graduates.
                if rating != .easy { (s, d) = walk.step(s, d, rating: .good, elapsed: 0, recall: 1) }
                stability.append(s)
                difficulty.append(d)
                if let planner {
                    var (s, d) = planner.walk.start(rating)
                    if rating != .easy { (s, d) = planner.walk.step(s, d, rating: .good, elapsed: 0, recall: 1) }
                    plannedStability.append(s)
                    plannedDifficulty.append(d)
                }
                lastDay.append(day)
                schedule(stability.count - 1)
                seconds += input.costs.learn
            }
            newLeft -= learned
            result.reviewsPerDay.append(due.count)
            result.learnedPerDay.append(learned)
            result.secondsPerDay.append(seconds)
        }
        result.remembered = stability.indices.reduce(0.0) { total, card in
            total + formulas.retrievability(elapsedDays: Double(max(0, input.days - 1 - lastDay[card])), stability: stability[card])
        }
        return result
    }

    /// The retention with the least study time per card remembered (Anki's "minimum
    /// recommended retention" idea); nil for no results.
    public static func suggestion(_ results: [SimulationResult]) -> Double? {
        results.min { $0.minutesPerRemembered < $1.minutesPerRemembered }?.retention
    }

    private static func unit(_ random: inout SplitMix64) -> Double {
        Double(random.next() >> 11) / Double(UInt64(1) << 53)
    }

    /// An index drawn with the given shares (they need not sum to exactly 1).
    private static func pick(_ shares: [Double], _ random: inout SplitMix64) -> Int {
        let total = shares.reduce(0, +)
        var roll = unit(&random) * total
        for (index, share) in shares.enumerated() {
            roll -= share
            if roll < 0 { return index }
        }
        return shares.count - 1
    }
}
