#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Scheduling

// Before gradient descent, fsrs-rs fits the four initial stabilities (S0 after a first
// Again, Hard, Good, Easy) directly: for each first rating, the outcomes of the cards'
// first review after a gap, by gap, are fitted with the default forgetting curve by a
// ternary search on S. It also drops rare (first rating, gap) groups as outliers, from
// that data and from the training items. This file does the same, in the same order.

/// The outcome of the outlier analysis and the S0 fit.
struct Pretraining {
    /// Positions (in `TrainingSet.items`) of the items gradient descent learns from.
    let trainingPositions: [Int]
    /// The items S0 is fitted on: first long-term reviews in kept groups.
    let initializationPositions: [Int]
    /// Fitted S0 per first rating (nil when nothing to fit: no first review survived).
    let initialStability: [Double]?
    /// How many initialization items each first rating (1...4) had.
    let ratingCounts: [Int: Int]

    /// fsrs-rs's defaults, the starting point and the regularization's centre.
    static let defaultWeights = FSRSParameters.defaults.weights
    static let maximumInitialStability = 100.0

    init(_ set: TrainingSet) {
        // Group the cards' first long-term reviews by first rating, then gap.
        var groups: [Int: [Int: [Int]]] = [:]
        var firstLongTerm: [Int: Int] = [:]  // card -> review
        for index in 0..<set.cardCount {
            if let review = set.card(index).firstLongTermReview { firstLongTerm[index] = review }
        }
        for (position, item) in set.items.enumerated() where firstLongTerm[item.card] == item.review {
            let card = set.card(item.card)
            groups[card.rating(at: 0).rawValue, default: [:]][card.gap(at: item.review), default: []].append(position)
        }
        var removed: [Int: Set<Int>] = [:]
        var kept: [Int] = []
        for rating in groups.keys.sorted() {
            let gaps = groups[rating]!
            let total = gaps.values.reduce(0) { $0 + $1.count }
            // Smallest groups first (ties: shorter gap first); at least 5% (20 items) go.
            let ordered = gaps.sorted { ($0.value.count, $0.key) < ($1.value.count, $1.key) }
            var removedSoFar = 0
            for (gap, positions) in ordered {
                if removedSoFar + positions.count >= max(20, total / 20) {
                    if positions.count >= 6 && gap <= (rating != 4 ? 100 : 365) {
                        kept += positions
                    } else {
                        removed[rating, default: []].insert(gap)
                    }
                } else {
                    removedSoFar += positions.count
                    removed[rating, default: []].insert(gap)
                }
            }
        }
        trainingPositions = set.items.indices.filter { position in
            let item = set.items[position]
            let card = set.card(item.card)
            guard let first = firstLongTerm[item.card] else { return true }
            return !(removed[card.rating(at: 0).rawValue]?.contains(card.gap(at: first)) ?? false)
        }
        initializationPositions = kept

        let remembered = trainingPositions.reduce(0) { count, position in
            let item = set.items[position]
            return count + (set.card(item.card).rating(at: item.review) != .again ? 1 : 0)
        }
        let averageRecall = trainingPositions.isEmpty ? 0 : Double(remembered) / Double(trainingPositions.count)

        // Per first rating, per gap: recall rate and count.
        var outcomes: [Int: [Int: (remembered: Int, count: Int)]] = [:]
        for position in kept {
            let item = set.items[position]
            let card = set.card(item.card)
            var entry = outcomes[card.rating(at: 0).rawValue, default: [:]][card.gap(at: item.review), default: (0, 0)]
            entry.count += 1
            if card.rating(at: item.review) != .again { entry.remembered += 1 }
            outcomes[card.rating(at: 0).rawValue, default: [:]][card.gap(at: item.review)] = entry
        }
        ratingCounts = outcomes.mapValues { $0.values.reduce(0) { $0 + $1.count } }
        var fitted: [Int: Double] = [:]
        for (rating, byGap) in outcomes {
            fitted[rating] = Self.searchStability(byGap.sorted { $0.key < $1.key }.map { (Double($0.key), Double($0.value.remembered) / Double($0.value.count), Double($0.value.count)) },
                                                  averageRecall: averageRecall, defaultStability: Self.defaultWeights[rating - 1])
        }
        initialStability = Self.smoothAndFill(fitted, counts: ratingCounts)
    }

    /// The S minimizing the log loss of the default forgetting curve on (gap, recall,
    /// count), each recall smoothed towards the average (Laplace), plus |S - default| / 16.
    static func searchStability(_ data: [(gap: Double, recall: Double, count: Double)], averageRecall: Double,
                                defaultStability: Double) -> Double {
        let decay = -defaultWeights[20]
        let factor = pow(0.9, 1 / decay) - 1
        let smoothed = data.map { ($0.gap, ($0.recall * $0.count + averageRecall) / ($0.count + 1), $0.count) }
        func loss(_ stability: Double) -> Double {
            var total = 0.0
            for (gap, recall, count) in smoothed {
                let predicted = pow(gap / stability * factor + 1, decay)
                total += -(recall * log(predicted) + (1 - recall) * log(1 - predicted)) * count
            }
            return total + abs(stability - defaultStability) / 16
        }
        var low = MemoryBounds.minimumStability, high = maximumInitialStability
        var best = defaultStability
        var iterations = 0
        while high - low > Double.ulpOfOne && iterations < 1000 {
            iterations += 1
            let first = low + (high - low) / 3, second = high - (high - low) / 3
            if loss(first) < loss(second) { high = second } else { low = first }
            best = (high + low) / 2
        }
        return best
    }

    /// Makes S0 grow with the rating (the rating seen more often wins a conflict) and fills
    /// ratings never seen first from the others by fsrs-rs's fixed log-linear rules;
    /// nil when no rating was seen.
    static func smoothAndFill(_ fitted: [Int: Double], counts: [Int: Int]) -> [Double]? {
        var s = fitted.filter { counts[$0.key] != nil }
        for (small, big) in [(1, 2), (2, 3), (3, 4), (1, 3), (2, 4), (1, 4)] {
            guard let smallValue = s[small], let bigValue = s[big], smallValue > bigValue else { continue }
            if counts[small]! > counts[big]! { s[big] = smallValue } else { s[small] = bigValue }
        }
        let w1 = 0.41, w2 = 0.54
        var result: [Double]
        switch s.count {
        case 0:
            return nil
        case 1:
            let (rating, value) = s.first!
            let scale = value / defaultWeights[rating - 1]
            result = defaultWeights[0..<4].map { $0 * scale }.sorted()
        default:
            var r: [Double?] = [nil, s[1], s[2], s[3], s[4]]
            switch (r[1], r[2], r[3], r[4]) {
            case (nil, nil, let r3?, let r4?):
                let r2 = pow(r3, 1 / (1 - w2)) * pow(r4, 1 - 1 / (1 - w2))
                r[2] = r2
                r[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (nil, let r2?, nil, let r4?):
                let r3 = pow(r2, 1 - w2) * pow(r4, w2)
                r[3] = r3
                r[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (nil, let r2?, let r3?, nil):
                r[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
                r[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (let r1?, nil, nil, let r4?):
                let shared = w1 * -w2 + (w1 + w2)
                r[2] = pow(r1, w1 / shared) * pow(r4, 1 - w1 / shared)
                r[3] = pow(r1, 1 - w2 / shared) * pow(r4, w2 / shared)
            case (let r1?, nil, let r3?, nil):
                let r2 = pow(r1, w1) * pow(r3, 1 - w1)
                r[2] = r2
                r[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
            case (let r1?, let r2?, nil, nil):
                let r3 = pow(r1, 1 - 1 / (1 - w1)) * pow(r2, 1 / (1 - w1))
                r[3] = r3
                r[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
            case (nil, let r2?, let r3?, _):
                r[1] = pow(r2, 1 / w1) * pow(r3, 1 - 1 / w1)
            case (let r1?, nil, let r3?, _):
                r[2] = pow(r1, w1) * pow(r3, 1 - w1)
            case (_, let r2?, nil, let r4?):
                r[3] = pow(r2, 1 - w2) * pow(r4, w2)
            case (_, let r2?, let r3?, nil):
                r[4] = pow(r2, 1 - 1 / w2) * pow(r3, 1 / w2)
            default:
                break
            }
            result = r.compactMap { $0 }
        }
        guard result.count >= 4 else { return nil }
        return result.prefix(4).map { min(max($0, MemoryBounds.minimumStability), maximumInitialStability) }
    }
}
