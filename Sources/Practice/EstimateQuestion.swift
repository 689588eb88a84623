import Study
import Capacity

/// The kinds of back-of-envelope questions the estimation drill asks.
public enum EstimateKind: String, Sendable, CaseIterable {
    case rps, peak, storage, bandwidth, availability, servers, latency
}

/// One generated estimation question with its answer, worked out by the calculator.
public struct EstimateQuestion: Sendable {
    public let kind: EstimateKind
    public let prompt: String
    /// The answer in base units (seconds, bytes, per second...).
    public let expected: Quantity
    /// The unit the answer is shown in (`PB`, `req/s`); a bare number typed by the user
    /// is read in it.
    public let unit: DisplayUnit
    /// `438.3 TB`
    public let expectedDisplay: String
    /// The calculation as an interviewer would write it.
    public let steps: [String]
    /// Month and year lengths used, notes on how inputs were read.
    public let conventions: [String]

    public init(kind: EstimateKind, prompt: String, expected: Quantity, unit: DisplayUnit, expectedDisplay: String,
                steps: [String], conventions: [String]) {
        self.kind = kind
        self.prompt = prompt
        self.expected = expected
        self.unit = unit
        self.expectedDisplay = expectedDisplay
        self.steps = steps
        self.conventions = conventions
    }

    /// The expected value in `unit`.
    public var expectedValue: Double { unit.value(of: expected) }
}
