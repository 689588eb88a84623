import Testing
import TextMatching

/// The bounded distance used for unit suggestions agrees with TextMatching's reference
/// implementation whenever it answers, and answers whenever the distance is in bounds.
@Suite("bounded edit distance")
struct EditDistanceTests {
    @Test func agreesWithTheReference() {
        var generator = SeededGenerator(seed: 77)
        let alphabet = Array("abcdeMBKiµs")
        var rows: [Int] = []
        for _ in 0..<5_000 {
            let a = String((0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let b = String((0..<Int.random(in: 0...7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let limit = Int.random(in: 0...4, using: &generator)
            let reference = EditDistance.between(a.lowercased(), b.lowercased())
            let bounded = BoundedEditDistance.distance(BoundedEditDistance.scalars(a), BoundedEditDistance.scalars(b), limit: limit, rows: &rows)
            #expect(bounded == (reference <= limit ? reference : nil), "'\(a)' vs '\(b)' limit \(limit)")
        }
    }
}

/// SplitMix64, so the random cases are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

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
