import Scheduling

/// Builds a `TrainingSet` (and the simulator's measures of the same log) from reviews fed
/// one at a time: each card is opened with the number of reviews it will have, so its
/// reviews go straight to their place in the flat columns, and a log read in time order
/// never has to be held whole.
public struct TrainingSetBuilder {
    private var ratings: [Rating]
    private var gaps: [Int32]
    /// Answer times in seconds and review times: only for the measures and the items'
    /// order, dropped once the set is made.
    private var seconds: [Double]
    private var times: [Int64]
    private var starts: [Int] = [0]
    /// How many reviews each card has been given so far, and its last study day.
    private var filled: [Int32] = []
    private var lastDays: [Int64] = []
    private var items: [TrainingItem] = []

    /// `reviews`: how many reviews all cards have together.
    public init(reviews: Int) {
        ratings = Array(repeating: .again, count: reviews)
        gaps = Array(repeating: 0, count: reviews)
        seconds = Array(repeating: 0, count: reviews)
        times = Array(repeating: 0, count: reviews)
        // At most one item per review: reserved once, so a million items never sit in two
        // buffers while the array grows.
        items.reserveCapacity(reviews)
    }

    /// Opens the next card, which will be given exactly `reviews` reviews; returns its number.
    public mutating func addCard(reviews: Int) -> Int {
        let end = starts[starts.count - 1] + reviews
        precondition(end <= ratings.count, "more reviews than the builder was made for")
        starts.append(end)
        filled.append(0)
        lastDays.append(0)
        return filled.count - 1
    }

    /// The next review of `card`, later than (or at the same time as) its previous one.
    public mutating func add(card: Int, at time: Int64, studyDay: Int64, grade: Quality, seconds answerSeconds: Double = 0) {
        let review = Int(filled[card])
        let index = starts[card] + review
        precondition(index < starts[card + 1], "card \(card) was opened with fewer reviews")
        // A card's reviews sit side by side, so the one before is the previous column entry.
        precondition(review == 0 || time >= times[index - 1], "card \(card)'s reviews given out of time order")
        let gap = review == 0 ? 0 : Int(max(0, studyDay - lastDays[card]))
        lastDays[card] = studyDay
        filled[card] += 1
        ratings[index] = grade.rating
        gaps[index] = Int32(clamping: gap)
        seconds[index] = answerSeconds
        times[index] = time
        if review > 0 && gap > 0 { items.append(TrainingItem(card: card, review: review)) }
    }

    /// The last study day given to each card.
    public var lastStudyDays: [Int64] { lastDays }

    /// The set, and the measures of the answer times and grades in card order. The
    /// builder is spent: its columns go to the set or are dropped as soon as they have
    /// served, so the set does not sit beside a copy of them.
    public mutating func finish() -> (set: TrainingSet, measures: LogMeasures) {
        precondition(zip(filled, zip(starts, starts.dropFirst())).allSatisfy { Int($0) == $1.1 - $1.0 }
                     && starts[starts.count - 1] == ratings.count,
                     "every card given the reviews it was opened with, and cards opened for every review")
        // Fed in time order the items are already nearly in order, which the sort keeps cheap.
        do {
            let times = times, starts = starts
            self.times = []
            items.sort {
                let left = times[starts[$0.card] + $0.review], right = times[starts[$1.card] + $1.review]
                return (left, $0.card, $0.review) < (right, $1.card, $1.review)
            }
        }
        let set = TrainingSet(ratings: ratings, gaps: gaps, starts: starts, items: items)
        (ratings, gaps, items) = ([], [], [])
        let seconds = seconds
        self.seconds = []
        return (set, LogMeasures.measure(set, seconds: seconds))
    }

    /// How the cards of a list of reviews are numbered.
    enum CardOrder {
        /// In the order their first review comes in the list.
        case firstAppearance
        /// By the caller's card number.
        case cardNumber
    }

    /// A list of reviews in any order: grouped by card, each card's reviews by time (ties
    /// in the order given).
    static func build(_ reviews: [LoggedReview], cardOrder: CardOrder) -> (set: TrainingSet, measures: LogMeasures) {
        var positions: [Int: [Int]] = [:]
        var appearance: [Int] = []
        for (offset, review) in reviews.enumerated() {
            if positions[review.card] == nil { appearance.append(review.card) }
            positions[review.card, default: []].append(offset)
        }
        let cards = cardOrder == .firstAppearance ? appearance : appearance.sorted()
        var builder = TrainingSetBuilder(reviews: reviews.count)
        for card in cards {
            let offsets = positions[card]!.sorted { (reviews[$0].at, $0) < (reviews[$1].at, $1) }
            let index = builder.addCard(reviews: offsets.count)
            for offset in offsets {
                let review = reviews[offset]
                builder.add(card: index, at: review.at, studyDay: review.studyDay, grade: review.grade, seconds: review.seconds)
            }
        }
        return builder.finish()
    }
}
