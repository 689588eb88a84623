import Scheduling
import Testing
import Timekeeping

// FSRS behaviour around the vectors: the step machine, lapses, the forgetting curve's
// defining properties, and parameter validation.

@Suite("FSRS scheduler")
struct FSRSSchedulerTests {
    let scheduler = FSRSScheduler(parameters: .defaults, fuzz: false)
    let start: UnixTime = 1_710_063_000

    func review(_ state: CardState, _ rating: Rating, at time: UnixTime, with scheduler: FSRSScheduler? = nil) -> CardState {
        (scheduler ?? self.scheduler).next(state, review: ReviewEvent(at: time, quality: rating.quality), fuzzSeed: 7)
    }

    func parameters(learning: [Int64], relearning: [Int64], maximumDays: Int = 36500) -> FSRSParameters {
        var parameters = FSRSParameters.defaults
        parameters.learningSteps = learning
        parameters.relearningSteps = relearning
        parameters.maximumIntervalDays = maximumDays
        return parameters
    }

    @Test func newCardWalksTheLearningSteps() {
        let again = review(.new, .again, at: start)
        #expect(again.phase == .learning)
        #expect(again.fsrs?.step == 0)
        #expect(again.due == start + 60)
        #expect(again.intervalDays == 0)

        let hard = review(.new, .hard, at: start)
        #expect(hard.fsrs?.step == 0)
        #expect(hard.due == start + (60 + 600) / 2, "Hard on the first step waits halfway to the second")

        let good = review(.new, .good, at: start)
        #expect(good.fsrs?.step == 1)
        #expect(good.due == start + 600)

        let graduated = review(good, .good, at: start + 600)
        #expect(graduated.phase == .review)
        #expect(graduated.fsrs?.step == nil)
        #expect(graduated.intervalDays >= 1)
        #expect(graduated.due == start + 600 + Int64(graduated.intervalDays) * Seconds.day)

        let easy = review(.new, .easy, at: start)
        #expect(easy.phase == .review)
    }

    @Test func hardOnASingleStepWaitsOneAndAHalfSteps() {
        let single = FSRSScheduler(parameters: parameters(learning: [600], relearning: [600]), fuzz: false)
        let hard = review(.new, .hard, at: start, with: single)
        #expect(hard.due == start + 900)
    }

    @Test func hardOnALaterStepRepeatsThatStep() {
        let three = FSRSScheduler(parameters: parameters(learning: [60, 600, 3600], relearning: []), fuzz: false)
        let second = review(.new, .good, at: start, with: three)
        let hard = review(second, .hard, at: start + 600, with: three)
        #expect(hard.fsrs?.step == 1)
        #expect(hard.due == start + 600 + 600)
    }

    @Test func lapseGoesToRelearningAndCountsOnce() {
        var state = review(.new, .easy, at: start)
        let reviewDue = state.due
        state = review(state, .again, at: reviewDue)
        #expect(state.phase == .relearning)
        #expect(state.fsrs?.step == 0)
        #expect(state.due == reviewDue + 600)
        #expect(state.lapses == 1)
        #expect(state.intervalDays == 0)

        state = review(state, .again, at: reviewDue + 600)
        #expect(state.lapses == 1, "failing again while relearning is not another lapse")
        state = review(state, .good, at: reviewDue + 1200)
        #expect(state.phase == .review)
        #expect(state.lapses == 1)
        #expect(state.reps == 4)
    }

    @Test func withoutRelearningStepsALapseStaysInReview() {
        let noSteps = FSRSScheduler(parameters: parameters(learning: [], relearning: []), fuzz: false)
        let first = review(.new, .again, at: start, with: noSteps)
        #expect(first.phase == .review, "no learning steps: graduate on the first review")
        #expect(first.lapses == 0)
        let lapse = review(first, .again, at: first.due, with: noSteps)
        #expect(lapse.phase == .review)
        #expect(lapse.lapses == 1)
        #expect(lapse.intervalDays >= 1)
    }

    @Test func aCardPastShortenedStepsGraduatesOnAPass() {
        let onSecondStep = review(.new, .good, at: start)
        #expect(onSecondStep.fsrs?.step == 1)
        let oneStep = FSRSScheduler(parameters: parameters(learning: [60], relearning: [600]), fuzz: false)
        #expect(review(onSecondStep, .hard, at: start + 600, with: oneStep).phase == .review)
        let again = review(onSecondStep, .again, at: start + 600, with: oneStep)
        #expect(again.phase == .learning)
        #expect(again.fsrs?.step == 0)
    }

    @Test("stability is the time at which recall falls to 90%", arguments: [1.0, 3.0, 10.0, 365.0])
    func stabilityMeansNinetyPercent(stability: Double) {
        #expect(abs(scheduler.retrievability(elapsedDays: Int64(stability), stability: stability) - 0.9) < 1e-12)
        #expect(scheduler.retrievability(elapsedDays: 0, stability: stability) == 1)
        #expect(scheduler.retrievability(elapsedDays: -3, stability: stability) == 1)
    }

    @Test func recallFadesWithTime() {
        let values = (0...50).map { scheduler.retrievability(elapsedDays: Int64($0), stability: 5) }
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 > $1 })
    }

    @Test func retrievabilityCountsWholeDaysSinceTheLastReview() throws {
        let state = review(.new, .good, at: start)
        let stability = try #require(state.fsrs?.stability)
        #expect(scheduler.retrievability(of: state, at: start + 2 * Seconds.day - 1)
            == scheduler.retrievability(elapsedDays: 1, stability: stability))
        #expect(scheduler.retrievability(of: .new, at: start) == nil)
    }

    @Test func atNinetyPercentTheIntervalIsTheStabilityRounded() throws {
        var state = review(.new, .easy, at: start)
        for _ in 0..<5 {
            let stability = try #require(state.fsrs?.stability)
            #expect(abs(Double(state.intervalDays) - stability) <= 0.5 + 1e-9)
            state = review(state, .good, at: state.due)
        }
    }

    @Test func fuzzNeverPassesTheMaximumInterval() {
        let capped = FSRSScheduler(parameters: parameters(learning: [], relearning: [], maximumDays: 30), fuzz: true)
        var state = CardState.new
        var time = start
        for index in 0..<10 {
            state = capped.next(state, review: ReviewEvent(at: time, quality: Rating.easy.quality),
                                fuzzSeed: FuzzSeed.make(cardID: "cap", reviewIndex: index))
            #expect(state.intervalDays <= 30)
            #expect(state.due - time <= 30 * Seconds.day)
            time = state.due
        }
        #expect(state.intervalDays == 30)
    }
}

@Suite("FSRS parameters")
struct FSRSParametersTests {
    @Test func defaultsAreValid() {
        #expect(FSRSParameters.defaults.validate().isEmpty)
        #expect(FSRSParameters.defaults.weights.count == 21)
    }

    @Test func wrongNumberOfWeights() {
        var parameters = FSRSParameters.defaults
        parameters.weights.removeLast(2)
        #expect(parameters.validate() == ["weights: expected 21 values, got 19"])
    }

    @Test("a weight out of bounds is named with its bounds", arguments: [
        (5, 4.5, "weights[5] = 4.5 is outside 0.001...4.0"),
        (20, 0.05, "weights[20] = 0.05 is outside 0.1...0.8"),
        (0, Double.nan, "weights[0] = nan is outside 0.001...100.0"),
        (8, Double.infinity, "weights[8] = inf is outside 0.0...4.5"),
    ])
    func weightOutOfBounds(index: Int, value: Double, message: String) {
        var parameters = FSRSParameters.defaults
        parameters.weights[index] = value
        #expect(parameters.validate() == [message])
    }

    @Test("desired retention must be within 0.70...0.99", arguments: [0.5, 0.695, 0.995, 1.0, Double.nan])
    func retentionOutOfRange(value: Double) {
        var parameters = FSRSParameters.defaults
        parameters.desiredRetention = value
        #expect(parameters.validate() == ["desired retention \(value) is outside 0.7...0.99"])
    }

    @Test func stepsMustBePositive() {
        var parameters = FSRSParameters.defaults
        parameters.learningSteps = [60, 0]
        parameters.relearningSteps = [-600]
        #expect(parameters.validate() == [
            "learning steps[1] = 0 s must be at least 1 second",
            "relearning steps[0] = -600 s must be at least 1 second",
        ])
    }

    @Test func unorderedAndEmptyStepsAreAllowed() {
        var parameters = FSRSParameters.defaults
        parameters.learningSteps = [600, 60]
        parameters.relearningSteps = []
        #expect(parameters.validate().isEmpty)
    }

    @Test("maximum interval must be within 1...36500 days", arguments: [0, -1, 36501])
    func maximumIntervalOutOfRange(days: Int) {
        var parameters = FSRSParameters.defaults
        parameters.maximumIntervalDays = days
        #expect(parameters.validate() == ["maximum interval \(days) days is outside 1...36500 days"])
    }

    @Test func everyProblemIsReported() {
        var parameters = FSRSParameters.defaults
        parameters.weights[4] = 0
        parameters.desiredRetention = 2
        parameters.maximumIntervalDays = 0
        #expect(parameters.validate().count == 3)
    }
}
