import Testing
import SeededRandom
import TextMatching

/// The bounded distance used for unit suggestions agrees with TextMatching's reference
/// implementation whenever it answers, and answers whenever the distance is in bounds.
@Suite("bounded edit distance")
struct EditDistanceTests {
    @Test func agreesWithTheReference() {
        var generator = SplitMix64(seed: 77)
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

