import Dispatch
@testable import FSRSOptimizer
import Scheduling
import Testing

/// The whole-set objective is summed in fixed pieces, so whoever runs them (one thread,
/// several at once, any order) the optimizer finds the same weights, bit for bit.
@Suite("FSRS optimizer pieces")
struct PieceRunnerTests {
    /// The pieces in reverse order, one at a time.
    static let backwards = PieceRunner { count, piece in
        for index in (0..<count).reversed() { piece(index) }
    }

    /// The pieces on Dispatch's threads, all at once.
    static let concurrent = PieceRunner { count, piece in
        DispatchQueue.concurrentPerform(iterations: count) { piece($0) }
    }

    let set = TrainingSet(reviews: SyntheticLearner(truth: TrainerTests.truth, cards: 300, days: 200, seed: 9).reviews())

    @Test func theWeightsDoNotDependOnHowThePiecesRun() {
        let defaults = FSRSParameters.defaults.weights
        let alone = FSRSTrainer.optimize(set, current: defaults)
        #expect(alone.outcome == .fitted)
        #expect(FSRSTrainer.optimize(set, current: defaults, runner: Self.backwards) == alone)
        #expect(FSRSTrainer.optimize(set, current: defaults, runner: Self.concurrent) == alone)
    }

    /// The runner given to `optimize` is the one that runs the polish (a default anywhere
    /// on the way would quietly put it back on one core).
    @Test func optimizeRunsThePolishOnTheRunnerGiven() {
        final class Calls: @unchecked Sendable {
            var pieces = 0
        }
        let calls = Calls()
        // Called on the optimizing thread only, one piece after another.
        let counting = PieceRunner { count, piece in
            for index in 0..<count {
                calls.pieces += 1
                piece(index)
            }
        }
        let result = FSRSTrainer.optimize(set, current: FSRSParameters.defaults.weights, runner: counting)
        #expect(result.outcome == .fitted)
        #expect(calls.pieces >= TrainingProblem.pieceCount * 2, "the first point and at least one trial")
        #expect(calls.pieces % TrainingProblem.pieceCount == 0, "whole evaluations only")
    }

    @Test func theObjectiveIsTheSumOfEveryCardsLoss() throws {
        let pretraining = Pretraining(set)
        let start = try #require(pretraining.initialStability) + Pretraining.defaultWeights[4...]
        let problem = TrainingProblem(set, positions: pretraining.trainingPositions, start: start,
                                      configuration: TrainingConfiguration())
        #expect(problem.pieces.count == TrainingProblem.pieceCount)
        let weights = FSRSTrainer.clipped(start.map { $0 * 1.1 })
        let (value, gradient) = problem.objective(weights, runner: Self.concurrent)
        // Every card once, in one sum: the same up to rounding.
        let (loss, whole, size) = problem.logLoss(weights, cards: problem.cardNumbers.indices)
        #expect(size == problem.predictions)
        let pull = problem.pullGradient(weights)
        let pullValue = (0..<Dual.parameterCount).reduce(0.0) {
            let distance = (weights[$1] - start[$1]) / FSRSTrainer.weightSpread[$1]
            return $0 + distance * distance
        }
        #expect(abs(value - (loss + pullValue)) <= 1e-9 * abs(value))
        for i in 0..<Dual.parameterCount {
            #expect(abs(gradient[i] - (whole[i] + pull[i])) <= 1e-9 * max(1, abs(gradient[i])))
        }
        #expect(problem.objective(weights, runner: Self.backwards) == (value, gradient))
    }

    /// Pieces cover every card once, in order, and split the reviews walked about evenly.
    @Test func piecesCutTheCardsIntoEqualShares() {
        let walked = (0..<1000).map { 1 + ($0 * 7919) % 97 }
        let pieces = TrainingProblem.pieces(cards: walked.count) { walked[$0] }
        #expect(pieces.count == TrainingProblem.pieceCount)
        #expect(pieces.first?.lowerBound == 0 && pieces.last?.upperBound == walked.count)
        for (one, next) in zip(pieces, pieces.dropFirst()) { #expect(one.upperBound == next.lowerBound && !one.isEmpty) }
        let share = walked.reduce(0, +) / TrainingProblem.pieceCount
        for piece in pieces { #expect(abs(piece.reduce(0) { $0 + walked[$1] } - share) <= 97) }
        // Fewer cards than pieces: one piece each; none: no piece.
        #expect(TrainingProblem.pieces(cards: 3) { _ in 5 } == [0..<1, 1..<2, 2..<3])
        #expect(TrainingProblem.pieces(cards: 0) { _ in 5 }.isEmpty)
    }
}
