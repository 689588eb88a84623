import Testing
@testable import Capacity

/// What people see: automatic units, thousands separators, precision.
@Suite("display")
struct DisplayTests {
    static let automatic: [(String, String)] = [
        ("100M req/day", "1,157 req/s"),
        ("1B req/day", "11,574 req/s"),            // 1e9 / 86,400 = 11,574.07
        ("3000.0000000000005", "3,000"),
        ("2^53", "9,007,199,254,740,992"),         // exact up to 2^53
        ("123456789012345", "123,456,789,012,345"),
        ("1 GiB", "1 GiB"),
        ("1024 KiB", "1 MiB"),                     // binary input stays binary
        ("1500 MB", "1.5 GB"),
        ("1 Gbps", "1 Gbps"),                      // bits stay bits
        ("10 MB/s", "10 MB/s"),
        ("1 Gbps * 1 day", "86.4 Tb"),
        ("10k req/s * 200 KB", "2 GB/s"),          // bytes mentioned: bytes
        ("$0.10/h", "$73.05/month"),               // money over time: per month
        ("$0.023/GB", "$0.023/GB"),
        ("1 month", "30.44 days"),
        ("90 s", "1.5 min"),
        ("1 day", "1 day"),
        ("2 days", "2 days"),
        ("400 day", "1.095 years"),
        ("0.5 ns", "0.5 ns"),
        ("100 req/day", "4.167 req/h"),            // below one per second: a longer period
        ("10 users", "10 users"),
        ("1 user", "1 user"),
        ("5 req/user", "5 req/user"),
        ("5 GB / 1000 users", "5 MB/user"),
        ("1.5 B", "1.5 B"),
        ("1/3", "0.3333"),
        ("5 MB * 3 s", "15 MB·s"),                 // unusual dimensions: the units as written
        ("0.999 -> %", "99.9%"),
        ("1 day -> hour", "24 hours"),
        ("7 day -> week", "1 week"),
        ("100M req/day -> req/s", "1,157 req/s"),
        ("1 GiB -> MB", "1,074 MB"),
        ("5 $", "$5"),
    ]

    @Test(arguments: automatic)
    func displays(_ expression: String, _ expected: String) throws {
        #expect(try Calculator().evaluate(expression).display == expected)
    }

    @Test func thirtyDayMonth() throws {
        #expect(try Calculator(calendar: .thirtyDay).evaluate("1 month").display == "30 days")
    }

    @Test func conventionsNameTheCalendar() throws {
        let gregorian = try Calculator().evaluate("1 TB/month -> Mbps")
        #expect(gregorian.conventions == ["month = 30.436875 days = 2,629,746 s (a 365.2425-day year / 12)"])
        let thirty = try Calculator(calendar: .thirtyDay).evaluate("5 year -> day")
        #expect(thirty.conventions.count == 1)
        #expect(thirty.conventions[0].hasPrefix("year = 365 days"))
        // Displaying in years uses a year too.
        #expect(try Calculator().evaluate("400 day").conventions.first?.hasPrefix("year = 365.2425 days") == true)
        #expect(try Calculator().evaluate("1 day -> s").conventions.isEmpty)
    }

    @Test func stuckBIsABillionAndSaysSo() throws {
        let evaluation = try Calculator().evaluate("1.5B")
        #expect(evaluation.value == 1.5e9)
        #expect(evaluation.notes.count == 1)
        #expect(evaluation.notes[0].contains("1.5 billion"))
    }

    /// The note helps only where '1.5B' could have meant bytes, and once.
    @Test(arguments: [
        ("1B req/day", false), ("1.5B users", false), ("2B DAU * 20 / 86400", false), ("1.5B users * 200 bytes", false),
        ("1.5B * 2 KB", false), ("1.5B", true), ("2B * 3", true), ("1B + 2B", true),
    ])
    func billionNoteOnlyWhenItHelps(_ input: String, _ noted: Bool) throws {
        let notes = try Calculator().evaluate(input).notes
        #expect(notes.count == (noted ? 1 : 0), "\(input): \(notes)")
        #expect(notes.allSatisfy(Calculator.isMagnitudeNote))
    }

    @Test func namedCalculatorsDoNotNoteABillionInACountField() throws {
        let counts = try RequestRateEstimate(dailyActiveUsers: "1.5B", requestsPerUser: "10").report()
        #expect(counts.notes.isEmpty)
        let items = try StorageEstimate(items: "2B/day", size: "1 KB", retention: "5y").report()
        #expect(!items.notes.contains(where: Calculator.isMagnitudeNote))
    }

    /// Percentages multiply (and add) to percentages, with the digits that matter near 100%.
    @Test(arguments: [
        ("99.9% * 99.9% * 99.9%", "99.7003%"), ("99.9%", "99.9%"), ("99.99% ^ 2", "99.98%"), ("100% - 99.9%", "0.1%"),
        ("0.5% * 10%", "0.05%"), ("5 percent * 99.9%", "4.995%"), ("0.999999 -> %", "99.9999%"), ("150%", "150%"),
        ("max(99.9%, 99.5%)", "99.9%"),
        // Not a product of percentages: a plain number, as before.
        ("99.9% * 3", "2.997"), ("1 - 99.9%", "0.001"), ("99.9% / 99.5%", "1.004"), ("ceil(50.5%)", "1"),
    ])
    func percentages(_ input: String, _ expected: String) throws {
        #expect(try Calculator().evaluate(input).display == expected)
    }

    static let numbers: [(Double, String)] = [
        (11_574.074, "11,574"), (0.001157407, "0.001157"), (8.76581, "8.766"), (1e20, "1e20"),
        (1.23456e-7, "1.235e-7"), (-1_234.6, "-1,235"), (0, "0"), (999.96, "1,000"), (9.99999, "10"),
        (123_456_789_012_345, "123,456,789,012,345"), (0.3, "0.3"), (1_000, "1,000"), (-0.5, "-0.5"),
    ]

    @Test(arguments: numbers)
    func formatsNumbers(_ value: Double, _ expected: String) {
        #expect(NumberText.format(value) == expected)
    }

    @Test func roundsBeforeCeiling() {
        #expect(NumberText.rounded(3000.0000000000005) == 3_000)
        #expect(NumberText.rounded(0.1 + 0.2) == 0.3)
        #expect(NumberText.ceiling(3000.0000000000005) == 3_000)
        #expect(NumberText.ceiling(0.9 / 0.0003) == 3_000)   // 3000.0000000000005 in floating point
        #expect(NumberText.ceiling(30_000.0 / 1_400) == 22)  // 21.43
    }

    static let compact: [(Double, String)] = [(1e8, "100M"), (1.5e9, "1.5B"), (2e12, "2T"), (86_400, "86,400"),
                                              (123_456_789, "123,456,789"), (25.5e6, "25.5M")]

    @Test(arguments: compact)
    func compactCounts(_ value: Double, _ expected: String) {
        #expect(NumberText.compact(value) == expected)
    }

    static let money: [(Double, String)] = [(730.4852, "730.49"), (0.1, "0.10"), (0.023, "0.023"), (2_780.485, "2,780.49"),
                                            (33_365.82, "33,366"), (5, "5"), (9_999.999, "10,000"), (9_999.99, "9,999.99")]

    @Test(arguments: money)
    func formatsMoney(_ value: Double, _ expected: String) {
        #expect(NumberText.money(value) == expected)
    }

    static let availability: [(Double, String)] = [(0.9995, "99.95%"), (0.999999, "99.9999%"), (0.9985005, "99.85%"),
                                                   (1, "100%"), (0, "0%"), (0.5, "50%"), (0.99, "99%")]

    @Test(arguments: availability)
    func formatsAvailability(_ fraction: Double, _ expected: String) {
        #expect(AvailabilityEstimate.percentText(fraction) == expected)
    }

    @Test func breaksDurationsIntoParts() {
        #expect(DurationText.breakdown(31_556.952) == "8 h 45 min 57 s")   // 0.1% of a Gregorian year
        #expect(DurationText.breakdown(90_061) == "1 day 1 h 1 min 1 s")
        #expect(DurationText.breakdown(60) == "1 min")
        #expect(DurationText.breakdown(43.2) == nil)
    }
}
