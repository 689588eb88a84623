#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FSRSOptimizer
import Scheduling
import Testing

@Suite("FSRS evaluation")
struct EvaluationTests {
    let w = FSRSParameters.defaults.weights

    /// One card: Good on day 0, Good on day 3, Again on day 10, worked out with the FSRS-6
    /// formulas written out here.
    @Test func logLossAndRMSEOfASmallLogByHand() throws {
        let set = TrainingSet(reviews: [
            LoggedReview(card: 1, at: 0, studyDay: 0, grade: 4),
            LoggedReview(card: 1, at: 3 * 86_400, studyDay: 3, grade: 4),
            LoggedReview(card: 1, at: 10 * 86_400, studyDay: 10, grade: 1),
        ])
        let decay = -w[20]
        let factor = pow(0.9, 1 / decay) - 1
        func recall(days: Double, stability: Double) -> Double { pow(1 + factor * days / stability, decay) }
        let s0 = w[2]
        let d0 = min(max(w[4] - exp(w[5] * 2) + 1, 1), 10)
        let r1 = recall(days: 3, stability: s0)
        let s1 = s0 * (1 + exp(w[8]) * (11 - d0) * pow(s0, -w[9]) * (exp((1 - r1) * w[10]) - 1))
        let r2 = recall(days: 7, stability: s1)
        let loss1 = -log(r1), loss2 = -log(1 - r2)

        let evaluation = try #require(FSRSEvaluator.evaluate(set, weights: w))
        #expect(evaluation.items == 2)
        #expect(abs(evaluation.logLoss - (loss1 + loss2) / 2) < 1e-9)
        // Recency weights 0.25 (oldest) and 1 (newest).
        #expect(abs(evaluation.weightedLogLoss - (0.25 * loss1 + loss2) / 1.25) < 1e-9)
        // Gaps 3 and 7 fall in different bins, one item each.
        #expect(abs(evaluation.rmseBins - (((1 - r1) * (1 - r1) + r2 * r2) / 2).squareRoot()) < 1e-9)
        #expect(abs(evaluation.weightedRMSEBins - ((0.25 * (1 - r1) * (1 - r1) + r2 * r2) / 1.25).squareRoot()) < 1e-9)
    }

    @Test func itemsInOneBinCompareTheirMeanPrediction() throws {
        // Two cards with the same history shape: same gap, same length, no lapse: one bin.
        let set = TrainingSet(reviews: [
            LoggedReview(card: 1, at: 0, studyDay: 0, grade: 4),
            LoggedReview(card: 2, at: 10, studyDay: 0, grade: 4),
            LoggedReview(card: 1, at: 2 * 86_400, studyDay: 2, grade: 4),
            LoggedReview(card: 2, at: 2 * 86_400 + 10, studyDay: 2, grade: 1),
        ])
        let predictions = FSRSEvaluator.predictions(set, weights: w)
        #expect(predictions[0] == predictions[1])
        let evaluation = try #require(FSRSEvaluator.evaluate(set, weights: w))
        #expect(abs(evaluation.rmseBins - abs(predictions[0] - 0.5)) < 1e-12)
    }

    @Test func recencyWeightsGrowCubicallyFromAQuarterToOne() {
        let weights = FSRSEvaluator.recencyWeights(count: 5)
        #expect(weights.first == 0.25)
        #expect(weights.last == 1)
        #expect(abs(weights[2] - (0.25 + 0.75 * 0.125)) < 1e-15)
        #expect(FSRSEvaluator.recencyWeights(count: 1) == [0.25])
    }
}

@Suite("FSRS loss gradient")
struct GradientTests {
    /// Cards that take every branch: same-day steps, Hard, Easy, lapses, long gaps.
    let set = TrainingSet(reviews: [
        LoggedReview(card: 1, at: 0, studyDay: 0, grade: 1),
        LoggedReview(card: 1, at: 600, studyDay: 0, grade: 3),
        LoggedReview(card: 1, at: 86_400, studyDay: 1, grade: 4),
        LoggedReview(card: 1, at: 5 * 86_400, studyDay: 5, grade: 1),
        LoggedReview(card: 1, at: 5 * 86_400 + 600, studyDay: 5, grade: 4),
        LoggedReview(card: 1, at: 9 * 86_400, studyDay: 9, grade: 5),
        LoggedReview(card: 2, at: 100, studyDay: 0, grade: 5),
        LoggedReview(card: 2, at: 20 * 86_400, studyDay: 20, grade: 3),
        LoggedReview(card: 2, at: 40 * 86_400, studyDay: 40, grade: 2),
        LoggedReview(card: 2, at: 41 * 86_400, studyDay: 41, grade: 4),
        LoggedReview(card: 3, at: 200, studyDay: 0, grade: 3),
        LoggedReview(card: 3, at: 2 * 86_400, studyDay: 2, grade: 4),
    ])

    /// Non-default weights, away from every clip bound and clamp kink.
    let weights: [Double] = [0.5, 1.5, 3.0, 10.0, 5.5, 0.6, 2.0, 0.05, 1.5, 0.2, 1.0,
                             1.6, 0.1, 0.3, 1.4, 0.5, 2.2, 0.4, 0.2, 0.1, 0.25]

    @Test func gradientEqualsCentralFiniteDifferences() {
        let itemWeights = FSRSEvaluator.recencyWeights(count: set.items.count)
        let (_, gradient) = FSRSTrainer.lossAndGradient(set, weights: weights, itemWeights: itemWeights)
        for index in weights.indices {
            let step = 1e-6 * max(1, abs(weights[index]))
            var up = weights, down = weights
            up[index] += step
            down[index] -= step
            let numeric = (FSRSTrainer.lossAndGradient(set, weights: up, itemWeights: itemWeights).loss
                - FSRSTrainer.lossAndGradient(set, weights: down, itemWeights: itemWeights).loss) / (2 * step)
            #expect(abs(numeric - gradient[index]) <= 1e-5 * max(1, abs(numeric)), "w\(index): exact \(gradient[index]), numeric \(numeric)")
        }
        #expect(gradient.contains { abs($0) > 1e-3 }, "the case must move the loss")
    }

    @Test func lossIsTheWeightedSumOfTheEvaluationsItems() throws {
        let ones = Array(repeating: 1.0, count: set.items.count)
        let loss = FSRSTrainer.lossAndGradient(set, weights: weights, itemWeights: ones).loss
        let evaluation = try #require(FSRSEvaluator.evaluate(set, weights: weights))
        #expect(abs(loss / Double(set.items.count) - evaluation.logLoss) < 1e-12)
    }
}
