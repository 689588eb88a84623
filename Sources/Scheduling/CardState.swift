import Timekeeping

/// Where a card is in its life; stored with the card and shown in `due` and stats.
public enum Phase: String, Sendable, Codable, CaseIterable {
    case new, learning, review, relearning
}

/// SM-2's memory of a card (SuperMemo's n, EF, I) plus the same-day "extra" loop flag.
public struct SM2Memory: Hashable, Sendable, Codable {
    /// Successful repetitions in a row.
    public var n: Int
    /// Easiness factor, floor 1.3.
    public var ef: Double
    /// Last inter-repetition interval in days (0 after a lapse).
    public var intervalDays: Int
    /// True after q == 3: the card repeats today until graded >= 4. A lapse does not set it
    /// (the reference package leaves a failed card out of the loop; it is simply due now).
    public var inExtraLoop: Bool

    public init(n: Int = 0, ef: Double = 2.5, intervalDays: Int = 0, inExtraLoop: Bool = false) {
        self.n = n
        self.ef = ef
        self.intervalDays = intervalDays
        self.inExtraLoop = inExtraLoop
    }
}

/// FSRS's memory of a card.
public struct FSRSMemory: Hashable, Sendable, Codable {
    /// learning, review or relearning (never `.new`).
    public var phase: Phase
    /// Index into the learning or relearning steps; nil in review.
    public var step: Int?
    public var stability: Double
    public var difficulty: Double

    public init(phase: Phase, step: Int?, stability: Double, difficulty: Double) {
        self.phase = phase
        self.step = step
        self.stability = stability
        self.difficulty = difficulty
    }
}

/// Everything the queue and the review screen need to know about a card, as produced by
/// the active scheduler. Always derivable by replaying the card's review log.
public struct CardState: Hashable, Sendable {
    public var phase: Phase
    /// When the card is next due (for a new card: 0, i.e. "any time").
    public var due: UnixTime
    /// Reviews so far (all grades).
    public var reps: Int
    /// Times a passed card was failed again.
    public var lapses: Int
    public var lastReview: UnixTime?
    /// Scheduled interval in days (0 while learning); `stats` calls >= 21 mature.
    public var intervalDays: Int
    /// Exactly one of these is set once the card has been reviewed, by the active scheduler.
    public var sm2: SM2Memory?
    public var fsrs: FSRSMemory?

    public init(phase: Phase, due: UnixTime, reps: Int, lapses: Int, lastReview: UnixTime?,
                intervalDays: Int, sm2: SM2Memory?, fsrs: FSRSMemory?) {
        self.phase = phase
        self.due = due
        self.reps = reps
        self.lapses = lapses
        self.lastReview = lastReview
        self.intervalDays = intervalDays
        self.sm2 = sm2
        self.fsrs = fsrs
    }

    /// A card never reviewed.
    public static let new = CardState(phase: .new, due: 0, reps: 0, lapses: 0, lastReview: nil,
                                      intervalDays: 0, sm2: nil, fsrs: nil)
}

/// One entry of the review log as the schedulers see it.
public struct ReviewEvent: Hashable, Sendable {
    public var at: UnixTime
    public var quality: Quality

    public init(at: UnixTime, quality: Quality) {
        self.at = at
        self.quality = quality
    }
}
