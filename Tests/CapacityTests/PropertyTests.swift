import Testing
@testable import Capacity

/// Converting a value to a unit and reading it back gives the same quantity, for random
/// values and unit pairs (seeded, so failures reproduce).
@Suite("round trips")
struct PropertyTests {
    static let families: [[String]] = [
        ["B", "KB", "kB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB", "bit", "Kb", "Mb", "Gb", "Kib", "bytes"],
        ["s", "ms", "µs", "ns", "min", "h", "day", "week", "month", "quarter", "year", "hours"],
        ["req/s", "req/min", "req/day", "req/month", "rps", "1/s"],
        ["B/s", "MB/s", "GB/s", "bps", "Kbps", "Mbps", "Gbps", "GiB/day", "TB/month"],
        ["$", "cents", "USD", "dollars"],
        ["$/month", "cents/h", "USD/year"],
        ["%", "thousand", "million", "billion"],
    ]

    @Test(arguments: [CalendarConvention.gregorian, .thirtyDay])
    func convertingThereAndBackKeepsTheValue(_ calendar: CalendarConvention) throws {
        var generator = SeededGenerator(seed: calendar == .gregorian ? 2_024 : 30)
        let calculator = Calculator(calendar: calendar)
        for _ in 0..<2_000 {
            let family = Self.families.randomElement(using: &generator)!
            let from = family.randomElement(using: &generator)!
            let to = family.randomElement(using: &generator)!
            // Log-uniform from 1e-6 to 1e12.
            let value = Double.random(in: -6...12, using: &generator)
            let number = NumberText.powerOfTen(Int(value.rounded(.down))) * Double.random(in: 1..<10, using: &generator)
            let original = try calculator.quantity(Self.written(number, from))
            #expect(isClose(try calculator.convert(original, to: from), number, tolerance: 1e-12))
            let converted = try calculator.convert(original, to: to)
            let back = try calculator.quantity(Self.written(converted, to))
            #expect(isClose(back.value, original.value, tolerance: 1e-12), "\(number) \(from) -> \(converted) \(to)")
        }
    }

    /// A value in a unit as an expression: "3.2 MB", "5%", "2 1/s" needs a product.
    static func written(_ value: Double, _ unit: String) -> String {
        switch unit {
        case "%": return "\(value)%"
        case "1/s": return "\(value) / s"
        default: return "\(value) \(unit)"
        }
    }

    @Test func comparingEstimates() throws {
        let calculator = Calculator()
        let expected = try calculator.quantity("3 PB")
        let close = try calculator.compare(try calculator.quantity("2.5 PB"), to: expected)
        #expect(close.isWithin(percent: 25))
        #expect(close.isWithin(factor: 2))
        let binary = try calculator.compare(try calculator.quantity("2.7 PiB"), to: expected)   // 3.04e15 B
        #expect(binary.isWithin(percent: 25))
        #expect(isClose(binary.factorOff, 2.7 * 1_125_899_906_842_624 / 3e15))                // 1.0133
        #expect(calculator.format(expected) == "3 PB")
        #expect(isClose(try calculator.convert(expected, to: "TiB"), 3e15 / 1_099_511_627_776))
        let off = try calculator.compare(try calculator.quantity("1 PB"), to: expected)
        #expect(!off.isWithin(factor: 2))
        #expect(isClose(off.factorOff, 3))
        let exactlyDouble = try calculator.compare(try calculator.quantity("6 PB"), to: expected)
        #expect(exactlyDouble.isWithin(factor: 2))
        #expect(throws: CapacityError.self) { try calculator.compare(try calculator.quantity("3 s"), to: expected) }
    }
}
