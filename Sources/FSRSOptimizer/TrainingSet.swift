import Scheduling

// What the optimizer learns from, built from the review log the way fsrs-rs (the optimizer
// inside Anki) builds its training items:
// - per card, its reviews in time order;
// - a review's elapsed days (fsrs-rs's delta_t) are whole study days between its study
//   day and the previous review's (0 for the card's first review and for same-day reviews);
// - one item per review after the card's first with at least one elapsed day: the model
//   reads all the card's earlier reviews and predicts the recall of that one;
// - grades 0-2 are Again (a lapse), 3 Hard, 4 Good, 5 Easy.
// Same-day reviews are part of the history (the short-term formula) but are never
// predicted. An item is named by (card, review) instead of copying the card's prefix:
// one card's items share their history.

/// One review of the log as the optimizer sees it.
public struct LoggedReview: Sendable, Hashable {
    /// Any number that tells cards apart (the caller's index of the card ID).
    public var card: Int
    /// When it happened (seconds; only the order matters).
    public var at: Int64
    /// The study day it belongs to (rollover hour and time zone applied by the caller).
    public var studyDay: Int64
    public var grade: Quality
    /// How long the answer took (the simulator's costs); 0 when unknown.
    public var seconds: Double

    public init(card: Int, at: Int64, studyDay: Int64, grade: Quality, seconds: Double = 0) {
        self.card = card
        self.at = at
        self.studyDay = studyDay
        self.grade = grade
        self.seconds = seconds
    }
}

/// One card's reviews in time order.
public struct CardHistory: Sendable, Hashable {
    public var ratings: [Rating]
    /// Whole study days since the previous review; 0 for the first.
    public var elapsedDays: [Int]
    /// Each review's time, which orders the items.
    public var times: [Int64]

    public init(ratings: [Rating], elapsedDays: [Int], times: [Int64]) {
        precondition(ratings.count == elapsedDays.count && ratings.count == times.count, "one rating, gap and time per review")
        self.ratings = ratings
        self.elapsedDays = elapsedDays
        self.times = times
    }

    public var count: Int { ratings.count }

    /// The reviews that are predicted: every one after the first with a gap of a day or more.
    public var predictedReviews: [Int] {
        ratings.indices.dropFirst().filter { elapsedDays[$0] > 0 }
    }

    /// fsrs-rs's `long_term_review_cnt` of the item ending at `review`: its reviews with a
    /// gap of a day or more.
    public func longTermReviews(through review: Int) -> Int {
        (0...review).reduce(0) { $0 + (elapsedDays[$1] > 0 ? 1 : 0) }
    }

    /// Lapses before `review` that fsrs-rs counts for its bins: Again after a gap.
    public func longTermLapses(before review: Int) -> Int {
        (0..<review).reduce(0) { $0 + (ratings[$1] == .again && elapsedDays[$1] > 0 ? 1 : 0) }
    }

    /// The first review with a gap, the one pre-training learns the initial stability from.
    public var firstLongTermReview: Int? {
        ratings.indices.first { elapsedDays[$0] > 0 }
    }
}

/// A prediction target: review `review` (>= 1) of card `card`, given the reviews before it.
public struct TrainingItem: Sendable, Hashable {
    public var card: Int
    public var review: Int

    public init(card: Int, review: Int) {
        self.card = card
        self.review = review
    }
}

/// The cards and their items; the items are in the order of the predicted reviews' times
/// (what fsrs-rs's recency weighting expects).
public struct TrainingSet: Sendable {
    public let cards: [CardHistory]
    public let items: [TrainingItem]

    public init(cards: [CardHistory]) {
        self.cards = cards
        var items: [(time: Int64, item: TrainingItem)] = []
        for (index, card) in cards.enumerated() {
            for review in card.predictedReviews {
                items.append((card.times[review], TrainingItem(card: index, review: review)))
            }
        }
        // Stable for equal times: card order, then review order.
        items.sort { ($0.time, $0.item.card, $0.item.review) < ($1.time, $1.item.card, $1.item.review) }
        self.items = items.map(\.item)
    }

    /// Groups `reviews` by card (in order of first appearance) and orders each card's
    /// reviews by time; reviews at the same time keep the order given.
    public init(reviews: [LoggedReview]) {
        var cardIndex: [Int: Int] = [:]
        var grouped: [[LoggedReview]] = []
        for review in reviews {
            if let index = cardIndex[review.card] {
                grouped[index].append(review)
            } else {
                cardIndex[review.card] = grouped.count
                grouped.append([review])
            }
        }
        self.init(grouped: grouped)
    }

    /// The set of reviews already grouped by card, each card's reviews in the order given
    /// (ordered by time here, ties kept), the cards in the order given.
    public init(grouped: [[LoggedReview]]) {
        self.init(cards: grouped.map(Self.history))
    }

    static func history(_ reviews: [LoggedReview]) -> CardHistory {
        let ordered = reviews.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        var elapsed: [Int] = []
        elapsed.reserveCapacity(ordered.count)
        for (index, review) in ordered.enumerated() {
            elapsed.append(index == 0 ? 0 : Int(max(0, review.studyDay - ordered[index - 1].studyDay)))
        }
        return CardHistory(ratings: ordered.map(\.grade.rating), elapsedDays: elapsed, times: ordered.map(\.at))
    }

    /// The reviews in all cards.
    public var reviewCount: Int { cards.reduce(0) { $0 + $1.count } }

    /// For each card, its items' (review, position in `items`), in review order.
    func itemsByCard() -> [[(review: Int, position: Int)]] {
        var result = Array(repeating: [(review: Int, position: Int)](), count: cards.count)
        for (position, item) in items.enumerated() { result[item.card].append((item.review, position)) }
        for index in result.indices { result[index].sort { $0.review < $1.review } }
        return result
    }
}
