import Capacity

/// SplitMix64: a small seeded generator so property and fuzz tests are reproducible and
/// never depend on system randomness.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// True when `actual` is within a relative `tolerance` of `expected`.
func isClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-9) -> Bool {
    if expected == 0 { return abs(actual) <= tolerance }
    return abs(actual - expected) <= tolerance * abs(expected)
}

/// Evaluates or returns the error, for tests that expect one or the other.
func outcome(_ text: String, calendar: CalendarConvention = .gregorian) -> Result<Evaluation, CapacityError> {
    do {
        return .success(try Calculator(calendar: calendar).evaluate(text))
    } catch {
        return .failure(error)
    }
}
