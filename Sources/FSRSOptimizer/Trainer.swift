#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Scheduling
import SeededRandom

/// fsrs-rs's training hyperparameters (its `TrainingConfig` defaults).
public struct TrainingConfiguration: Sendable, Equatable {
    public var epochs = 5
    /// Predictions per mini-batch (whole cards are kept together, so a batch holds up to this many).
    public var batchSize = 512
    public var learningRate = 0.04
    public var seed: UInt64 = 2023
    /// Items with more reviews than this are left out of training (not of evaluation).
    public var maximumSequenceLength = 256
    /// Strength of the pull towards the starting weights.
    public var gamma = 1.0

    public init() {}
}

/// What `FSRSTrainer.optimize` found.
public struct Optimization: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        /// All 21 weights fitted by gradient descent.
        case fitted
        /// Too few items for gradient descent: only S0 (w0-w3) fitted, the rest default.
        case initialStabilityOnly = "initial-stability-only"
        /// Too few items to fit anything; `weights` are the ones given.
        case notEnoughData = "not-enough-data"
    }

    public var outcome: Outcome
    public var weights: [Double]
    /// Items gradient descent learned from (after the outlier filter).
    public var trainingItems: Int
}

/// Fits the 21 FSRS-6 weights as fsrs-rs's `compute_parameters` does: outlier filter and
/// S0 pre-training (Pretraining), then Adam on the recency-weighted log loss plus an L2
/// pull towards the pre-trained start, cosine-annealed learning rate, weights clipped to
/// fsrs-rs's ranges after every step, S0 smoothed again at the end. Gradients are exact
/// (forward mode, `Dual`). Mini-batches hold whole cards, so a card's reviews are walked
/// once per batch however many items it has (fsrs-rs does the same when given card IDs).
public enum FSRSTrainer {
    /// fsrs-rs's minimum: fewer training items than this fit nothing.
    public static let minimumItems = 8
    /// Below this many items (or when every item is a card's first long-term review) only
    /// S0 is fitted.
    public static let minimumItemsForDescent = 64

    /// fsrs-rs's spread of each weight across users, which scales the L2 pull.
    static let weightSpread: [Double] = [
        6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16, 0.57, 0.25,
        1.03, 0.31, 0.32, 0.14, 0.27,
    ]

    /// fsrs-rs's clip ranges for training (one relearning step, short-term memory on).
    public static let clipRanges: [ClosedRange<Double>] = [
        0.001...100, 0.001...100, 0.001...100, 0.001...100,
        1...10, 0.001...4, 0.001...4, 0.001...0.75,
        0...4.5, 0...0.8, 0.001...3.5, 0.001...5,
        0.001...0.25, 0.001...0.9, 0...4, 0...1,
        1...6, 0...2, 0...2, 0.01...0.8, 0.1...0.8,
    ]

    public static func clipped(_ weights: [Double]) -> [Double] {
        zip(weights, clipRanges).map { min(max($0, $1.lowerBound), $1.upperBound) }
    }

    /// `progress(done, total)` is called after every mini-batch and polishing step, on the
    /// calling thread. `runner` runs the pieces of the polishing's whole-set objective, nine
    /// tenths of the work on a big log; the weights do not depend on it.
    public static func optimize(_ set: TrainingSet, current: [Double], configuration: TrainingConfiguration = TrainingConfiguration(),
                                runner: PieceRunner = .oneAtATime, progress: (Int, Int) -> Void = { _, _ in }) -> Optimization {
        let pretraining = Pretraining(set)
        let trainingCount = pretraining.trainingPositions.count
        guard trainingCount >= minimumItems, let initialStability = pretraining.initialStability else {
            return Optimization(outcome: .notEnoughData, weights: current, trainingItems: trainingCount)
        }
        let start = initialStability + Pretraining.defaultWeights[4...]
        if trainingCount == pretraining.initializationPositions.count || trainingCount < minimumItemsForDescent {
            return Optimization(outcome: .initialStabilityOnly, weights: start, trainingItems: trainingCount)
        }
        let problem = TrainingProblem(set, positions: pretraining.trainingPositions, start: start, configuration: configuration)
        let polishSteps = ProjectedLBFGS.maximumIterations
        let total = problem.predictions * configuration.epochs + polishSteps
        let descended = descend(problem, configuration: configuration) { progress($0, total) }
        var trained = ProjectedLBFGS(problem, runner: runner).minimize(from: descended) { progress(problem.predictions * configuration.epochs + $0, total) }
        progress(total, total)
        guard trained.allSatisfy(\.isFinite) else {
            return Optimization(outcome: .notEnoughData, weights: current, trainingItems: trainingCount)
        }
        let fitted = Dictionary(uniqueKeysWithValues: (1...4).map { ($0, trained[$0 - 1]) })
        if let smoothed = Pretraining.smoothAndFill(fitted, counts: pretraining.ratingCounts) {
            trained.replaceSubrange(0..<4, with: smoothed)
        }
        return Optimization(outcome: .fitted, weights: trained, trainingItems: trainingCount)
    }

    /// fsrs-rs's training objective over `set`'s training items (after the outlier
    /// filter): the recency-weighted log loss (a sum) plus gamma times the L2 pull towards
    /// the pre-trained start, with its gradient.
    public static func objective(_ set: TrainingSet, weights: [Double],
                                 configuration: TrainingConfiguration = TrainingConfiguration()) -> (value: Double, gradient: [Double]) {
        let pretraining = Pretraining(set)
        let start = (pretraining.initialStability ?? Array(Pretraining.defaultWeights[0..<4])) + Pretraining.defaultWeights[4...]
        let problem = TrainingProblem(set, positions: pretraining.trainingPositions, start: start, configuration: configuration)
        let (value, gradient) = problem.objective(weights)
        return (value, (0..<Dual.parameterCount).map { gradient[$0] })
    }

    /// fsrs-rs's mini-batch Adam: batches in a new seeded order each epoch, the learning
    /// rate annealed along a half cosine, the L2 pull scaled by the batch's share.
    static func descend(_ problem: TrainingProblem, configuration: TrainingConfiguration, progress: (Int) -> Void) -> [Double] {
        var weights = problem.start
        var adam = Adam()
        let steps = Double((problem.predictions / configuration.batchSize + 1) * configuration.epochs)
        var step = 0
        var generator = SplitMix64(seed: configuration.seed)
        var done = 0
        for _ in 0..<configuration.epochs {
            var order = Array(problem.batches.indices)
            order.shuffle(using: &generator)
            for index in order {
                let rate = 0.5 * configuration.learningRate * (1 + cos(Double.pi * Double(step) / steps))
                step += 1
                let batch = problem.batches[index]
                var (_, gradient, size) = problem.logLoss(weights, cards: batch)
                gradient += problem.pullGradient(weights) * (Double(size) / Double(problem.predictions))
                adam.step(&weights, gradient: gradient, rate: rate)
                weights = clipped(weights)
                done += size
                progress(done)
            }
        }
        return weights
    }

    /// The weighted log loss (sum) and its gradient over all of `set`'s items, with weights
    /// `itemWeights` (same order as the items); for tests and diagnostics.
    public static func lossAndGradient(_ set: TrainingSet, weights: [Double], itemWeights: [Double]) -> (loss: Double, gradient: [Double]) {
        let walk = MemoryWalk<Dual>(weights: Dual.variables(weights))
        var loss = 0.0
        var gradient = Partials.zero
        for (card, targets) in zip(set.cards, set.itemsByCard()) {
            walk.walk(card, targets: targets) { position, recall in
                let remembered = card.rating(at: set.items[position].review) != .again
                let (itemLoss, itemGradient) = TrainingProblem.itemLoss(recall, remembered: remembered, weight: itemWeights[position])
                loss += itemLoss
                gradient += itemGradient
            }
        }
        return (loss, (0..<Dual.parameterCount).map { gradient[$0] })
    }
}

/// Adam (β1 0.9, β2 0.999, ε 1e-8) with bias correction, as fsrs-rs steps it.
struct Adam {
    var first = Array(repeating: 0.0, count: Dual.parameterCount)
    var second = Array(repeating: 0.0, count: Dual.parameterCount)
    var steps = 0.0

    mutating func step(_ weights: inout [Double], gradient: Partials, rate: Double) {
        steps += 1
        let correction1 = 1 - pow(0.9, steps), correction2 = 1 - pow(0.999, steps)
        for i in weights.indices {
            first[i] = 0.9 * first[i] + 0.1 * gradient[i]
            second[i] = 0.999 * second[i] + 0.001 * gradient[i] * gradient[i]
            let mean = first[i] / correction1
            let variance = second[i] / correction2
            weights[i] -= rate * mean / (variance.squareRoot() + 1e-8)
        }
    }
}
