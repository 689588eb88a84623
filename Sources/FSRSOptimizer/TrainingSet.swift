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
//
// The reviews are kept in flat columns, one card's reviews after another, instead of an
// array per card: a million reviews then take 5 MB (a rating and a gap each), where
// arrays per card and their growth took over 60 MB.

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

/// One card's reviews in time order, as a `TrainingSet` holds them: a view on its columns.
public struct CardReviews: Sendable {
    let ratingColumn: [Rating]
    let gapColumn: [Int32]
    let start: Int
    public let count: Int

    /// The rating of review `review` (0 is the first).
    @inline(__always)
    public func rating(at review: Int) -> Rating { ratingColumn[start + review] }

    /// Whole study days between review `review` and the one before (0 for the first).
    @inline(__always)
    public func gap(at review: Int) -> Int { Int(gapColumn[start + review]) }

    /// The ratings in order (a copy, for tests and diagnostics).
    public var ratings: [Rating] { Array(ratingColumn[start..<start + count]) }

    /// The gaps in order (a copy, for tests and diagnostics).
    public var elapsedDays: [Int] { gapColumn[start..<start + count].map(Int.init) }

    /// The reviews that are predicted: every one after the first with a gap of a day or more.
    public var predictedReviews: [Int] {
        (1..<max(1, count)).filter { gap(at: $0) > 0 }
    }

    /// fsrs-rs's `long_term_review_cnt` of the item ending at `review`: its reviews with a
    /// gap of a day or more.
    public func longTermReviews(through review: Int) -> Int {
        (0...review).reduce(0) { $0 + (gap(at: $1) > 0 ? 1 : 0) }
    }

    /// Lapses before `review` that fsrs-rs counts for its bins: Again after a gap.
    public func longTermLapses(before review: Int) -> Int {
        (0..<review).reduce(0) { $0 + (rating(at: $1) == .again && gap(at: $1) > 0 ? 1 : 0) }
    }

    /// The first review with a gap, the one pre-training learns the initial stability from.
    public var firstLongTermReview: Int? {
        (0..<count).first { gap(at: $0) > 0 }
    }
}

/// A prediction target: review `review` (>= 1) of card `card`, given the reviews before it.
public struct TrainingItem: Sendable, Hashable {
    // 32 bits each: a million items take 8 MB, not 16.
    private var cardNumber: Int32
    private var reviewNumber: Int32

    public var card: Int {
        get { Int(cardNumber) }
        set { cardNumber = Int32(newValue) }
    }

    public var review: Int {
        get { Int(reviewNumber) }
        set { reviewNumber = Int32(newValue) }
    }

    public init(card: Int, review: Int) {
        cardNumber = Int32(card)
        reviewNumber = Int32(review)
    }
}

/// The cards and their items; the items are in the order of the predicted reviews' times
/// (what fsrs-rs's recency weighting expects), ties by card, then review.
public struct TrainingSet: Sendable {
    /// Every card's reviews, card after card, each card's in time order.
    let ratings: [Rating]
    let gaps: [Int32]
    /// Where each card's reviews start in the columns, and one past the last card's end.
    let starts: [Int]
    public let items: [TrainingItem]

    init(ratings: [Rating], gaps: [Int32], starts: [Int], items: [TrainingItem]) {
        self.ratings = ratings
        self.gaps = gaps
        self.starts = starts
        self.items = items
    }

    /// Groups `reviews` by card (in order of first appearance) and orders each card's
    /// reviews by time; reviews at the same time keep the order given.
    public init(reviews: [LoggedReview]) {
        self = TrainingSetBuilder.build(reviews, cardOrder: .firstAppearance).set
    }

    /// How many cards.
    public var cardCount: Int { starts.count - 1 }

    /// The reviews of card `index` (0..<cardCount).
    public func card(_ index: Int) -> CardReviews {
        CardReviews(ratingColumn: ratings, gapColumn: gaps, start: starts[index], count: starts[index + 1] - starts[index])
    }

    /// Every card, in order.
    public var cards: [CardReviews] { (0..<cardCount).map(card) }

    /// The reviews in all cards.
    public var reviewCount: Int { ratings.count }

    /// Where review `review` of card `card` is in the columns: one number per review of
    /// the set, for results kept per review.
    func reviewIndex(card: Int, review: Int) -> Int { starts[card] + review }

    /// For each card, its items' (review, position in `items`), in review order.
    func itemsByCard() -> [[(review: Int, position: Int)]] {
        var result = Array(repeating: [(review: Int, position: Int)](), count: cardCount)
        for (position, item) in items.enumerated() { result[item.card].append((item.review, position)) }
        for index in result.indices { result[index].sort { $0.review < $1.review } }
        return result
    }
}
