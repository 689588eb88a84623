// Everything random in sysdrill that must be reproducible uses this one generator: interval
// fuzz (a replayed review log has to land on the same due dates on any machine and any
// Swift version), seeded quizzes and estimation drills, and the seeded fuzz and property
// tests. The standard library's generator is seeded by the system and its
// `random(in:using:)` algorithm is not promised to stay the same, so `next(in:)` is ours.

/// SplitMix64 (Steele, Lea, Flood 2014): one 64-bit state, good enough mixing for picking
/// a day in a small range.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `range`, by multiply-high (Lemire) reduction: no modulo bias worth
    /// mentioning for ranges this small, and no loop.
    public mutating func next(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        let offset = next().multipliedFullWidth(by: width).high
        return range.lowerBound + Int(offset)
    }
}
