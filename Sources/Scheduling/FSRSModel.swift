// The FSRS-6 memory model: how stability (S, days until recall falls to 90%) and
// difficulty (D, 1...10) move after a review, and the interval that reaches the desired
// retention. The formulas are FSRSFormulas (shared with the optimizer); this adds
// py-fsrs 6.3.2's clamps, so results agree with it to the last bit or two.

struct FSRSModel: Sendable {
    let formulas: FSRSFormulas<Double>
    let desiredRetention: Double
    let maximumIntervalDays: Int
    /// The forgetting curve's exponent, -w20 (FSRS-6 learns it per user).
    var decay: Double { formulas.decay }
    /// Chosen so that R(S, S) = 0.9: stability is "the interval at 90% recall".
    var factor: Double { formulas.factor }

    static let minimumStability = 0.001
    static let difficultyRange = 1.0...10.0

    init(_ parameters: FSRSParameters) {
        formulas = FSRSFormulas(weights: parameters.weights)
        desiredRetention = parameters.desiredRetention
        maximumIntervalDays = parameters.maximumIntervalDays
    }

    /// Probability of recall after `elapsedDays` whole days (negative counts as 0).
    func retrievability(elapsedDays: Int64, stability: Double) -> Double {
        formulas.retrievability(elapsedDays: Double(max(0, elapsedDays)), stability: stability)
    }

    func initialStability(_ rating: Rating) -> Double {
        clampStability(formulas.initialStability(rating))
    }

    /// D0. Unclamped it is also the mean-reversion target (D0 of Easy), which the
    /// reference deliberately does not clamp.
    func initialDifficulty(_ rating: Rating, clamped: Bool) -> Double {
        let difficulty = formulas.initialDifficulty(rating)
        return clamped ? clampDifficulty(difficulty) : difficulty
    }

    func nextDifficulty(_ difficulty: Double, _ rating: Rating) -> Double {
        clampDifficulty(formulas.nextDifficulty(difficulty, rating))
    }

    /// Reviews on the same day as the previous one (less than one whole day apart).
    func shortTermStability(_ stability: Double, _ rating: Rating) -> Double {
        clampStability(formulas.shortTermStability(stability, rating))
    }

    /// Reviews at least a whole day after the previous one.
    func longTermStability(difficulty: Double, stability: Double, retrievability: Double, rating: Rating) -> Double {
        switch rating {
        case .again:
            return clampStability(formulas.forgetStability(difficulty: difficulty, stability: stability, retrievability: retrievability))
        case .hard, .good, .easy:
            return clampStability(formulas.recallStability(difficulty: difficulty, stability: stability,
                                                           retrievability: retrievability, rating: rating))
        }
    }

    /// Whole days until recall falls to the desired retention (1...maximum).
    func intervalDays(stability: Double) -> Int {
        formulas.intervalDays(stability: stability, desiredRetention: desiredRetention, maximumDays: maximumIntervalDays)
    }

    private func clampStability(_ stability: Double) -> Double {
        stability < Self.minimumStability ? Self.minimumStability : stability
    }

    private func clampDifficulty(_ difficulty: Double) -> Double {
        min(max(difficulty, Self.difficultyRange.lowerBound), Self.difficultyRange.upperBound)
    }
}
