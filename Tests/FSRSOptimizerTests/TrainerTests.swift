import FSRSOptimizer
import Scheduling
import Testing

@Suite("FSRS optimizer")
struct TrainerTests {
    let defaults = FSRSParameters.defaults.weights
    /// A learner whose memory is unlike the defaults: forgets faster, gains less on
    /// success, a flatter forgetting curve.
    static let truth: [Double] = [0.4, 0.9, 1.6, 5.0, 7.2, 0.5, 2.0, 0.02, 1.4, 0.25, 1.1,
                                  1.8, 0.08, 0.35, 1.2, 0.5, 1.6, 0.6, 0.2, 0.08, 0.35]

    /// fsrs-rs drops rare (first rating, gap) groups, those of fewer than 20 cards: five
    /// cards leave nothing to learn from.
    @Test func tooFewItemsKeepTheCurrentWeights() {
        let set = TrainingSet(reviews: (0..<5).flatMap { card in
            [LoggedReview(card: card, at: 0, studyDay: 0, grade: 4), LoggedReview(card: card, at: 86_400, studyDay: 1, grade: 4)]
        })
        let current = Self.truth
        let result = FSRSTrainer.optimize(set, current: current)
        #expect(result.outcome == .notEnoughData)
        #expect(result.weights == current)
        #expect(result.trainingItems == 0)
    }

    /// Cards seen on two days only: every item is a first long-term review, which only
    /// the initial stabilities (w0-w3) learn from.
    @Test func firstLongTermReviewsFitOnlyTheInitialStabilities() {
        var log: [LoggedReview] = []
        for card in 0..<60 {
            let first = card < 30 ? 4 : 1
            let gap: Int64 = card % 2 == 0 ? 1 : 3
            let remembered = card % 5 != 0
            log.append(LoggedReview(card: card, at: Int64(card), studyDay: 0, grade: first))
            log.append(LoggedReview(card: card, at: gap * 86_400 + Int64(card), studyDay: gap, grade: remembered ? 4 : 1))
        }
        let set = TrainingSet(reviews: log)
        let result = FSRSTrainer.optimize(set, current: defaults)
        #expect(result.outcome == .initialStabilityOnly)
        #expect(Array(result.weights[4...]) == Array(defaults[4...]))
        #expect(result.weights[0..<4] != defaults[0..<4])
        #expect(result.weights[0] <= result.weights[1] && result.weights[1] <= result.weights[2] && result.weights[2] <= result.weights[3])
    }

    @Test func fittedWeightsPredictALearnerBetterThanTheDefaults() throws {
        let set = TrainingSet(reviews: SyntheticLearner(truth: Self.truth, cards: 300, days: 200, seed: 4).reviews())
        var reported: [(Int, Int)] = []
        let result = FSRSTrainer.optimize(set, current: defaults) { reported.append(($0, $1)) }
        #expect(result.outcome == .fitted)
        #expect(result.weights.count == 21)
        for (weight, range) in zip(result.weights, FSRSTrainer.clipRanges) { #expect(range.contains(weight)) }
        var parameters = FSRSParameters.defaults
        parameters.weights = result.weights
        #expect(parameters.validate().isEmpty, "fitted weights are valid settings")
        let before = try #require(FSRSEvaluator.evaluate(set, weights: defaults))
        let after = try #require(FSRSEvaluator.evaluate(set, weights: result.weights))
        #expect(after.weightedLogLoss < before.weightedLogLoss)
        #expect(after.logLoss < before.logLoss)
        #expect(after.rmseBins < before.rmseBins)
        #expect(!reported.isEmpty && reported.last!.0 == reported.last!.1, "progress ends at its total")
        // The same log and seed give the same weights.
        #expect(FSRSTrainer.optimize(set, current: defaults).weights == result.weights)
    }
}
