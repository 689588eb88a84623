/// What the simulator takes from the user's own log: how long each kind of answer takes
/// and how the user tends to grade.
public struct LogMeasures: Sendable, Equatable {
    public var costs: AnswerCosts
    public var firstRatings: [Double]
    public var passRatings: [Double]

    /// Fewer examples than this of a kind and the default is used instead.
    public static let minimumExamples = 10

    /// `reviews` in any order. A card's first study day (first answer and learning steps)
    /// is one "learn"; an answer a day or more after the previous one is a "pass" or, if
    /// Again, a "lapse" together with the same day's answers after it.
    public static func measure(_ reviews: [LoggedReview]) -> LogMeasures {
        var byCard: [Int: [LoggedReview]] = [:]
        for review in reviews { byCard[review.card, default: []].append(review) }
        // Cards in a fixed order: sums of doubles depend on it, and a forecast must repeat.
        return measure(cards: byCard.keys.sorted().map { byCard[$0]! })
    }

    /// `measure` of reviews already grouped by card, each card's in any order, the cards
    /// in the order given (which the sums follow).
    public static func measure(cards: [[LoggedReview]]) -> LogMeasures {
        var learn: [Double] = [], pass: [Double] = [], lapse: [Double] = []
        var first = [0, 0, 0, 0], passed = [0, 0, 0]
        for reviews in cards where !reviews.isEmpty {
            let ordered = reviews.sorted { $0.at < $1.at }
            first[ordered[0].grade.rating.rawValue - 1] += 1
            var index = 0
            var learning = 0.0
            while index < ordered.count && ordered[index].studyDay == ordered[0].studyDay {
                learning += ordered[index].seconds
                index += 1
            }
            learn.append(learning)
            while index < ordered.count {
                let review = ordered[index]
                index += 1
                if review.grade.rating != .again {
                    pass.append(review.seconds)
                    passed[review.grade.rating.rawValue - 2] += 1
                    continue
                }
                var total = review.seconds
                while index < ordered.count && ordered[index].studyDay == review.studyDay {
                    total += ordered[index].seconds
                    index += 1
                }
                lapse.append(total)
            }
        }
        func mean(_ values: [Double], _ fallback: Double) -> Double {
            values.count >= minimumExamples ? values.reduce(0, +) / Double(values.count) : fallback
        }
        func shares(_ counts: [Int], _ fallback: [Double]) -> [Double] {
            let total = counts.reduce(0, +)
            return total >= minimumExamples ? counts.map { Double($0) / Double(total) } : fallback
        }
        let defaults = AnswerCosts.defaults
        return LogMeasures(costs: AnswerCosts(learn: mean(learn, defaults.learn), pass: mean(pass, defaults.pass),
                                              lapse: mean(lapse, defaults.lapse)),
                           firstRatings: shares(first, SimulationInput.defaultFirstRatings),
                           passRatings: shares(passed, SimulationInput.defaultPassRatings))
    }
}

extension TrainingSet {
    /// Each card's memory after all its reviews, by fsrs-rs's walk, in `cards` order.
    public func finalStates(weights: [Double]) -> [(stability: Double, difficulty: Double)] {
        let walk = MemoryWalk<Double>(weights: weights)
        return cards.map { walk.finalState($0) }
    }
}
