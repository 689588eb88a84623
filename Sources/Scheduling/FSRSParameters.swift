// Everything that configures FSRS-6, kept as plain data so settings can be stored, shown
// and validated before a scheduler is built from them. Steps are whole seconds because
// the review log and due dates are whole seconds.

public struct FSRSParameters: Hashable, Sendable, Codable {
    /// The 21 FSRS-6 model weights w0...w20.
    public var weights: [Double]
    /// Probability of recall the intervals aim for.
    public var desiredRetention: Double
    /// Same-day steps for a new card, in seconds; empty means graduate on the first review.
    public var learningSteps: [Int64]
    /// Same-day steps after a lapse, in seconds; empty means stay in review.
    public var relearningSteps: [Int64]
    /// Longest review interval in days.
    public var maximumIntervalDays: Int

    public init(weights: [Double], desiredRetention: Double, learningSteps: [Int64],
                relearningSteps: [Int64], maximumIntervalDays: Int) {
        self.weights = weights
        self.desiredRetention = desiredRetention
        self.learningSteps = learningSteps
        self.relearningSteps = relearningSteps
        self.maximumIntervalDays = maximumIntervalDays
    }

    /// FSRS-6's published default weights (py-fsrs 6.3.2), Anki's default retention and steps.
    public static let defaults = FSRSParameters(
        weights: [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
                  1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542],
        desiredRetention: 0.9,
        learningSteps: [60, 600],
        relearningSteps: [600],
        maximumIntervalDays: 36500
    )

    public static let weightCount = 21

    /// The bounds py-fsrs (and the FSRS optimizer) enforce on each weight; outside them the
    /// formulas stop meaning anything (negative stability, difficulty running away).
    public static let weightBounds: [ClosedRange<Double>] = [
        0.001...100, 0.001...100, 0.001...100, 0.001...100,
        1...10, 0.001...4, 0.001...4, 0.001...0.75,
        0...4.5, 0...0.8, 0.001...3.5, 0.001...5,
        0.001...0.25, 0.001...0.9, 0...4, 0...1,
        1...6, 0...2, 0...2, 0...0.8, 0.1...0.8,
    ]

    /// Anki's range: below 0.70 reviews pile up as failures, above 0.99 intervals collapse.
    public static let desiredRetentionRange = 0.70...0.99
    public static let maximumIntervalRange = 1...36500

    /// One message per problem, each naming the allowed values; empty when usable.
    /// Steps need not ascend (Anki allows that too); they only have to be positive.
    public func validate() -> [String] {
        var problems: [String] = []
        if weights.count != Self.weightCount {
            problems.append("weights: expected \(Self.weightCount) values, got \(weights.count)")
        } else {
            for (index, (weight, bounds)) in zip(weights, Self.weightBounds).enumerated() where !bounds.contains(weight) {
                problems.append("weights[\(index)] = \(weight) is outside \(bounds.lowerBound)...\(bounds.upperBound)")
            }
        }
        if !Self.desiredRetentionRange.contains(desiredRetention) {
            problems.append("desired retention \(desiredRetention) is outside \(Self.desiredRetentionRange.lowerBound)...\(Self.desiredRetentionRange.upperBound)")
        }
        problems += Self.stepProblems(learningSteps, name: "learning steps")
        problems += Self.stepProblems(relearningSteps, name: "relearning steps")
        if !Self.maximumIntervalRange.contains(maximumIntervalDays) {
            problems.append("maximum interval \(maximumIntervalDays) days is outside \(Self.maximumIntervalRange.lowerBound)...\(Self.maximumIntervalRange.upperBound) days")
        }
        return problems
    }

    /// Learning and relearning steps are a handful; a list of thousands would only slow
    /// every answer (each step is looked at) and is refused.
    public static let maximumSteps = 20

    private static func stepProblems(_ steps: [Int64], name: String) -> [String] {
        if steps.count > maximumSteps { return ["\(name): \(steps.count) steps; at most \(maximumSteps) are allowed"] }
        return steps.enumerated().compactMap { index, seconds in
            seconds >= 1 ? nil : "\(name)[\(index)] = \(seconds) s must be at least 1 second"
        }
    }
}
