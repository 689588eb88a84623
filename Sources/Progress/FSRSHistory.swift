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
        // Each card's reviews in its own list, the cards numbered in the order they first
        // come: the grouping the training set and the measures make of a flat list, made
        // once, without the flat list of a million reviews and its two regroupings (212 MB
        // for `evaluate` on a million reviews).
        var cardIndex: [CardID: Int] = [:]
        var grouped: [[LoggedReview]] = []
        var count = 0
        // The log comes in time order, so one study day's bounds serve many reviews.
        var day: StudyDay?
        try store.forEachReview { review in
            if day == nil || review.at < day!.start || review.at >= day!.end { day = calendar.day(containing: review.at) }
            let index: Int
            if let known = cardIndex[review.cardID] {
                index = known
            } else {
                index = grouped.count
                cardIndex[review.cardID] = index
                grouped.append([])
            }
            grouped[index].append(LoggedReview(card: index, at: review.at, studyDay: day!.number, grade: review.grade,
                                               seconds: Double(review.durationMs) / 1000))
            count += 1
        }
        var cardIDs = Array(repeating: CardID(rawValue: ""), count: cardIndex.count)
        for (id, index) in cardIndex { cardIDs[index] = id }
        cardIndex = [:]
        let lastStudyDays = grouped.map { $0.reduce(Int64.min) { max($0, $1.studyDay) } }
        let measures = LogMeasures.measure(cards: grouped)
        return FSRSHistory(set: TrainingSet(grouped: grouped), reviews: count, cardIDs: cardIDs,
                           lastStudyDays: lastStudyDays, measures: measures)
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
