#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Scheduling

/// How well a set of weights predicts the log, as fsrs-rs's `evaluate` measures it.
public struct Evaluation: Sendable, Equatable {
    /// Items evaluated.
    public var items: Int
    /// Mean binary cross-entropy of the predicted recall against the outcome, every item
    /// counted once.
    public var logLoss: Double
    /// RMSE(bins), every item counted once.
    public var rmseBins: Double
    /// The same two with fsrs-rs's recency weights (what its `evaluate` returns): item i of
    /// n, in time order, weighs 0.25 + 0.75 (i / (n - 1))^3, so recent reviews count up to
    /// four times as much as old ones.
    public var weightedLogLoss: Double
    public var weightedRMSEBins: Double
}

public enum FSRSEvaluator {
    /// The recency weight of each of `count` items in time order (fsrs-rs's
    /// `recency_weighted_fsrs_items`).
    public static func recencyWeights(count: Int) -> [Double] {
        let weights = RecencyWeights(count: count)
        return (0..<count).map { weights[$0] }
    }

    /// Each item's predicted recall, in the order of `set.items`.
    public static func predictions(_ set: TrainingSet, weights: [Double]) -> [Double] {
        let byReview = predictionsByReview(set, weights: weights)
        return set.items.map { byReview[set.reviewIndex(card: $0.card, review: $0.review)] }
    }

    /// The predicted recall of every predicted review, kept per review of the set (one
    /// number per review, where items listed per card took twice that and more).
    static func predictionsByReview(_ set: TrainingSet, weights: [Double]) -> [Double] {
        var result = Array(repeating: 0.0, count: set.reviewCount)
        let walk = MemoryWalk<Double>(weights: weights)
        for card in 0..<set.cardCount {
            let base = set.reviewIndex(card: card, review: 0)
            walk.walkPredicted(set.card(card)) { review, recall in result[base + review] = recall }
        }
        return result
    }

    /// nil when there are no items.
    public static func evaluate(_ set: TrainingSet, weights: [Double]) -> Evaluation? {
        guard !set.items.isEmpty else { return nil }
        let predicted = predictionsByReview(set, weights: weights)
        let recency = RecencyWeights(count: set.items.count)
        var plainLoss = 0.0, weightedLoss = 0.0, weightSum = 0.0
        var bins: [RecallBin.Key: RecallBin] = [:]
        for (position, item) in set.items.enumerated() {
            let card = set.card(item.card)
            let recall = predicted[set.reviewIndex(card: item.card, review: item.review)]
            let remembered = card.rating(at: item.review) != .again
            let weight = recency[position]
            // fsrs-rs's evaluate takes the logarithm of the prediction as it is (no clamp).
            let loss = -(remembered ? log(recall) : log(1 - recall))
            plainLoss += loss
            weightedLoss += loss * weight
            weightSum += weight
            bins[RecallBin.key(card, item.review), default: RecallBin()].add(predicted: recall, remembered: remembered,
                                                                             weight: weight)
        }
        let count = Double(set.items.count)
        let ordered = RecallBin.inKeyOrder(bins)
        return Evaluation(items: set.items.count, logLoss: plainLoss / count, rmseBins: RecallBin.rmse(ordered, weighted: false),
                          weightedLogLoss: weightedLoss / weightSum, weightedRMSEBins: RecallBin.rmse(ordered, weighted: true))
    }
}

/// fsrs-rs's recency weights, worked out when asked for (an array of them is 8 MB per
/// million items).
struct RecencyWeights {
    let length: Double

    init(count: Int) {
        length = max(Double(count) - 1, 1)
    }

    subscript(position: Int) -> Double {
        0.25 + 0.75 * pow(Double(position) / length, 3)
    }
}

/// fsrs-rs's RMSE(bins): items are grouped by the predicted review's gap, the item's number
/// of long-term reviews and its earlier long-term lapses, each on a geometric scale (bases
/// 3.62, 1.89, 1.73); per bin the mean prediction is compared with the observed recall
/// rate, and the squared differences are averaged with each bin weighing its items (or
/// their recency weights).
struct RecallBin {
    struct Key: Hashable {
        let gap: Int
        let length: Int
        /// -1 for no lapse, else the lapses' bin.
        let lapses: Int
    }

    var predicted = 0.0
    var actual = 0.0
    var count = 0.0
    var weight = 0.0

    mutating func add(predicted recall: Double, remembered: Bool, weight itemWeight: Double) {
        predicted += recall
        actual += remembered ? 1 : 0
        count += 1
        weight += itemWeight
    }

    /// The bin's exponent on each scale (fsrs-rs rounds a scaled power of it; the
    /// grouping is the same).
    static func key(_ card: CardReviews, _ review: Int) -> Key {
        let lapses = card.longTermLapses(before: review)
        return Key(gap: exponent(Double(card.gap(at: review)), base: 3.62),
                   length: exponent(Double(card.longTermReviews(through: review) + 1), base: 1.89),
                   lapses: lapses == 0 ? -1 : exponent(Double(lapses), base: 1.73))
    }

    static func exponent(_ value: Double, base: Double) -> Int {
        Int((log(value) / log(base)).rounded(.down))
    }

    /// The bins in the order of their keys, to be summed in: a dictionary's order changes
    /// from run to run, and with it the last digit of a sum (one log gave three different
    /// weighted RMSEs in three runs).
    static func inKeyOrder(_ bins: [Key: RecallBin]) -> [RecallBin] {
        bins.sorted { ($0.key.gap, $0.key.length, $0.key.lapses) < ($1.key.gap, $1.key.length, $1.key.lapses) }.map(\.value)
    }

    static func rmse(_ bins: some Collection<RecallBin>, weighted: Bool) -> Double {
        var sum = 0.0, total = 0.0
        for bin in bins {
            let difference = bin.predicted / bin.count - bin.actual / bin.count
            let binWeight = weighted ? bin.weight : bin.count
            sum += difference * difference * binWeight
            total += binWeight
        }
        return (sum / total).squareRoot()
    }
}
