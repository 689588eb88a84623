// A quiz, a drill order or an estimation question set must come out the same for the
// same `--seed` on any machine and any Swift version. The standard library neither
// promises its shuffle algorithm nor lets a system generator be seeded, so practice
// modes use this small, fully specified generator and their own shuffle.

/// SplitMix64 (Steele, Lea, Flood 2014) with Lemire range reduction and a Fisher-Yates
/// shuffle written out here, so every consumer of a seed is reproducible.
public struct PracticeRandom: RandomNumberGenerator, Sendable {
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

    /// A whole number in `range` (which must not be empty).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next().multipliedFullWidth(by: width).high)
    }

    /// One of `values` (which must not be empty): generated questions pick from lists of
    /// round numbers, so they read "40M DAU", not "40.2917M DAU".
    public mutating func pick<T>(_ values: [T]) -> T {
        values[int(in: 0...(values.count - 1))]
    }

    /// A double uniformly in `0..<1` (53 random bits).
    public mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    public mutating func shuffle<T>(_ values: inout [T]) {
        guard values.count > 1 else { return }
        for index in stride(from: values.count - 1, to: 0, by: -1) {
            values.swapAt(index, int(in: 0...index))
        }
    }

    public mutating func shuffled<T>(_ values: [T]) -> [T] {
        var copy = values
        shuffle(&copy)
        return copy
    }

    /// A derived generator for one purpose (one card's distractors), so adding a
    /// question elsewhere does not change what this one draws.
    public func derived(_ label: String) -> PracticeRandom {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in label.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return PracticeRandom(seed: state ^ hash)
    }

    /// A fresh seed when the user gave none: short enough to retype after `--seed`.
    public static func freshSeed() -> UInt64 {
        var system = SystemRandomNumberGenerator()
        return UInt64.random(in: 1...999_999, using: &system)
    }
}
