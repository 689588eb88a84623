import Scheduling
import Testing
import Timekeeping

@Suite("Interval text")
struct IntervalTextTests {
    static let day = Seconds.day
    static let examples: [(Int64, String)] = [
        (-5, "<1m"), (0, "<1m"), (59, "<1m"),
        (60, "1m"), (600, "10m"), (3569, "59m"),
        (3599, "1h"), (3600, "1h"), (5400, "2h"), (23 * 3600, "23h"),
        (day - 1, "1d"), (day, "1d"), (6 * day, "6d"), (30 * day, "30d"),
        (31 * day, "1mo"), (97 * day, "3.2mo"), (364 * day, "1y"),
        (365 * day, "1y"), (548 * day, "1.5y"), (36500 * day, "100y"),
    ]

    @Test("formats like Anki's answer buttons", arguments: examples)
    func format(seconds: Int64, text: String) {
        #expect(IntervalText.format(seconds: seconds) == text)
    }

    @Test func betweenTwoInstants() {
        #expect(IntervalText.format(from: 1_000, to: 1_000 + 6 * Seconds.day) == "6d")
        #expect(IntervalText.format(from: 1_000, to: 500) == "<1m")
        #expect(IntervalText.format(from: .min, to: .max) == IntervalText.format(seconds: .max))
    }
}
