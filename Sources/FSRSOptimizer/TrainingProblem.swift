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
/// The targets are flat columns, card after card (a million items take 8 MB, where a
/// record and a list per card took over 40 MB).
struct TrainingProblem: Sendable {
    let set: TrainingSet
    /// The cards trained on (numbers in `set`), shorter first, as fsrs-rs orders its batches.
    let cardNumbers: [Int32]
    /// Card `i`'s targets are `targetStarts[i]..<targetStarts[i + 1]` of the columns below.
    let targetStarts: [Int]
    /// Each target's review (ascending within a card) and its place among the training
    /// positions, which gives its recency weight.
    let targetReviews: [Int32]
    let targetRanks: [Int32]
    let recency: RecencyWeights
    /// Indices into `cardNumbers`.
    let batches: [[Int]]
    /// The cards cut into runs of about equal work, for the whole objective
    /// (`objective`): each run's sum is taken apart, then the runs' sums in this order.
    let pieces: [Range<Int>]
    /// How many pieces: enough to keep a few cores busy to the end, and fixed, so the
    /// objective adds the same numbers in the same order whoever runs the pieces.
    static let pieceCount = 16
    /// Items trained on.
    let predictions: Int
    /// Where descent starts, and the centre of the L2 pull.
    let start: [Double]
    let gamma: Double

    init(_ set: TrainingSet, positions: [Int], start: [Double], configuration: TrainingConfiguration) {
        self.set = set
        self.start = start
        gamma = configuration.gamma
        recency = RecencyWeights(count: positions.count)
        var targets: [(card: Int32, review: Int32, rank: Int32)] = []
        // Reserved whole: grown by doubling it held up to twice its size, and half again while moving.
        targets.reserveCapacity(positions.count)
        for (rank, position) in positions.enumerated() {
            let item = set.items[position]
            // fsrs-rs trains on items of at most 256 reviews.
            guard item.review < configuration.maximumSequenceLength else { continue }
            targets.append((Int32(item.card), Int32(item.review), Int32(rank)))
        }
        predictions = targets.count
        targets.sort { ($0.card, $0.review) < ($1.card, $1.review) }
        // Each card's run of targets, then the cards by their last target's review, then number.
        var runs: [(card: Int32, start: Int, end: Int)] = []
        for (index, target) in targets.enumerated() {
            if let last = runs.last, last.card == target.card {
                runs[runs.count - 1].end = index + 1
            } else {
                runs.append((target.card, index, index + 1))
            }
        }
        runs.sort { (targets[$0.end - 1].review, $0.card) < (targets[$1.end - 1].review, $1.card) }
        var cardNumbers: [Int32] = [], targetStarts = [0], reviews: [Int32] = [], ranks: [Int32] = []
        cardNumbers.reserveCapacity(runs.count)
        targetStarts.reserveCapacity(runs.count + 1)
        reviews.reserveCapacity(targets.count)
        ranks.reserveCapacity(targets.count)
        for run in runs {
            cardNumbers.append(run.card)
            for target in targets[run.start..<run.end] {
                reviews.append(target.review)
                ranks.append(target.rank)
            }
            targetStarts.append(reviews.count)
        }
        self.cardNumbers = cardNumbers
        self.targetStarts = targetStarts
        targetReviews = reviews
        targetRanks = ranks
        var batches: [[Int]] = []
        var current: [Int] = [], size = 0
        for index in cardNumbers.indices {
            let count = targetStarts[index + 1] - targetStarts[index]
            if !current.isEmpty && size + count > configuration.batchSize {
                batches.append(current)
                current = []
                size = 0
            }
            size += count
            current.append(index)
        }
        if !current.isEmpty { batches.append(current) }
        self.batches = batches
        pieces = Self.pieces(cards: cardNumbers.count) { Int(reviews[targetStarts[$0 + 1] - 1]) }
    }

    /// `pieceCount` runs of `cards` cards (fewer when there are fewer cards), cut where
    /// the reviews walked so far pass each equal share of all; `walked(card)` is how many a
    /// card's walk takes (up to its last target). No list of them is kept: this runs at
    /// the optimizer's peak of memory.
    static func pieces(cards: Int, walked: (Int) -> Int) -> [Range<Int>] {
        let total = (0..<cards).reduce(0) { $0 + walked($1) }
        var pieces: [Range<Int>] = []
        var start = 0, done = 0
        for card in 0..<cards {
            done += walked(card)
            if done * pieceCount >= total * (pieces.count + 1) || card == cards - 1 {
                pieces.append(start..<card + 1)
                start = card + 1
            }
        }
        return pieces
    }

    /// The weighted log loss (a sum), its gradient and the number of items, over `cards`
    /// (indices into `cardNumbers`).
    func logLoss<Cards: Sequence<Int>>(_ weights: [Double], cards subset: Cards) -> (Double, Partials, Int) {
        let walk = MemoryWalk<Dual>(weights: Dual.variables(weights))
        var loss = 0.0
        var gradient = Partials.zero
        var size = 0
        for index in subset {
            let card = set.card(Int(cardNumbers[index]))
            let first = targetStarts[index]
            let count = targetStarts[index + 1] - first
            size += count
            walk.walk(card, targetCount: count, targetReview: { Int(targetReviews[first + $0]) }) { target, recall in
                let slot = first + target
                let remembered = card.rating(at: Int(targetReviews[slot])) != .again
                let (itemLoss, itemGradient) = Self.itemLoss(recall, remembered: remembered, weight: recency[Int(targetRanks[slot])])
                loss += itemLoss
                gradient += itemGradient
            }
        }
        return (loss, gradient, size)
    }

    /// The whole training objective: log loss of every item plus the full L2 pull. The
    /// pieces' sums are taken by `runner`, then added in piece order, so the value and its
    /// gradient are the same bits however the pieces were run.
    func objective(_ weights: [Double], runner: PieceRunner = .oneAtATime) -> (Double, Partials) {
        let sums = PieceSums(count: pieces.count)
        runner.run(pieces.count) { [self] piece in
            let (loss, gradient, _) = logLoss(weights, cards: pieces[piece])
            sums.set(piece, loss: loss, gradient: gradient)
        }
        var (loss, gradient) = sums.total()
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
