// The FSRS-6 memory model: how stability (S, days until recall falls to 90%) and
// difficulty (D, 1...10) move after a review, and the interval that reaches the desired
// retention. Each formula keeps py-fsrs 6.3.2's expression order and its pow-based powers
// (see CMath) so results agree to the last bit or two, not just approximately.

struct FSRSModel: Sendable {
    let w: [Double]
    let desiredRetention: Double
    let maximumIntervalDays: Int
    /// The forgetting curve's exponent, -w20 (FSRS-6 learns it per user).
    let decay: Double
    /// Chosen so that R(S, S) = 0.9: stability is "the interval at 90% recall".
    let factor: Double

    static let minimumStability = 0.001
    static let difficultyRange = 1.0...10.0

    init(_ parameters: FSRSParameters) {
        w = parameters.weights
        desiredRetention = parameters.desiredRetention
        maximumIntervalDays = parameters.maximumIntervalDays
        decay = -parameters.weights[20]
        factor = CMath.power(0.9, 1 / decay) - 1
    }

    /// Probability of recall after `elapsedDays` whole days (negative counts as 0).
    func retrievability(elapsedDays: Int64, stability: Double) -> Double {
        CMath.power(1 + factor * Double(max(0, elapsedDays)) / stability, decay)
    }

    func initialStability(_ rating: Rating) -> Double {
        clampStability(w[rating.rawValue - 1])
    }

    /// D0. Unclamped it is also the mean-reversion target (D0 of Easy), which the
    /// reference deliberately does not clamp.
    func initialDifficulty(_ rating: Rating, clamped: Bool) -> Double {
        let difficulty = w[4] - CMath.ePower(w[5] * Double(rating.rawValue - 1)) + 1
        return clamped ? clampDifficulty(difficulty) : difficulty
    }

    /// Linear damping slows D near 10; mean reversion (weight w7) pulls it towards D0(Easy).
    func nextDifficulty(_ difficulty: Double, _ rating: Rating) -> Double {
        let target = initialDifficulty(.easy, clamped: false)
        let change = -(w[6] * Double(rating.rawValue - 3))
        let damped = difficulty + (10.0 - difficulty) * change / 9.0
        return clampDifficulty(w[7] * target + (1 - w[7]) * damped)
    }

    /// Reviews on the same day as the previous one (less than one whole day apart).
    func shortTermStability(_ stability: Double, _ rating: Rating) -> Double {
        var increase = CMath.ePower(w[17] * (Double(rating.rawValue - 3) + w[18])) * CMath.power(stability, -w[19])
        // A successful same-day review never lowers stability (FSRS-6, py-fsrs 6.3).
        if rating != .again {
            increase = max(increase, 1.0)
        }
        return clampStability(stability * increase)
    }

    /// Reviews at least a whole day after the previous one.
    func longTermStability(difficulty: Double, stability: Double, retrievability: Double, rating: Rating) -> Double {
        switch rating {
        case .again:
            return clampStability(forgetStability(difficulty: difficulty, stability: stability, retrievability: retrievability))
        case .hard, .good, .easy:
            return clampStability(recallStability(difficulty: difficulty, stability: stability, retrievability: retrievability, rating: rating))
        }
    }

    /// After a successful recall: grows more for easy cards, low S and low R (a harder,
    /// later recall teaches more).
    private func recallStability(difficulty: Double, stability: Double, retrievability: Double, rating: Rating) -> Double {
        let hardPenalty = rating == .hard ? w[15] : 1
        let easyBonus = rating == .easy ? w[16] : 1
        return stability * (1
            + CMath.ePower(w[8])
            * (11 - difficulty)
            * CMath.power(stability, -w[9])
            * (CMath.ePower((1 - retrievability) * w[10]) - 1)
            * hardPenalty
            * easyBonus)
    }

    /// After a lapse: the long-term formula, but never above what a same-day Again would
    /// leave, so forgetting can't raise stability.
    private func forgetStability(difficulty: Double, stability: Double, retrievability: Double) -> Double {
        let longTerm = w[11]
            * CMath.power(difficulty, -w[12])
            * (CMath.power(stability + 1, w[13]) - 1)
            * CMath.ePower((1 - retrievability) * w[14])
        let shortTerm = stability / CMath.ePower(w[17] * w[18])
        return min(longTerm, shortTerm)
    }

    /// Whole days until recall falls to the desired retention, rounded half-to-even (as
    /// Python's round) and clamped to 1...maximum.
    func intervalDays(stability: Double) -> Int {
        let days = (stability / factor) * (CMath.power(desiredRetention, 1 / decay) - 1)
        let rounded = days.rounded(.toNearestOrEven)
        // Compared in Double so that an infinite or NaN value (from parameters nobody
        // validated) can't trap in the conversion to Int.
        if rounded >= Double(maximumIntervalDays) { return maximumIntervalDays }
        guard rounded > 1 else { return 1 }
        return Int(rounded)
    }

    private func clampStability(_ stability: Double) -> Double {
        stability < Self.minimumStability ? Self.minimumStability : stability
    }

    private func clampDifficulty(_ difficulty: Double) -> Double {
        min(max(difficulty, Self.difficultyRange.lowerBound), Self.difficultyRange.upperBound)
    }
}
