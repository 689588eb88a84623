import Foundation
import Testing
@testable import Capacity

/// Random and mutated inputs must never crash, trap or hang: every input either
/// evaluates to a finite value with a display, or is refused with an error whose span
/// lies inside the input and whose message says something.
@Suite("fuzzing")
struct FuzzTests {
    static let fragments: [String] = [
        "0", "1", "9", "42", "1.5", ".5", "1e9", "1e308", "1e-308", "9e999", "1_000", "_", ",", ".", "e", "E", "+", "-", "*", "/",
        "^", "**", "(", ")", "%", "$", "->", "→", " to ", " in ", " per ", " x ", " of ", " ", "  ", "k", "M", "B", "T", "KB", "MiB",
        "GB", "Gbps", "Mb", "mb", "b", "bit", "s", "ms", "µs", "μs", "min", "h", "day", "days", "week", "month", "quarter", "year",
        "y", "req", "users", "rps", "USD", "cents", "million", "billion", "inf", "nan", "dya", "€", "\u{0}", "\t", "\n", "é", "👍",
        "−", "×", "÷", "·", "0.999", "99.9.9", "1,000", "2^1024", "10^-400", "--", "((", "))",
        "max(", "min(", "ceil(", "floor(", "round(", "sqrt(", "log2(", "log10(", "ln(", "log", ", ", ",", "disk", "DAU", "shards",
    ]

    static let seeds: [String] = [
        "100M req/day -> req/s", "1 GB to MB", "10k rps * 200 KB", "$0.10/h * 730 h", "99.95% -> %", "(1 GB + 500 MB) / 2 s",
        "2^10 KiB -> MiB", "5 years * 20 TB/day", "1 Gbps * 1 day -> TB", "3M * 86.4 req/day", "1_000_000 users * 5 req/user",
        "(1 - 99.9%) * 1 year -> min", "10 MB / 2 s -> Mbps", "1e9 / 86400",
        "max(3 ms, 20 ms)", "ceil(2.5 PB / (4 TB/disk))", "sqrt(16 s^2)", "log2(1M) + ln(5) + log10(7)", "min(3,20) servers",
        "99.9% * 99.9% * 99.9%", "1.5 TB / 100 MB/s -> h", "500M DAU * 20 / 86400", "round(floor(2.5) * ceil(1.2))",
    ]

    /// 100k inputs by default; `SYSDRILL_FUZZ_ITERATIONS` raises it (`make fuzz`).
    static let iterations = ProcessInfo.processInfo.environment["SYSDRILL_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 100_000

    /// Four shards of a quarter of the inputs each, run in parallel.
    @Test(arguments: 0..<4)
    func neverCrashes(_ shard: Int) {
        var generator = SeededGenerator(seed: 0xC0FFEE + UInt64(shard))
        let calculators = [Calculator(calendar: .gregorian), Calculator(calendar: .thirtyDay)]
        var accepted = 0
        var refused = 0
        for index in 0..<Self.iterations / 4 {
            let input = index.isMultiple(of: 2) ? Self.randomInput(&generator) : Self.mutatedInput(&generator)
            let calculator = calculators[index % 2]
            do {
                let evaluation = try calculator.evaluate(input)
                guard evaluation.quantity.value.isFinite, evaluation.value.isFinite, !evaluation.display.isEmpty else {
                    Issue.record("'\(input)' gave a non-finite or empty result: \(evaluation.display)")
                    return
                }
                accepted += 1
            } catch {
                let length = input.unicodeScalars.count
                guard error.span.lowerBound >= 0, error.span.upperBound <= length, error.span.lowerBound <= error.span.upperBound,
                      !error.message.isEmpty, error.input == input else {
                    Issue.record("'\(input)': bad error \(error)")
                    return
                }
                refused += 1
            }
        }
        // Both paths must actually be exercised.
        #expect(accepted > 1_000)
        #expect(refused > 1_000)
    }

    static func randomInput(_ generator: inout SeededGenerator) -> String {
        let count = Int.random(in: 0...12, using: &generator)
        var text = ""
        for _ in 0..<count { text += fragments.randomElement(using: &generator)! }
        return text
    }

    static func mutatedInput(_ generator: inout SeededGenerator) -> String {
        var scalars = Array(seeds.randomElement(using: &generator)!.unicodeScalars)
        let edits = Int.random(in: 1...3, using: &generator)
        for _ in 0..<edits {
            let position = Int.random(in: 0...scalars.count, using: &generator)
            let replacement = Array(fragments.randomElement(using: &generator)!.unicodeScalars)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0:
                scalars.insert(contentsOf: replacement, at: position)
            case 1 where position < scalars.count:
                scalars.remove(at: position)
            default:
                if position < scalars.count { scalars.replaceSubrange(position...position, with: replacement) }
            }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        return text
    }

    @Test func hugeAndDeepInputsAreRefusedCleanly() {
        let deep = String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500)
        let long = Array(repeating: "1", count: 600).joined(separator: "+")
        let signs = String(repeating: "-", count: 300) + "1"
        let powers = Array(repeating: "2", count: 200).joined(separator: "^")
        let calls = String(repeating: "max(", count: 200) + "1" + String(repeating: ")", count: 200)
        let arguments = "max(" + Array(repeating: "1", count: 300).joined(separator: ", ") + ")"
        for input in [deep, long, signs, powers, String(repeating: "9", count: 2_000), calls, arguments] {
            guard case .failure(let error) = outcome(input) else {
                Issue.record("accepted \(input.prefix(20))...")
                continue
            }
            #expect(error.span.upperBound <= input.unicodeScalars.count)
        }
    }
}
