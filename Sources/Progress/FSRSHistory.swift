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
    /// The card of each of `set.cards`, and the study day of its last review.
    public let cardIDs: [CardID]
    public let lastStudyDays: [Int64]
    /// Answer times and grading habits, for the simulator.
    public let measures: LogMeasures

    public var cards: Int { self.set.cards.count }

    public static func load(from store: StudyStore, calendar: StudyCalendar) throws -> FSRSHistory {
        var cardIndex: [CardID: Int] = [:]
        var reviews: [LoggedReview] = []
        // The log comes in time order, so one study day's bounds serve many reviews.
        var day: StudyDay?
        try store.forEachReview { review in
            if day == nil || review.at < day!.start || review.at >= day!.end { day = calendar.day(containing: review.at) }
            let index = cardIndex[review.cardID] ?? cardIndex.count
            cardIndex[review.cardID] = index
            reviews.append(LoggedReview(card: index, at: review.at, studyDay: day!.number, grade: review.grade,
                                        seconds: Double(review.durationMs) / 1000))
        }
        var cardIDs = Array(repeating: CardID(rawValue: ""), count: cardIndex.count)
        for (id, index) in cardIndex { cardIDs[index] = id }
        var lastStudyDays = Array(repeating: Int64.min, count: cardIndex.count)
        for review in reviews { lastStudyDays[review.card] = max(lastStudyDays[review.card], review.studyDay) }
        return FSRSHistory(set: TrainingSet(reviews: reviews), reviews: reviews.count, cardIDs: cardIDs,
                           lastStudyDays: lastStudyDays, measures: LogMeasures.measure(reviews))
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
