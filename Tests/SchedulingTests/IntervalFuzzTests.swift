import Scheduling
import Testing

// Ranges worked out by hand from Anki's bands (1 day + 15% of the part between 2.5 and 7
// days + 10% of 7...20 + 5% beyond 20, then rounded half-to-even).

@Suite("Interval fuzz")
struct IntervalFuzzTests {
    @Test("intervals under 3 days are never fuzzed", arguments: [0, 1, 2])
    func shortIntervals(days: Int) {
        #expect(IntervalFuzz.range(forDays: days, maximumDays: 36500) == nil)
        #expect(IntervalFuzz.fuzzed(days: days, maximumDays: 36500, seed: 99) == days)
    }

    @Test("fuzz ranges follow Anki's bands", arguments: [
        (3, 2...4),          // ±1.075
        (7, 5...9),          // ±1.675
        (20, 17...23),       // ±2.975
        (100, 93...107),     // ±6.975
    ])
    func ranges(days: Int, expected: ClosedRange<Int>) {
        #expect(IntervalFuzz.range(forDays: days, maximumDays: 36500) == expected)
    }

    @Test func neverBeyondTheMaximum() {
        #expect(IntervalFuzz.range(forDays: 36500, maximumDays: 36500) == 34673...36500)  // ±1826.975
        #expect(IntervalFuzz.range(forDays: 100, maximumDays: 100) == 93...100)
        #expect(IntervalFuzz.range(forDays: 5, maximumDays: 3) == 3...3)
    }

    @Test("the same seed always gives the same day", arguments: [0, 1, 12345, UInt64.max])
    func deterministic(seed: UInt64) {
        let first = IntervalFuzz.fuzzed(days: 100, maximumDays: 36500, seed: seed)
        for _ in 0..<10 {
            #expect(IntervalFuzz.fuzzed(days: 100, maximumDays: 36500, seed: seed) == first)
        }
    }

    @Test("seeds spread over the whole range and never leave it", arguments: [3, 10, 45, 400])
    func spread(days: Int) throws {
        let range = try #require(IntervalFuzz.range(forDays: days, maximumDays: 36500))
        let seen = (0..<2000).map { IntervalFuzz.fuzzed(days: days, maximumDays: 36500, seed: FuzzSeed.make(cardID: "c\($0)", reviewIndex: 3)) }
        #expect(seen.allSatisfy(range.contains))
        #expect(Set(seen) == Set(range), "every day of the range is reachable")
    }

    @Test func differentSeedsGiveDifferentDays() {
        let days = (0..<20).map { IntervalFuzz.fuzzed(days: 60, maximumDays: 36500, seed: UInt64($0)) }
        #expect(Set(days).count > 1)
    }

    @Test func fuzzSeedsDependOnCardAndReview() {
        #expect(FuzzSeed.make(cardID: "a", reviewIndex: 0) == FuzzSeed.make(cardID: "a", reviewIndex: 0))
        #expect(FuzzSeed.make(cardID: "a", reviewIndex: 0) != FuzzSeed.make(cardID: "a", reviewIndex: 1))
        #expect(FuzzSeed.make(cardID: "a", reviewIndex: 0) != FuzzSeed.make(cardID: "b", reviewIndex: 0))
    }
}
