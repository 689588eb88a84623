#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Scheduling

/// The training items gathered per card with their recency weights, cut into mini-batches
/// of whole cards, and the objective on them. Walking a card once serves all its items.
struct TrainingProblem {
    struct Target {
        let review: Int
        let position: Int
        let remembered: Bool
        let weight: Double
    }

    struct CardTargets {
        let card: Int
        var targets: [Target]
        /// The targets as `MemoryWalk` takes them, made once.
        var walkTargets: [(review: Int, position: Int)] = []
    }

    let set: TrainingSet
    let cards: [CardTargets]
    /// Indices into `cards`.
    let batches: [[Int]]
    /// Items trained on.
    let predictions: Int
    /// Where descent starts, and the centre of the L2 pull.
    let start: [Double]
    let gamma: Double

    init(_ set: TrainingSet, positions: [Int], start: [Double], configuration: TrainingConfiguration) {
        self.set = set
        self.start = start
        gamma = configuration.gamma
        let recency = FSRSEvaluator.recencyWeights(count: positions.count)
        var byCard: [Int: CardTargets] = [:]
        var predictions = 0
        for (index, position) in positions.enumerated() {
            let item = set.items[position]
            // fsrs-rs trains on items of at most 256 reviews.
            guard item.review < configuration.maximumSequenceLength else { continue }
            let remembered = set.cards[item.card].ratings[item.review] != .again
            byCard[item.card, default: CardTargets(card: item.card, targets: [])].targets
                .append(Target(review: item.review, position: position, remembered: remembered, weight: recency[index]))
            predictions += 1
        }
        self.predictions = predictions
        // Shorter cards first, as fsrs-rs orders its batches by length.
        var cards = byCard.values.map { entry -> CardTargets in
            var entry = entry
            entry.targets.sort { $0.review < $1.review }
            entry.walkTargets = entry.targets.map { ($0.review, $0.position) }
            return entry
        }
        cards.sort { ($0.targets.last!.review, $0.card) < ($1.targets.last!.review, $1.card) }
        self.cards = cards
        var batches: [[Int]] = []
        var current: [Int] = [], size = 0
        for (index, card) in cards.enumerated() {
            if !current.isEmpty && size + card.targets.count > configuration.batchSize {
                batches.append(current)
                current = []
                size = 0
            }
            size += card.targets.count
            current.append(index)
        }
        if !current.isEmpty { batches.append(current) }
        self.batches = batches
    }

    /// The weighted log loss (a sum), its gradient and the number of items, over `cards`.
    func logLoss(_ weights: [Double], cards subset: [Int]) -> (Double, Partials, Int) {
        let walk = MemoryWalk<Dual>(weights: Dual.variables(weights))
        var loss = 0.0
        var gradient = Partials.zero
        var size = 0
        for index in subset {
            let entry = cards[index]
            size += entry.targets.count
            var next = 0
            walk.walk(set.cards[entry.card], targets: entry.walkTargets) { _, recall in
                let target = entry.targets[next]
                next += 1
                let (itemLoss, itemGradient) = Self.itemLoss(recall, remembered: target.remembered, weight: target.weight)
                loss += itemLoss
                gradient += itemGradient
            }
        }
        return (loss, gradient, size)
    }

    /// The whole training objective: log loss of every item plus the full L2 pull.
    func objective(_ weights: [Double]) -> (Double, Partials) {
        var (loss, gradient, _) = logLoss(weights, cards: Array(cards.indices))
        for i in 0..<Dual.parameterCount {
            let distance = (weights[i] - start[i]) / FSRSTrainer.weightSpread[i]
            loss += gamma * distance * distance
        }
        gradient += pullGradient(weights)
        return (loss, gradient)
    }

    /// Gradient of gamma Σ ((w - start) / spread)².
    func pullGradient(_ weights: [Double]) -> Partials {
        var gradient = Partials.zero
        for i in 0..<Dual.parameterCount {
            let spread = FSRSTrainer.weightSpread[i]
            gradient[i] = gamma * 2 * (weights[i] - start[i]) / (spread * spread)
        }
        return gradient
    }

    /// fsrs-rs's training loss keeps the prediction within 1e-7 of 0 and 1; outside that
    /// it gives no gradient.
    static let probabilityBounds = 1e-7...(1 - 1e-7)

    @inline(__always)
    static func itemLoss(_ recall: Dual, remembered: Bool, weight: Double) -> (Double, Partials) {
        let raw = recall.value
        let r = min(max(raw, probabilityBounds.lowerBound), probabilityBounds.upperBound)
        let loss = -(remembered ? log(r) : log(1 - r)) * weight
        guard raw > probabilityBounds.lowerBound && raw < probabilityBounds.upperBound else { return (loss, .zero) }
        return (loss, recall.partials * (remembered ? -weight / r : weight / (1 - r)))
    }
}
