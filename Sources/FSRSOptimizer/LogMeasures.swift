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
    /// Again, a "lapse" together with the same day's answers after it. Cards are taken in
    /// the order of their numbers: sums of doubles depend on it, and a forecast must repeat.
    public static func measure(_ reviews: [LoggedReview]) -> LogMeasures {
        TrainingSetBuilder.build(reviews, cardOrder: .cardNumber).measures
    }

    /// `measure` of the reviews of `set`, whose answer times are `seconds` (one per review,
    /// in the set's column order); the cards in the set's order, which the sums follow.
    static func measure(_ set: TrainingSet, seconds: [Double]) -> LogMeasures {
        // Running sums in the order a list of the values was summed in before (so the
        // same digits), without the list: 900k passes took 12 MB.
        var learn = Mean(), pass = Mean(), lapse = Mean()
        var first = [0, 0, 0, 0], passed = [0, 0, 0]
        for cardIndex in 0..<set.cardCount {
            let card = set.card(cardIndex)
            guard card.count > 0 else { continue }
            let base = set.reviewIndex(card: cardIndex, review: 0)
            first[card.rating(at: 0).rawValue - 1] += 1
            // A gap of 0 is the same study day as the review before.
            var index = 1
            var learning = seconds[base]
            while index < card.count && card.gap(at: index) == 0 {
                learning += seconds[base + index]
                index += 1
            }
            learn.append(learning)
            while index < card.count {
                let rating = card.rating(at: index)
                var total = seconds[base + index]
                index += 1
                if rating != .again {
                    pass.append(total)
                    passed[rating.rawValue - 2] += 1
                    continue
                }
                while index < card.count && card.gap(at: index) == 0 {
                    total += seconds[base + index]
                    index += 1
                }
                lapse.append(total)
            }
        }
        func shares(_ counts: [Int], _ fallback: [Double]) -> [Double] {
            let total = counts.reduce(0, +)
            return total >= minimumExamples ? counts.map { Double($0) / Double(total) } : fallback
        }
        let defaults = AnswerCosts.defaults
        return LogMeasures(costs: AnswerCosts(learn: learn.value(or: defaults.learn), pass: pass.value(or: defaults.pass),
                                              lapse: lapse.value(or: defaults.lapse)),
                           firstRatings: shares(first, SimulationInput.defaultFirstRatings),
                           passRatings: shares(passed, SimulationInput.defaultPassRatings))
    }
}

/// A mean of answer times, summed as they come.
private struct Mean {
    var sum = 0.0
    var count = 0

    mutating func append(_ value: Double) {
        sum += value
        count += 1
    }

    /// The mean, or `fallback` with fewer than `LogMeasures.minimumExamples` values.
    func value(or fallback: Double) -> Double {
        count >= LogMeasures.minimumExamples ? sum / Double(count) : fallback
    }
}

extension TrainingSet {
    /// Each card's memory after all its reviews, by fsrs-rs's walk, in `cards` order.
    public func finalStates(weights: [Double]) -> [(stability: Double, difficulty: Double)] {
        let walk = MemoryWalk<Double>(weights: weights)
        return (0..<cardCount).map { walk.finalState(card($0)) }
    }
}
