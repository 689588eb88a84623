import FSRSOptimizer
import Scheduling
import Testing

@Suite("FSRS workload simulation")
struct SimulationTests {
    let weights = FSRSParameters.defaults.weights

    func input(cards: Int = 200, newCards: Int = 100, days: Int = 120, newPerDay: Int = 10, reviewsPerDay: Int = 9999) -> SimulationInput {
        let studied = (0..<cards).map { SimulatedCard(stability: Double(1 + $0 % 30), difficulty: 5, daysSinceReview: $0 % 10) }
        return SimulationInput(weights: weights, maximumIntervalDays: 36500, newPerDay: newPerDay, reviewsPerDay: reviewsPerDay,
                               days: days, cards: studied, newCards: newCards)
    }

    @Test func theSameInputGivesTheSameForecast() {
        #expect(WorkloadSimulator.run(input(), retention: 0.9) == WorkloadSimulator.run(input(), retention: 0.9))
    }

    @Test func aHigherRetentionCostsMoreReviewsAndKeepsMoreCards() {
        let low = WorkloadSimulator.run(input(), retention: 0.8)
        let high = WorkloadSimulator.run(input(), retention: 0.95)
        #expect(high.averageReviews > low.averageReviews)
        #expect(high.remembered > low.remembered)
        #expect(high.totalMinutes > low.totalMinutes)
    }

    @Test func aSchedulerWithTheModelsOwnParametersChangesNothing() {
        let plain = input()
        let planned = plain.scheduled(by: .init(weights: weights, cards: plain.cards))
        #expect(WorkloadSimulator.run(planned, retention: 0.9) == WorkloadSimulator.run(plain, retention: 0.9))
    }

    @Test func aSchedulerThatOverratesTheMemoryAsksFewerReviewsAndRecallsLess() {
        let learner = input(days: 60)
        // The scheduler believes every card is remembered four times as long as it is.
        var optimistic = weights
        for index in 0..<4 { optimistic[index] *= 4 }
        let believed = learner.cards.map { SimulatedCard(stability: $0.stability * 4, difficulty: $0.difficulty, daysSinceReview: $0.daysSinceReview) }
        let own = WorkloadSimulator.run(learner, retention: 0.9)
        let overrated = WorkloadSimulator.run(learner.scheduled(by: .init(weights: optimistic, cards: believed)), retention: 0.9)
        #expect(overrated.averageReviews < own.averageReviews)
        #expect(overrated.recallRate < own.recallRate)
        #expect(abs(own.recallRate - 0.9) < 0.03, "the model's own schedule recalls about what was asked: \(own.recallRate)")
    }

    @Test func newCardsComeInAtTheDailyLimitUntilNoneAreLeft() {
        let result = WorkloadSimulator.run(input(newCards: 25, days: 5, newPerDay: 10), retention: 0.9)
        #expect(result.learnedPerDay == [10, 10, 5, 0, 0])
        let costs = AnswerCosts.defaults
        #expect(result.secondsPerDay[3] == Double(result.reviewsPerDay[3]) * costs.pass
            || result.secondsPerDay[3] > Double(result.reviewsPerDay[3]) * costs.pass, "each review costs at least a pass")
    }

    @Test func theReviewLimitHoldsAndTheRestWaits() {
        let result = WorkloadSimulator.run(input(cards: 500, newCards: 0, days: 30, reviewsPerDay: 7), retention: 0.95)
        #expect(result.reviewsPerDay.allSatisfy { $0 <= 7 })
        #expect(result.reviewsPerDay.reduce(0, +) == 7 * 30, "the backlog keeps every day full")
    }

    @Test func theSuggestionIsTheLeastTimePerRememberedCard() throws {
        let results = [0.75, 0.85, 0.95].map { WorkloadSimulator.run(input(), retention: $0) }
        let suggested = try #require(WorkloadSimulator.suggestion(results))
        let best = results.min { $0.minutesPerRemembered < $1.minutesPerRemembered }!
        #expect(suggested == best.retention)
        #expect(WorkloadSimulator.suggestion([]) == nil)
    }

    @Test func answerTimesAndGradingHabitsComeFromTheLog() {
        var log: [LoggedReview] = []
        for card in 0..<12 {
            // Day 0: first answer Good (10 s) and a learning step (5 s); day 3: a pass (4 s);
            // day 10: a lapse (20 s) and its relearning (6 s).
            log.append(LoggedReview(card: card, at: 0, studyDay: 0, grade: 4, seconds: 10))
            log.append(LoggedReview(card: card, at: 600, studyDay: 0, grade: 4, seconds: 5))
            log.append(LoggedReview(card: card, at: 3 * 86_400, studyDay: 3, grade: card % 4 == 0 ? 5 : 4, seconds: 4))
            log.append(LoggedReview(card: card, at: 10 * 86_400, studyDay: 10, grade: 1, seconds: 20))
            log.append(LoggedReview(card: card, at: 10 * 86_400 + 600, studyDay: 10, grade: 4, seconds: 6))
        }
        let measures = LogMeasures.measure(log)
        #expect(measures.costs == AnswerCosts(learn: 15, pass: 4, lapse: 26))
        #expect(measures.firstRatings == [0, 0, 1, 0])
        #expect(measures.passRatings == [0, 0.75, 0.25])
        // Too few examples: the defaults.
        let few = LogMeasures.measure(Array(log.prefix(5)))
        #expect(few.costs == AnswerCosts.defaults)
        #expect(few.firstRatings == SimulationInput.defaultFirstRatings)
    }
}
