import Capacity
import SeededRandom

/// Seeded tests use the project's one generator under their old name.
typealias SeededGenerator = SplitMix64

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
