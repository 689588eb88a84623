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
    func walk(_ card: CardReviews, targets: [(review: Int, position: Int)], visit: (Int, Number) -> Void) {
        walk(card, targetCount: targets.count, targetReview: { targets[$0].review }) { visit(targets[$0].position, $1) }
    }

    /// Calls `visit(target, predicted recall)` for targets 0..<targetCount, whose reviews
    /// `targetReview` gives (ascending, each >= 1), with the state left by the reviews
    /// before each; stops after the last target.
    @inline(__always)
    func walk(_ card: CardReviews, targetCount: Int, targetReview: (Int) -> Int, visit: (Int, Number) -> Void) {
        guard targetCount > 0 else { return }
        let last = targetReview(targetCount - 1)
        var (stability, difficulty) = start(card.rating(at: 0))
        var next = 0
        var nextReview = targetReview(0)
        for review in 1...last {
            let elapsed = card.gap(at: review)
            // Targets all have a gap, so the recall a target predicts is the one its step uses.
            let recall = elapsed == 0 ? Number(1) : formulas.retrievability(elapsedDays: Double(elapsed), stability: stability)
            if nextReview == review {
                visit(next, recall)
                next += 1
                if review == last { return }
                nextReview = targetReview(next)
            }
            (stability, difficulty) = step(stability, difficulty, rating: card.rating(at: review), elapsed: elapsed, recall: recall)
        }
    }

    /// Calls `visit(review, predicted recall)` for every review after the first with a gap
    /// (every item of the card), with the state left by the reviews before it.
    func walkPredicted(_ card: CardReviews, visit: (Int, Number) -> Void) {
        guard card.count > 1 else { return }
        var (stability, difficulty) = start(card.rating(at: 0))
        for review in 1..<card.count {
            let elapsed = card.gap(at: review)
            let recall = elapsed == 0 ? Number(1) : formulas.retrievability(elapsedDays: Double(elapsed), stability: stability)
            if elapsed > 0 { visit(review, recall) }
            if review == card.count - 1 { return }
            (stability, difficulty) = step(stability, difficulty, rating: card.rating(at: review), elapsed: elapsed, recall: recall)
        }
    }

    /// The memory state after all of `card`'s reviews.
    func finalState(_ card: CardReviews) -> (stability: Number, difficulty: Number) {
        var (stability, difficulty) = start(card.rating(at: 0))
        for review in 1..<max(1, card.count) {
            let elapsed = card.gap(at: review)
            let recall = elapsed == 0 ? Number(1) : formulas.retrievability(elapsedDays: Double(elapsed), stability: stability)
            (stability, difficulty) = step(stability, difficulty, rating: card.rating(at: review), elapsed: elapsed, recall: recall)
        }
        return (stability, difficulty)
    }

    /// The state after a first review rated `rating`.
    @inline(__always)
    func start(_ rating: Rating) -> (Number, Number) {
        (clamp(formulas.initialStability(rating), MemoryBounds.minimumStability, MemoryBounds.maximumStability),
         clamp(formulas.initialDifficulty(rating), MemoryBounds.difficulty.lowerBound, MemoryBounds.difficulty.upperBound))
    }

    /// One later review: `elapsed` whole days after the previous one, when recall was `recall`.
    @inline(__always)
    func step(_ stability: Number, _ difficulty: Number, rating: Rating, elapsed: Int, recall: Number) -> (Number, Number) {
        let newStability: Number
        if elapsed == 0 {
            newStability = formulas.shortTermStability(stability, rating)
        } else {
            newStability = rating == .again
                ? formulas.forgetStability(difficulty: difficulty, stability: stability, retrievability: recall)
                : formulas.recallStability(difficulty: difficulty, stability: stability, retrievability: recall, rating: rating)
        }
        return (clamp(newStability, MemoryBounds.minimumStability, MemoryBounds.maximumStability),
                clamp(formulas.nextDifficulty(difficulty, rating), MemoryBounds.difficulty.lowerBound, MemoryBounds.difficulty.upperBound))
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
