import Study
import SeededRandom

// A quiz, a drill order or an estimation question set must come out the same for the
// same `--seed` on any machine and any Swift version. The numbers come from sysdrill's
// one seeded generator (SeededRandom's SplitMix64); the standard library promises
// neither its shuffle algorithm nor a way to seed it, so the shuffle is written out here.

/// SplitMix64 with the helpers practice modes need: a range, a pick, a Fisher-Yates
/// shuffle and generators derived per purpose.
public struct PracticeRandom: RandomNumberGenerator, Sendable {
    private var generator: SplitMix64
    /// Kept to derive generators from (SplitMix64 does not expose its state).
    private let seed: UInt64
    private var draws: UInt64 = 0

    public init(seed: UInt64) {
        self.seed = seed
        generator = SplitMix64(seed: seed)
    }

    public mutating func next() -> UInt64 {
        draws &+= 1
        return generator.next()
    }

    /// A whole number in `range` (which must not be empty).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        draws &+= 1
        return generator.next(in: range)
    }

    /// One of `values` (which must not be empty): generated questions pick from lists of
    /// round numbers, so they read "40M DAU", not "40.2917M DAU".
    public mutating func pick<T>(_ values: [T]) -> T {
        values[int(in: 0...(values.count - 1))]
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

    /// A generator for one purpose (one card's distractors), so adding a question
    /// elsewhere does not change what this one draws.
    public func derived(_ label: String) -> PracticeRandom {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in label.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return PracticeRandom(seed: (seed &+ draws &* 0x9E37_79B9_7F4A_7C15) ^ hash)
    }

    /// A fresh seed when the user gave none: short enough to retype after `--seed`.
    public static func freshSeed() -> UInt64 {
        var system = SystemRandomNumberGenerator()
        return UInt64.random(in: 1...999_999, using: &system)
    }
}
