import Timekeeping

// Today's work, decided from card states alone (no clock, no store). Order, as in Anki's
// defaults but with reviews first so a short session clears the backlog that matters most:
//   1. review cards due before the study day ends, most overdue first;
//   2. learning and relearning cards already due, earliest first;
//   3. new cards in deck order.
// Learning cards due later today are counted but listed apart with their due times: the
// session shows them when their step has elapsed. Only reviews and new cards are capped;
// learning cards are not, because dropping a card halfway through its steps wastes them.

/// What the queue needs to know about one card.
public struct QueueCandidate: Hashable, Sendable {
    public var id: String
    public var phase: Phase
    public var due: UnixTime
    /// Position in its deck, for new cards and ties.
    public var deckOrder: Int

    public init(id: String, phase: Phase, due: UnixTime, deckOrder: Int) {
        self.id = id
        self.phase = phase
        self.due = due
        self.deckOrder = deckOrder
    }
}

/// Daily caps, as the user configured them.
public struct QueueLimits: Hashable, Sendable, Codable {
    public var newPerDay: Int
    public var reviewsPerDay: Int

    public init(newPerDay: Int, reviewsPerDay: Int) {
        self.newPerDay = newPerDay
        self.reviewsPerDay = reviewsPerDay
    }

    /// Anki's defaults.
    public static let defaults = QueueLimits(newPerDay: 20, reviewsPerDay: 200)
}

/// What already counts against today's caps (from the review log of this study day).
public struct TodayProgress: Hashable, Sendable {
    public var newIntroducedToday: Int
    public var reviewsDoneToday: Int

    public init(newIntroducedToday: Int = 0, reviewsDoneToday: Int = 0) {
        self.newIntroducedToday = newIntroducedToday
        self.reviewsDoneToday = reviewsDoneToday
    }
}

/// A learning card that comes back later today.
public struct PendingCard: Hashable, Sendable {
    public var id: String
    public var due: UnixTime

    public init(id: String, due: UnixTime) {
        self.id = id
        self.due = due
    }
}

public struct DailyQueue: Hashable, Sendable {
    /// Cards to show now, in order.
    public var cardIDs: [String]
    /// Learning cards due later today, earliest first.
    public var laterToday: [PendingCard]
    public var newCount: Int
    /// Learning cards due now plus those due later today.
    public var learningCount: Int
    public var reviewCount: Int
    /// Cards in today's queue: new, learning (now and later today) and review.
    public var total: Int { newCount + learningCount + reviewCount }

    public init(cardIDs: [String], laterToday: [PendingCard], newCount: Int, learningCount: Int, reviewCount: Int) {
        self.cardIDs = cardIDs
        self.laterToday = laterToday
        self.newCount = newCount
        self.learningCount = learningCount
        self.reviewCount = reviewCount
    }

    public var isEmpty: Bool { cardIDs.isEmpty && laterToday.isEmpty }

    /// Today's queue at `now`, for a study day ending at `dayEnd` (exclusive).
    public static func build(from candidates: [QueueCandidate], now: UnixTime, dayEnd: UnixTime,
                             limits: QueueLimits, progress: TodayProgress = TodayProgress()) -> DailyQueue {
        let reviewsLeft = max(0, limits.reviewsPerDay - progress.reviewsDoneToday)
        let newLeft = max(0, limits.newPerDay - progress.newIntroducedToday)

        var reviews: [QueueCandidate] = []
        var learningNow: [QueueCandidate] = []
        var learningLater: [QueueCandidate] = []
        var new: [QueueCandidate] = []
        for card in candidates {
            switch bucket(phase: card.phase, due: card.due, now: now, dayEnd: dayEnd) {
            case .review: reviews.append(card)
            case .learningNow: learningNow.append(card)
            case .learningLater: learningLater.append(card)
            case .new: new.append(card)
            case nil: break  // due after today
            }
        }

        let shownReviews = reviews.sorted(by: byDue).prefix(reviewsLeft)
        let shownLearning = learningNow.sorted(by: byDue)
        let shownNew = new.sorted(by: byDeckOrder).prefix(newLeft)
        return DailyQueue(
            cardIDs: (shownReviews + shownLearning + shownNew).map(\.id),
            laterToday: learningLater.sorted(by: byDue).map { PendingCard(id: $0.id, due: $0.due) },
            newCount: shownNew.count,
            learningCount: learningNow.count + learningLater.count,
            reviewCount: shownReviews.count
        )
    }

    /// Where a card stands in today's queue; nil when it is due after today.
    public enum Bucket: Sendable { case review, learningNow, learningLater, new }

    public static func bucket(phase: Phase, due: UnixTime, now: UnixTime, dayEnd: UnixTime) -> Bucket? {
        switch phase {
        case .review where due < dayEnd: return .review
        case .learning where due <= now, .relearning where due <= now: return .learningNow
        case .learning where due < dayEnd, .relearning where due < dayEnd: return .learningLater
        case .new: return .new
        default: return nil
        }
    }

    /// The counts `build` would give for candidates with `reviews`, `learning` (now and
    /// later) and `new` cards in those buckets, without the cards themselves.
    public static func counts(reviews: Int, learning: Int, new: Int, limits: QueueLimits,
                              progress: TodayProgress = TodayProgress()) -> (review: Int, learning: Int, new: Int) {
        (min(reviews, max(0, limits.reviewsPerDay - progress.reviewsDoneToday)), learning,
         min(new, max(0, limits.newPerDay - progress.newIntroducedToday)))
    }

    /// Earliest due first; ties by deck order, then ID, so the order never depends on the
    /// order the store happened to return rows in.
    private static func byDue(_ a: QueueCandidate, _ b: QueueCandidate) -> Bool {
        (a.due, a.deckOrder, a.id) < (b.due, b.deckOrder, b.id)
    }

    private static func byDeckOrder(_ a: QueueCandidate, _ b: QueueCandidate) -> Bool {
        (a.deckOrder, a.id) < (b.deckOrder, b.id)
    }
}
