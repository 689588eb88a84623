import Deck
import FSRSOptimizer
import Scheduling
import Store
import Study

/// The whole review log (retired cards included) as the FSRS optimizer's training set,
/// each review placed on its study day (the user's rollover hour and time zone).
public struct FSRSHistory: Sendable {
    public let set: TrainingSet
    public let reviews: Int
    /// The card of each of `set.cards`, and the study day of its last review. (`optimize`
    /// is held under 64 MiB with these and the simulator's cards alive: an ID's digits
    /// take no memory of their own, where its text took a heap allocation.)
    public let cardIDs: [CardID]
    public let lastStudyDays: [Int64]
    /// Answer times and grading habits, for the simulator.
    public let measures: LogMeasures

    public var cards: Int { self.set.cardCount }

    public static func load(from store: StudyStore, calendar: StudyCalendar) throws -> FSRSHistory {
        try store.withPageCacheForOnePass { try store.readSnapshot {
            // Each card's review count first, so that its reviews go straight to their
            // place in the training set's columns as the log is read in time order: the
            // log is never held whole, nor any card's reviews in a list of their own
            // (212 MB for `evaluate` on a million reviews when the log was listed whole,
            // 150 MB with a list per card).
            var cards: [CardID: (reviews: Int, index: Int)] = [:]
            var total = 0
            try store.forEachReviewCount { id, reviews in
                cards[id] = (reviews, -1)
                total += reviews
            }
            var builder = TrainingSetBuilder(reviews: total)
            var cardIDs: [CardID] = []
            var count = 0
            // The log comes in time order, so one study day's bounds serve many reviews.
            var day: StudyDay?
            try store.forEachReview { review in
                if day == nil || review.at < day!.start || review.at >= day!.end { day = calendar.day(containing: review.at) }
                guard let known = cards[review.cardID] else {
                    throw StoreError.inconsistent("review \(review.id) of card \(review.cardID) came after the reviews were counted")
                }
                var index = known.index
                if index < 0 {
                    index = builder.addCard(reviews: known.reviews)
                    cards[review.cardID] = (known.reviews, index)
                    cardIDs.append(review.cardID)
                }
                builder.add(card: index, at: review.at, studyDay: day!.number, grade: review.grade,
                            seconds: Double(review.durationMs) / 1000)
                count += 1
            }
            cards = [:]
            let (set, measures) = builder.finish()
            return FSRSHistory(set: set, reviews: count, cardIDs: cardIDs, lastStudyDays: builder.lastStudyDays,
                               measures: measures)
        } }
    }
}

extension FSRSHistory {
    /// The indexes (into `cardIDs`) of the cards that are active and not suspended. Every
    /// card of the log has a row in `cards` (a foreign key; an import that turns the check
    /// off looks its reviews' cards up before it commits, and `check` reports a row that
    /// points nowhere), so the others are those the store names as retired or suspended.
    public func activeCardIndexes(in store: StudyStore) throws -> [Int] {
        let inactive = try store.inactiveCardIDs()
        return cardIDs.indices.filter { !inactive.contains(cardIDs[$0]) }
    }
}

/// Saving fitted weights: the `fsrs-parameters` setting, and when FSRS is the active
/// scheduler every card's state replayed with them, in one transaction (so an export made
/// afterwards carries them with states that match).
public enum FSRSParameterChange {
    /// Returns how many card states changed.
    public static func apply(_ weights: [Double], to store: StudyStore) throws -> Int {
        try store.connection.transaction {
            let old = try StudyConfiguration.load(from: store)
            var new = old
            let key = ConfigKey.fsrsParameters
            try key.apply(weights.map { "\($0)" }.joined(separator: ","), to: &new)
            try store.setSetting(key.rawValue, key.value(in: new))
            guard key.affectsStates && new.scheduler != old.scheduler && new.scheduler.kind == .fsrs else { return 0 }
            return try StateRebuilder(store: store, scheduler: new.makeScheduler()).rebuild()
        }
    }
}
