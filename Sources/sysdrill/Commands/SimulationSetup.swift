import Deck
import FSRSOptimizer
import Progress
import Scheduling
import Store
import Study
import Timekeeping

/// What the workload simulator needs from this database, read once: the active cards (not
/// suspended) with a log, how many are new, the limits and the measured answer times.
/// `simulate` forecasts with it; `optimize` compares the current parameters with the
/// fitted ones on it.
struct SimulationSetup {
    let history: FSRSHistory
    let configuration: StudyConfiguration
    /// Indexes into `history`'s cards of the active cards with a log.
    let studied: [Int]
    let newCards: Int
    let today: Int64

    init(store: StudyStore, configuration: StudyConfiguration, history: FSRSHistory, calendar: StudyCalendar, now: UnixTime) throws {
        self.history = history
        self.configuration = configuration
        today = calendar.day(containing: now).number
        studied = try history.activeCardIndexes(in: store)
        let active = try store.activeCardCounts()
        newCards = active.new + active.studied - studied.count
    }

    /// The studied cards' memory as `weights` read their logs.
    func cards(weights: [Double]) -> [SimulatedCard] {
        let states = history.set.finalStates(weights: weights)
        return studied.map { index in
            SimulatedCard(stability: states[index].stability, difficulty: states[index].difficulty,
                          daysSinceReview: Int(max(0, today - history.lastStudyDays[index])))
        }
    }

    /// A learner whose memory `weights` describe, `days` ahead, under the limits set.
    func input(weights: [Double], days: Int) -> SimulationInput {
        let measures = history.measures
        return SimulationInput(weights: weights, maximumIntervalDays: configuration.scheduler.fsrs.maximumIntervalDays,
                               newPerDay: configuration.limits.newPerDay, reviewsPerDay: configuration.limits.reviewsPerDay,
                               days: days, cards: cards(weights: weights), newCards: newCards, costs: measures.costs,
                               firstRatings: measures.firstRatings, passRatings: measures.passRatings)
    }
}
