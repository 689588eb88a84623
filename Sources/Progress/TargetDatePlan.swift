import Deck
import FSRSOptimizer
import Scheduling
import Store
import Study
import Timekeeping

/// What a target date asks of the user: how many new cards a day it takes to see every
/// card at least twice before the date, and how well FSRS expects the studied cards to be
/// remembered on it.
public struct TargetDatePlan: Sendable {
    public let date: CivilDate
    /// Study days from today up to the date (the date itself not counted).
    public let daysLeft: Int
    public let newCards: Int
    public let studiedCards: Int
    /// nil when there is no day left to see a new card twice (the first review the day
    /// before the date is the latest whose second can still come before it).
    public let newPerDayNeeded: Int?

    public static func make(date: CivilDate, today: Int64, newCards: Int, studiedCards: Int) -> TargetDatePlan {
        let daysLeft = Int(max(0, date.daysSinceEpoch - today))
        // A card first seen on day d can be seen again on d + 1; the last such d is the
        // date minus two days, so there are daysLeft - 1 days to introduce cards on.
        let introductionDays = daysLeft - 1
        let needed: Int? = newCards == 0 ? 0 : introductionDays >= 1 ? (newCards + introductionDays - 1) / introductionDays : nil
        return TargetDatePlan(date: date, daysLeft: daysLeft, newCards: newCards, studiedCards: studiedCards, newPerDayNeeded: needed)
    }

    /// Active, unsuspended cards: (never reviewed, reviewed).
    public static func cardCounts(store: StudyStore) throws -> (new: Int, studied: Int) {
        try store.activeCardCounts()
    }

    /// Mean FSRS recall of the active studied cards at the start of `day` (their memory
    /// from the log, the current parameters); nil with no studied card.
    public static func predictedRecall(store: StudyStore, configuration: StudyConfiguration, on day: Int64) throws -> Double? {
        let calendar = StudyCalendar(rolloverHour: configuration.rolloverHour)
        let history = try FSRSHistory.load(from: store, calendar: calendar)
        let formulas = FSRSFormulas<Double>(weights: configuration.scheduler.fsrs.weights)
        let states = history.set.finalStates(weights: configuration.scheduler.fsrs.weights)
        var total = 0.0, count = 0
        for index in try history.activeCardIndexes(in: store) {
            let elapsed = Double(max(0, day - history.lastStudyDays[index]))
            total += formulas.retrievability(elapsedDays: elapsed, stability: states[index].stability)
            count += 1
        }
        return count == 0 ? nil : total / Double(count)
    }
}
