import FSRSOptimizer
import JSONText

/// What fitted parameters mean in reviews: the next days simulated twice for a learner
/// whose memory the fitted parameters describe (they predict the log best), once with the
/// intervals the current parameters would set and once with the fitted ones, both at the
/// desired retention. The current parameters' schedule does not reach that retention when
/// they misjudge the memory, so the recall rate of each schedule is shown beside its reviews.
struct ParameterForecast {
    static let days = 30

    let retention: Double
    let current: SimulationResult
    let fitted: SimulationResult

    init(_ setup: SimulationSetup, current weights: [Double], fitted fittedWeights: [Double]) {
        retention = setup.configuration.scheduler.fsrs.desiredRetention
        let learner = setup.input(weights: fittedWeights, days: Self.days)
        let currentPlanner = SimulationInput.Planner(weights: weights, cards: setup.cards(weights: weights))
        current = WorkloadSimulator.run(learner.scheduled(by: currentPlanner), retention: retention)
        fitted = WorkloadSimulator.run(learner, retention: retention)
    }

    /// Reviews a day the fitted parameters save (negative: they ask for more).
    var fewerReviewsPerDay: Double { current.averageReviews - fitted.averageReviews }

    var text: String {
        let difference = fewerReviewsPerDay
        let amount = Int(abs(difference).rounded())
        let change = amount == 0 ? "about as many reviews a day"
            : "about \(amount) \(difference > 0 ? "fewer" : "more") review\(amount == 1 ? "" : "s") a day"
        var text = "what it means (the next \(Self.days) days at desired retention \(FSRSFitText.fixed(retention, places: 2)), "
            + "your memory as the fitted parameters model it):\n"
            + "  \(change): \(FSRSFitText.fixed(fitted.averageReviews, places: 1)) with the fitted parameters, "
            + "\(FSRSFitText.fixed(current.averageReviews, places: 1)) with the current ones\n"
        if current.reviewsPerDay.reduce(0, +) > 0, fitted.reviewsPerDay.reduce(0, +) > 0 {
            text += "  reviews recalled: \(Self.percent(fitted.recallRate)) with the fitted parameters, "
                + "\(Self.percent(current.recallRate)) with the current ones\n"
        }
        return text
    }

    var json: JSONValue {
        ["days": JSONValue(Self.days), "retention": JSONValue(retention),
         "reviews_per_day": ["current": JSONValue(current.averageReviews), "fitted": JSONValue(fitted.averageReviews)],
         "recall_rate": ["current": JSONValue(current.recallRate), "fitted": JSONValue(fitted.recallRate)],
         "fewer_reviews_per_day": JSONValue(fewerReviewsPerDay)]
    }

    private static func percent(_ value: Double) -> String { FSRSFitText.fixed(value * 100, places: 0) + "%" }
}
