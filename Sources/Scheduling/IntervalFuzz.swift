import SeededRandom

// Anki-style interval fuzz: cards introduced together would otherwise stay due together
// forever. The spread grows with the interval (Anki's bands: 15% of the part between 2.5
// and 7 days, 10% between 7 and 20, 5% beyond, on top of one day), so short intervals
// barely move and long ones spread out. Fuzz only ever moves a due date; the stored
// memory (SM-2's I and EF, FSRS's S and D) stays the unfuzzed value, so replaying a log
// with fuzz off reproduces the reference vectors exactly.

public enum IntervalFuzz {
    private struct Band {
        let start: Double
        let end: Double
        let factor: Double
    }

    private static let bands = [
        Band(start: 2.5, end: 7, factor: 0.15),
        Band(start: 7, end: 20, factor: 0.10),
        Band(start: 20, end: .infinity, factor: 0.05),
    ]

    /// The days a `days`-day interval may be fuzzed to, or nil when it is too short to fuzz
    /// (under 2.5 days, i.e. 1 or 2 whole days). Never above `maximumDays`.
    public static func range(forDays days: Int, maximumDays: Int) -> ClosedRange<Int>? {
        guard days >= 3 else { return nil }
        let length = Double(days)
        var spread = 1.0
        for band in bands {
            spread += band.factor * max(min(length, band.end) - band.start, 0)
        }
        // Half-to-even like the Python reference (py-fsrs) that documents these bands.
        let upper = min(Int((length + spread).rounded(.toNearestOrEven)), maximumDays)
        let lower = min(max(2, Int((length - spread).rounded(.toNearestOrEven))), upper)
        return lower...upper
    }

    /// `days` moved to a day in its fuzz range, chosen by `seed` alone.
    public static func fuzzed(days: Int, maximumDays: Int, seed: UInt64) -> Int {
        guard let range = range(forDays: days, maximumDays: maximumDays) else { return days }
        var generator = SplitMix64(seed: seed)
        return generator.next(in: range)
    }
}
