import SeededRandom

// Test data drawn from the project's one seeded generator, so the same seed gives the
// same deck and history on every machine and every Swift version. The modulo bias of
// `below` is irrelevant for test data and, unlike `Int.random(in:using:)`, the result is
// fixed by this file alone.
extension SplitMix64 {
    /// A value in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// A value in `range`.
    mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool {
        below(100) < percent
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }
}
