import Testing
@testable import Capacity

/// Conversions with expected values worked out by hand in the comments, independent of
/// the unit table.
@Suite("conversions")
struct ConversionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let expression: String
        let expected: Double
        var calendar: CalendarConvention = .gregorian
        var testDescription: String { "\(expression) [\(calendar.spelling)]" }
    }

    static let cases: [Case] = [
        // SI versus binary prefixes.
        Case(expression: "1 KB -> B", expected: 1_000),
        Case(expression: "1 kB -> B", expected: 1_000),
        Case(expression: "1 KiB -> B", expected: 1_024),
        Case(expression: "1 MiB -> KiB", expected: 1_024),
        Case(expression: "2 KiB -> B", expected: 2_048),
        Case(expression: "1 GiB -> MB", expected: 1_073.741824),          // 2^30 / 10^6
        Case(expression: "1 GB -> GiB", expected: 0.9313225746154785),    // 10^9 / 2^30
        Case(expression: "1 TB -> TiB", expected: 0.9094947017729282),    // 10^12 / 2^40
        Case(expression: "1 EiB -> B", expected: 1_152_921_504_606_846_976), // 2^60
        Case(expression: "1 PB -> TB", expected: 1_000),
        // Bits versus bytes.
        Case(expression: "8 bit -> B", expected: 1),
        Case(expression: "1 B -> b", expected: 8),
        Case(expression: "1 Mb -> KB", expected: 125),                    // 10^6 / 8 / 10^3
        Case(expression: "1 Kib -> b", expected: 1_024),
        Case(expression: "1 Gbps -> MB/s", expected: 125),
        Case(expression: "100 Mbps -> MB/s", expected: 12.5),
        Case(expression: "1 MB/s -> Mbps", expected: 8),
        Case(expression: "1 Gbps * 1 day -> TB", expected: 10.8),         // 125 MB/s * 86,400 s
        Case(expression: "10 MB / 2 s -> MB/s", expected: 5),             // juxtaposition binds tighter than /
        Case(expression: "5 GB per day -> MB/s", expected: 0.05787037037037037), // 5,000 MB / 86,400 s
        // Time.
        Case(expression: "1 day -> s", expected: 86_400),
        Case(expression: "1 week -> h", expected: 168),
        Case(expression: "1 h -> min", expected: 60),
        Case(expression: "1 ms -> µs", expected: 1_000),
        Case(expression: "1 us -> ns", expected: 1_000),
        Case(expression: "1 μs -> ns", expected: 1_000),                  // Greek mu as well as the micro sign
        Case(expression: "90 minutes -> hours", expected: 1.5),
        // Calendars: Gregorian average and 30-day months.
        Case(expression: "1 month -> s", expected: 2_629_746),            // 365.2425 * 86,400 / 12
        Case(expression: "1 month -> s", expected: 2_592_000, calendar: .thirtyDay), // 30 * 86,400
        Case(expression: "1 year -> day", expected: 365.2425),
        Case(expression: "1 year -> day", expected: 365, calendar: .thirtyDay),
        Case(expression: "1 quarter -> day", expected: 91.310625),        // 3 * 30.436875
        Case(expression: "1 quarter -> day", expected: 90, calendar: .thirtyDay),
        Case(expression: "12 month -> year", expected: 1),
        Case(expression: "12 month -> year", expected: 0.9863013698630136, calendar: .thirtyDay), // 360 / 365
        Case(expression: "1 TB/month -> Mbps", expected: 3.0421188966538977), // 8e12 bit / 2,629,746 s / 1e6
        // Rates of counts.
        Case(expression: "100M req/day -> req/s", expected: 1_157.4074074074074), // 1e8 / 86,400
        Case(expression: "3M * 86.4 req/day -> req/s", expected: 3_000),  // 2.592e8 / 86,400
        Case(expression: "10 users * 5 req/user -> req", expected: 50),
        Case(expression: "1B req/month -> req/s", expected: 380.2648620817372), // 1e9 / 2,629,746
        // Percentages, money, plain numbers.
        Case(expression: "0.999 -> %", expected: 99.9),
        Case(expression: "99.95% -> %", expected: 99.95),
        Case(expression: "$0.10/h * 730 h -> $", expected: 73),
        Case(expression: "$0.10/h -> $/month", expected: 73.0485),        // 0.1 * 730.485 h
        Case(expression: "1 dollar -> cents", expected: 100),
        Case(expression: "1.5B -> million", expected: 1_500),
        Case(expression: "1 GB + 500 MB -> GB", expected: 1.5),
        Case(expression: "(1 + 2) * 3 s -> s", expected: 9),
        Case(expression: "-5 s + 10 s -> s", expected: 5),
        Case(expression: "2 h in min", expected: 120),
        Case(expression: "1 GB to MB", expected: 1_000),
    ]

    @Test(arguments: cases)
    func converts(_ testCase: Case) throws {
        let evaluation = try Calculator(calendar: testCase.calendar).evaluate(testCase.expression)
        #expect(isClose(evaluation.value, testCase.expected, tolerance: 1e-11),
                "\(testCase.expression) gave \(evaluation.value), expected \(testCase.expected)")
    }

    static let values: [(String, Double)] = [
        ("1_000_000", 1e6), ("1e9", 1e9), ("1E3", 1e3), (".5", 0.5), ("10k", 1e4), ("10K", 1e4), ("500M", 5e8),
        ("1.5B", 1.5e9), ("2T", 2e12), ("3 thousand", 3e3), ("2 billion", 2e9), ("1.5 trillion", 1.5e12),
        ("99.9%", 0.999), ("2^10", 1_024), ("2 ^ -1", 0.5), ("2 ** 3", 8), ("-3 + 5", 2), ("10 x 5", 50),
        ("20% of 50", 10), ("1/4", 0.25), ("2 (3 + 4)", 14), ("2^3^2", 512), ("-2^2", -4), ("5 percent", 0.05),
        ("1 - 2 - 3", -4), ("8 / 4 / 2", 1), ("1e9 B", 1e9), ("$5", 5), ("5 $", 5), ("5 USD", 5),
    ]

    @Test(arguments: values)
    func readsNumbers(_ text: String, _ expected: Double) throws {
        let quantity = try Calculator().quantity(text)
        #expect(isClose(quantity.value, expected), "\(text) gave \(quantity.value)")
    }

    @Test func dimensionsAreTracked() throws {
        let calculator = Calculator()
        #expect(try calculator.quantity("5 GB").dimension == .information)
        #expect(try calculator.quantity("5 GB/s").dimension == .dataRate)
        #expect(try calculator.quantity("1 Gbps").dimension == .dataRate)
        #expect(try calculator.quantity("100M req/day").dimension == .frequency)
        #expect(try calculator.quantity("10 users * 5 req").dimension == .none)
        #expect(try calculator.quantity("$0.023/GB/month").dimension == Dimension(time: -1, information: -1, money: 1))
        #expect(try calculator.quantity("10k rps").labels == CountLabels("req"))
    }

    @Test func convertAPIChecksDimensions() throws {
        let calculator = Calculator()
        let size = try calculator.quantity("3 PB")
        #expect(try calculator.convert(size, to: "TB") == 3_000)
        #expect(try calculator.convert(size, to: "PiB") == 3e15 / 1_125_899_906_842_624)
        #expect(throws: CapacityError.self) { try calculator.convert(size, to: "s") }
        do {
            _ = try calculator.convert(size, to: "TB/dya")
            Issue.record("accepted a typo")
        } catch {
            #expect(error.kind == .unknownUnit)
            #expect(error.span == 3..<6)
            #expect(error.input == "TB/dya")
        }
    }
}
