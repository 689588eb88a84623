import Scheduling

/// fsrs-rs's bounds on the memory state (its S_MIN, S_MAX, D_MIN, D_MAX).
public enum MemoryBounds {
    public static let minimumStability = 0.001
    public static let maximumStability = 36500.0
    public static let difficulty = 1.0...10.0
}

/// Runs one card's reviews through the FSRS-6 formulas the way fsrs-rs's model does
/// (`forward_reviews` + `step`): the first rating sets S0 and D0; each later review
/// starts from the clamped state, takes the same-day formula when no whole day passed,
/// else the lapse or recall formula, then D moves; S is clamped to 0.001...36500 and D to
/// 1...10 after every step. Works in Double (evaluation) and in Dual (gradients).
struct MemoryWalk<Number: FSRSNumber> {
    let formulas: FSRSFormulas<Number>

    init(weights: [Number]) {
        formulas = FSRSFormulas(weights: weights)
    }

    /// Calls `visit(position, predicted recall)` for each target (ascending reviews, each
    /// >= 1), with the state left by the reviews before it; stops after the last target.
    @inline(__always)
    func walk(_ card: CardHistory, targets: [(review: Int, position: Int)], visit: (Int, Number) -> Void) {
        guard let last = targets.last?.review else { return }
        var stability = clamp(formulas.initialStability(card.ratings[0]), MemoryBounds.minimumStability, MemoryBounds.maximumStability)
        var difficulty = clamp(formulas.initialDifficulty(card.ratings[0]), MemoryBounds.difficulty.lowerBound,
                               MemoryBounds.difficulty.upperBound)
        var next = 0
        for review in 1...last {
            let elapsed = card.elapsedDays[review]
            // Targets all have a gap, so the recall a target predicts is the one its step uses.
            let recall = elapsed == 0 ? Number(1) : formulas.retrievability(elapsedDays: Double(elapsed), stability: stability)
            if targets[next].review == review {
                visit(targets[next].position, recall)
                next += 1
                if review == last { return }
            }
            let rating = card.ratings[review]
            let newStability: Number
            if elapsed == 0 {
                newStability = formulas.shortTermStability(stability, rating)
            } else {
                newStability = rating == .again
                    ? formulas.forgetStability(difficulty: difficulty, stability: stability, retrievability: recall)
                    : formulas.recallStability(difficulty: difficulty, stability: stability, retrievability: recall, rating: rating)
            }
            difficulty = clamp(formulas.nextDifficulty(difficulty, rating), MemoryBounds.difficulty.lowerBound,
                               MemoryBounds.difficulty.upperBound)
            stability = clamp(newStability, MemoryBounds.minimumStability, MemoryBounds.maximumStability)
        }
    }

    /// A clamped value has no derivative (it no longer moves with the weights); a value
    /// on the bound keeps its own, as in fsrs-rs.
    @inline(__always)
    private func clamp(_ number: Number, _ low: Double, _ high: Double) -> Number {
        if number.primal < low { return Number(low) }
        if number.primal > high { return Number(high) }
        return number
    }
}
