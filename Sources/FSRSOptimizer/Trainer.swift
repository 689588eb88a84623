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

    /// `progress(done, total)` is called after every mini-batch.
    public static func optimize(_ set: TrainingSet, current: [Double], configuration: TrainingConfiguration = TrainingConfiguration(),
                                progress: (Int, Int) -> Void = { _, _ in }) -> Optimization {
        let pretraining = Pretraining(set)
        let trainingCount = pretraining.trainingPositions.count
        guard trainingCount >= minimumItems, let initialStability = pretraining.initialStability else {
            return Optimization(outcome: .notEnoughData, weights: current, trainingItems: trainingCount)
        }
        let start = initialStability + Pretraining.defaultWeights[4...]
        if trainingCount == pretraining.initializationPositions.count || trainingCount < minimumItemsForDescent {
            return Optimization(outcome: .initialStabilityOnly, weights: start, trainingItems: trainingCount)
        }
        var trained = descend(set, positions: pretraining.trainingPositions, start: start, configuration: configuration, progress: progress)
        guard trained.allSatisfy(\.isFinite) else {
            return Optimization(outcome: .notEnoughData, weights: current, trainingItems: trainingCount)
        }
        let fitted = Dictionary(uniqueKeysWithValues: (1...4).map { ($0, trained[$0 - 1]) })
        if let smoothed = Pretraining.smoothAndFill(fitted, counts: pretraining.ratingCounts) {
            trained.replaceSubrange(0..<4, with: smoothed)
        }
        return Optimization(outcome: .fitted, weights: trained, trainingItems: trainingCount)
    }

    /// One card's share of a mini-batch: its items to predict and their recency weights.
    struct CardTargets {
        let card: Int
        var targets: [(review: Int, position: Int)]
    }

    static func descend(_ set: TrainingSet, positions: [Int], start: [Double], configuration: TrainingConfiguration,
                        progress: (Int, Int) -> Void) -> [Double] {
        let recency = FSRSEvaluator.recencyWeights(count: positions.count)
        var weightOf: [Double] = Array(repeating: 0, count: set.items.count)
        var byCard: [Int: CardTargets] = [:]
        var total = 0
        for (index, position) in positions.enumerated() {
            let item = set.items[position]
            guard item.review + 1 <= configuration.maximumSequenceLength else { continue }
            weightOf[position] = recency[index]
            byCard[item.card, default: CardTargets(card: item.card, targets: [])].targets.append((item.review, position))
            total += 1
        }
        // Whole cards per batch, shorter cards first, as fsrs-rs batches by card.
        var cards = byCard.values.map { entry -> CardTargets in
            var entry = entry
            entry.targets.sort { $0.review < $1.review }
            return entry
        }
        cards.sort { ($0.targets.last!.review, $0.card) < ($1.targets.last!.review, $1.card) }
        var batches: [[CardTargets]] = []
        var current: [CardTargets] = [], predictions = 0
        for card in cards {
            if !current.isEmpty && predictions + card.targets.count > configuration.batchSize {
                batches.append(current)
                current = []
                predictions = 0
            }
            predictions += card.targets.count
            current.append(card)
        }
        if !current.isEmpty { batches.append(current) }

        var weights = start
        var adam = Adam()
        let steps = Double((total / configuration.batchSize + 1) * configuration.epochs)
        var step = 0
        var generator = SplitMix64(seed: configuration.seed)
        var order = Array(batches.indices)
        var done = 0
        for _ in 0..<configuration.epochs {
            order = Array(batches.indices)
            order.shuffle(using: &generator)
            for index in order {
                let batch = batches[index]
                let rate = 0.5 * configuration.learningRate * (1 + cos(Double.pi * Double(step) / steps))
                step += 1
                var (gradient, size) = batchGradient(set, batch: batch, weights: weights, itemWeights: weightOf)
                let scale = configuration.gamma * Double(size) / Double(total)
                for i in 0..<Dual.parameterCount {
                    let spread = weightSpread[i]
                    gradient[i] += 2 * (weights[i] - start[i]) / (spread * spread) * scale
                }
                adam.step(&weights, gradient: gradient, rate: rate)
                weights = clipped(weights)
                done += size
                progress(done, total * configuration.epochs)
            }
        }
        return weights
    }

    /// The gradient of the batch's weighted log loss (sum, not mean) and its predictions.
    static func batchGradient(_ set: TrainingSet, batch: [CardTargets], weights: [Double], itemWeights: [Double]) -> (SIMD32<Double>, Int) {
        let walk = MemoryWalk<Dual>(weights: Dual.variables(weights))
        var gradient = SIMD32<Double>.zero
        var size = 0
        for entry in batch {
            let card = set.cards[entry.card]
            size += entry.targets.count
            walk.walk(card, targets: entry.targets) { position, recall in
                gradient += lossGradient(recall, remembered: card.ratings[set.items[position].review] != .again,
                                         weight: itemWeights[position])
            }
        }
        return (gradient, size)
    }

    /// fsrs-rs's training loss keeps the prediction within 1e-7 of 0 and 1; outside that
    /// it gives no gradient.
    static let probabilityBounds = 1e-7...(1 - 1e-7)

    @inline(__always)
    static func lossGradient(_ recall: Dual, remembered: Bool, weight: Double) -> SIMD32<Double> {
        let r = recall.value
        guard r > probabilityBounds.lowerBound && r < probabilityBounds.upperBound else { return .zero }
        let slope = remembered ? -weight / r : weight / (1 - r)
        return recall.partials * slope
    }

    /// The weighted log loss (sum) and its gradient over all of `set`'s items, with weights
    /// `itemWeights` (same order as the items); for tests and diagnostics.
    public static func lossAndGradient(_ set: TrainingSet, weights: [Double], itemWeights: [Double]) -> (loss: Double, gradient: [Double]) {
        let walk = MemoryWalk<Dual>(weights: Dual.variables(weights))
        var loss = 0.0
        var gradient = SIMD32<Double>.zero
        for (card, targets) in zip(set.cards, set.itemsByCard()) {
            walk.walk(card, targets: targets) { position, recall in
                let remembered = card.ratings[set.items[position].review] != .again
                let r = min(max(recall.value, probabilityBounds.lowerBound), probabilityBounds.upperBound)
                loss += -(remembered ? log(r) : log(1 - r)) * itemWeights[position]
                gradient += lossGradient(recall, remembered: remembered, weight: itemWeights[position])
            }
        }
        return (loss, (0..<Dual.parameterCount).map { gradient[$0] })
    }
}

/// Adam (β1 0.9, β2 0.999, ε 1e-8) with bias correction, as fsrs-rs steps it.
struct Adam {
    var first = SIMD32<Double>.zero
    var second = SIMD32<Double>.zero
    var steps = 0.0

    mutating func step(_ weights: inout [Double], gradient: SIMD32<Double>, rate: Double) {
        steps += 1
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient * gradient
        let correction1 = 1 - pow(0.9, steps), correction2 = 1 - pow(0.999, steps)
        for i in weights.indices {
            let mean = first[i] / correction1
            let variance = second[i] / correction2
            weights[i] -= rate * mean / (variance.squareRoot() + 1e-8)
        }
    }
}
