import Foundation
import FSRSOptimizer
import Scheduling
import Testing

/// sysdrill's evaluation and optimizer against fsrs-rs itself, on synthetic learners made
/// by py-fsrs with known weights. Skipped without the reference Python (ReferencePython).
@Suite("FSRS against fsrs-rs", .enabled(if: ReferencePython.available, Comment(rawValue: ReferencePython.skipMessage)))
struct ReferenceTests {
    /// Learners unlike the defaults, each in its own way.
    static let learners: [(seed: Int, weights: [Double])] = [
        (11, [0.4, 0.9, 1.6, 5.0, 7.2, 0.5, 2.0, 0.02, 1.4, 0.25, 1.1, 1.8, 0.08, 0.35, 1.2, 0.5, 1.6, 0.6, 0.2, 0.08, 0.35]),
        (12, [1.2, 3.5, 6.0, 20.0, 5.8, 1.1, 1.2, 0.05, 2.2, 0.1, 0.6, 1.2, 0.05, 0.2, 2.0, 0.7, 2.5, 0.3, 0.05, 0.05, 0.12]),
        (13, [0.1, 0.5, 1.0, 3.0, 8.0, 0.4, 3.5, 0.001, 1.0, 0.35, 1.5, 2.2, 0.12, 0.4, 1.0, 0.3, 1.3, 0.8, 0.3, 0.15, 0.5]),
    ]

    static func relative(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-12) }

    @Test(arguments: [0, 1, 2])
    func evaluationEqualsFsrsRs(learner: Int) throws {
        let folder = try ScratchFolder()
        let (seed, truth) = Self.learners[learner]
        let (path, reviews) = try ReferencePython.learner(seed: seed, cards: 300, days: 150, weights: truth, in: folder.url)
        let set = TrainingSet(reviews: reviews)
        for weights in [FSRSParameters.defaults.weights, truth] {
            let ours = try #require(FSRSEvaluator.evaluate(set, weights: weights))
            let theirs = try ReferencePython.call(["evaluate", "--log", path, "--weights", weights.map { "\($0)" }.joined(separator: ",")])
            #expect(theirs["items"] as? Int == ours.items, "the same items")
            let logLoss = try #require(theirs["log_loss"] as? Double)
            let rmse = try #require(theirs["rmse_bins"] as? Double)
            let plain = try #require(theirs["plain_log_loss"] as? Double)
            print("learner \(seed), \(ours.items) items: log loss \(ours.weightedLogLoss) vs \(logLoss), RMSE(bins) \(ours.weightedRMSEBins) vs \(rmse), plain \(ours.logLoss) vs \(plain)")
            #expect(Self.relative(ours.weightedLogLoss, logLoss) < 1e-4, "recency-weighted log loss \(ours.weightedLogLoss) vs \(logLoss)")
            #expect(Self.relative(ours.weightedRMSEBins, rmse) < 1e-4, "recency-weighted RMSE(bins) \(ours.weightedRMSEBins) vs \(rmse)")
            #expect(Self.relative(ours.logLoss, plain) < 1e-4, "plain log loss \(ours.logLoss) vs \(plain)")
        }
    }

    @Test(arguments: [0, 1, 2])
    func optimizerFitsAtLeastAsWellAsFsrsRs(learner: Int) throws {
        let folder = try ScratchFolder()
        let (seed, truth) = Self.learners[learner]
        let (path, reviews) = try ReferencePython.learner(seed: seed, cards: 400, days: 200, weights: truth, in: folder.url)
        let set = TrainingSet(reviews: reviews)
        let ours = FSRSTrainer.optimize(set, current: FSRSParameters.defaults.weights)
        #expect(ours.outcome == .fitted)
        let reference = try ReferencePython.call(["optimize", "--log", path])
        let theirWeights = try #require(reference["parameters"] as? [Double])
        // Both judged by the same evaluation (which equals fsrs-rs's, above).
        let mine = try #require(FSRSEvaluator.evaluate(set, weights: ours.weights))
        let theirs = try #require(FSRSEvaluator.evaluate(set, weights: theirWeights))
        print("learner \(seed): ours log loss \(mine.weightedLogLoss) RMSE \(mine.weightedRMSEBins); fsrs-rs \(theirs.weightedLogLoss) RMSE \(theirs.weightedRMSEBins)")
        #expect(mine.weightedLogLoss <= theirs.weightedLogLoss * (1 + 1e-3), "log loss \(mine.weightedLogLoss) vs fsrs-rs \(theirs.weightedLogLoss)")
        #expect(mine.weightedRMSEBins <= theirs.weightedRMSEBins * (1 + 1e-2), "RMSE(bins) \(mine.weightedRMSEBins) vs fsrs-rs \(theirs.weightedRMSEBins)")
    }
}
