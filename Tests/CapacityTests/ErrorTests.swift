import Testing
@testable import Capacity

/// Every refusal names what is wrong and where: kind, span (Unicode scalar offsets,
/// end exclusive) and a message fragment.
@Suite("errors")
struct ErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let input: String
        let kind: CapacityError.Kind
        let span: Range<Int>
        let fragments: [String]
        var testDescription: String { "'\(input)'" }
    }

    static let cases: [Case] = [
        Case(input: "1 GB + 5 s", kind: .dimensionMismatch, span: 5..<6, fragments: ["cannot add information and time", "'1 GB'", "'5 s'"]),
        Case(input: "1 GB - 5 s", kind: .dimensionMismatch, span: 5..<6, fragments: ["cannot subtract information and time"]),
        Case(input: "5 dya", kind: .unknownUnit, span: 2..<5, fragments: ["unknown unit 'dya'", "did you mean 'day'?"]),
        Case(input: "5 µs + 1 GB", kind: .dimensionMismatch, span: 5..<6, fragments: ["time and information"]),
        Case(input: "1,000,000", kind: .invalidNumber, span: 0..<9, fragments: ["'1_000_000'"]),
        Case(input: "2 * 1,5", kind: .invalidNumber, span: 4..<7, fragments: ["','"]),
        Case(input: "1e400", kind: .overflow, span: 0..<5, fragments: ["too large"]),
        Case(input: "1e-400", kind: .overflow, span: 0..<6, fragments: ["too small"]),
        Case(input: "1e308 * 10", kind: .overflow, span: 0..<10, fragments: ["too large"]),
        Case(input: "10^400", kind: .overflow, span: 0..<6, fragments: ["too large"]),
        // Finite until shown: the scaling to the requested or automatic unit overflows
        // (found by `make fuzz`).
        Case(input: "9e306 -> %", kind: .overflow, span: 9..<10, fragments: ["too large to show in %"]),
        Case(input: "$1e307/h * 730", kind: .overflow, span: 0..<14, fragments: ["too large to show in $/"]),
        Case(input: "inf", kind: .invalidNumber, span: 0..<3, fragments: ["not a finite number"]),
        Case(input: "NaN", kind: .invalidNumber, span: 0..<3, fragments: ["not a finite number"]),
        Case(input: "99.9.9%", kind: .invalidNumber, span: 0..<6, fragments: ["'99.9.9'", "more than one decimal point"]),
        Case(input: "1__000", kind: .invalidNumber, span: 0..<6, fragments: ["'_'"]),
        Case(input: "5 mb", kind: .ambiguousUnit, span: 2..<4, fragments: ["'MB'", "'Mb'", "millibit"]),
        Case(input: "5 gb", kind: .ambiguousUnit, span: 2..<4, fragments: ["'GB'", "'Gb'"]),
        Case(input: "10 k", kind: .ambiguousUnit, span: 3..<4, fragments: ["'10k'"]),
        Case(input: "5 M", kind: .ambiguousUnit, span: 2..<3, fragments: ["'10M'"]),
        Case(input: "", kind: .emptyInput, span: 0..<0, fragments: ["empty"]),
        Case(input: "   ", kind: .emptyInput, span: 0..<3, fragments: ["empty"]),
        Case(input: "1 / 0", kind: .divisionByZero, span: 4..<5, fragments: ["division by zero", "'0'"]),
        Case(input: "10 GB / (5 s - 5 s)", kind: .divisionByZero, span: 8..<19, fragments: ["division by zero"]),
        Case(input: "0 ^ -1", kind: .divisionByZero, span: 0..<1, fragments: ["division by zero"]),
        Case(input: "1 GB -> s", kind: .dimensionMismatch, span: 8..<9, fragments: ["cannot convert information to time"]),
        Case(input: "5 s -> %", kind: .dimensionMismatch, span: 7..<8, fragments: ["percentage"]),
        Case(input: "(1 + 2", kind: .syntax, span: 0..<1, fragments: ["missing ')'"]),
        // An unclosed '(' is reported at the '(' even when a conversion follows it.
        Case(input: "(1.5 TB / 100 MB/s -> h", kind: .syntax, span: 0..<1, fragments: ["missing ')' to close this '('"]),
        Case(input: "2 * (3 + (4 -> s", kind: .syntax, span: 9..<10, fragments: ["missing ')'"]),
        // '/' works left to right: the error shows how it was read and the parentheses that fix it.
        Case(input: "1.5 TB / 100 MB/s -> h", kind: .dimensionMismatch, span: 9..<17,
             fragments: ["cannot convert a rate (1/time) to time", "read as '(1.5 TB / 100 MB)/s'", "did you mean '1.5 TB / (100 MB/s) -> h'?"]),
        Case(input: "1 + 2)", kind: .syntax, span: 5..<6, fragments: ["unmatched ')'"]),
        Case(input: "1 + ", kind: .syntax, span: 4..<4, fragments: ["ends too early", "'+'"]),
        Case(input: "5 3", kind: .syntax, span: 2..<3, fragments: ["expected an operator"]),
        Case(input: "1 GB to MB to KB", kind: .syntax, span: 11..<13, fragments: ["only one conversion"]),
        Case(input: "1 -> ", kind: .syntax, span: 5..<5, fragments: ["expected a unit after '->'"]),
        Case(input: "10 MB -> 5 MB", kind: .syntax, span: 9..<10, fragments: ["must be a unit"]),
        Case(input: "5 € ", kind: .syntax, span: 2..<3, fragments: ["unexpected character '€'"]),
        Case(input: "()", kind: .syntax, span: 0..<2, fragments: ["empty parentheses"]),
        Case(input: "2 ^ 0.5", kind: .syntax, span: 4..<7, fragments: ["whole-number exponents"]),
        Case(input: "2 ^ (1 s)", kind: .dimensionMismatch, span: 4..<9, fragments: ["exponent must be a plain number"]),
        Case(input: "5 s - 10 s", kind: .outOfRange, span: 0..<10, fragments: ["negative", "duration"]),
        Case(input: "-5 users", kind: .outOfRange, span: 0..<8, fragments: ["negative", "count"]),
        Case(input: "-1 GB", kind: .outOfRange, span: 0..<5, fragments: ["negative"]),
    ]

    @Test(arguments: cases)
    func refuses(_ testCase: Case) {
        guard case .failure(let error) = outcome(testCase.input) else {
            Issue.record("'\(testCase.input)' was accepted")
            return
        }
        #expect(error.kind == testCase.kind, "\(error)")
        #expect(error.span == testCase.span, "\(error)")
        #expect(error.input == testCase.input)
        for fragment in testCase.fragments {
            #expect(error.message.contains(fragment), "'\(error.message)' lacks '\(fragment)'")
        }
    }

    static let suggestions: [(String, String)] = [
        ("dya", "day"), ("gbps", "Gbps"), ("huor", "hour"), ("mintues", "minutes"), ("gigabye", "gigabyte"),
        ("yaer", "year"), ("GIB", "GiB"), ("reqeusts", "requests"), ("requets", "request"),
    ]

    @Test(arguments: suggestions)
    func suggestsTheClosestUnit(_ typo: String, _ expected: String) {
        guard case .failure(let error) = outcome("5 \(typo)") else {
            Issue.record("'\(typo)' was accepted")
            return
        }
        #expect(error.suggestion == expected, "\(error.message)")
        #expect(error.message.contains("did you mean '\(expected)'?"))
    }

    /// A short or all-capitals unknown word is more likely the name of what is counted
    /// than a typo of a unit: it never gets a unit with a dimension suggested, which
    /// would turn a count into a duration (`DAU` once suggested `day`).
    @Test(arguments: ["WAU", "dax", "CCU", "hrz", "QPM", "tenant", "tenants"])
    func neverSuggestsADimensionForACountLikeWord(_ word: String) throws {
        guard case .failure(let error) = outcome("500M \(word) * 20 / 86400") else {
            Issue.record("'\(word)' was accepted")
            return
        }
        #expect(error.kind == .unknownUnit)
        if let suggestion = error.suggestion {
            #expect(try Calculator().unit(suggestion).dimension == .none, "\(word) -> \(suggestion)")
        } else {
            #expect(error.message.contains("use a count word such as 'users'"))
        }
    }

    @Test func regroupingHintIsOnlyGivenWhenItWorks() {
        guard case .failure(let error) = outcome("10 GB / 2 / 5 s -> GB") else { Issue.record("accepted"); return }
        #expect(!error.message.contains("did you mean"))
        #expect(error.suggestion == nil)
        // Parentheses the user wrote are respected, not crossed.
        guard case .failure(let grouped) = outcome("(1.5 TB / 100 MB)/s -> h") else { Issue.record("accepted"); return }
        #expect(grouped.suggestion == nil)
        let fixed = outcome("1.5 TB / (100 MB/s) -> h")
        #expect((try? fixed.get().display) == "4.167 h")
    }

    @Test func spansCountUnicodeScalars() {
        // "µ" is one scalar (two UTF-8 bytes): the unknown word starts at scalar 5.
        guard case .failure(let error) = outcome("3 µs zzz") else { Issue.record("accepted"); return }
        #expect(error.span == 5..<8)
        #expect(error.spannedText == "zzz")
    }

    @Test func calculatorsRefuseBadOptionValues() {
        func failure(_ body: () throws -> CalculationReport) -> CapacityError? {
            do { _ = try body(); return nil } catch { return error as? CapacityError }
        }
        let negative = failure { try RequestRateEstimate(dailyActiveUsers: "-5", requestsPerUser: "10").report() }
        #expect(negative?.field == "dau")
        #expect(negative?.kind == .outOfRange)
        #expect(negative?.span == 0..<2)

        let lowPeak = failure { try RequestRateEstimate(dailyActiveUsers: "100M", requestsPerUser: "10", peakFactor: "0.5").report() }
        #expect(lowPeak?.field == "peak")
        #expect(lowPeak?.message.contains("at least 1") == true)

        let ratio = failure { try RequestRateEstimate(dailyActiveUsers: "1M", requestsPerUser: "1", readWriteRatio: "10:dya").report() }
        #expect(ratio?.field == "read-write")
        #expect(ratio?.span == 3..<6)     // inside the whole "10:dya"
        #expect(ratio?.input == "10:dya")

        let wrongSize = failure { try StorageEstimate(items: "10M/day", size: "2 s", retention: "5y").report() }
        #expect(wrongSize?.kind == .dimensionMismatch)
        #expect(wrongSize?.field == "size")
        #expect(wrongSize?.message.contains("information") == true)

        let plainItems = failure { try StorageEstimate(items: "10M", size: "2MB", retention: "5y").report() }
        #expect(plainItems?.message.contains("rate") == true)

        let zeroUtilization = failure { try ServerCountEstimate(requestRate: "30k", perServer: "2k", utilization: "0%").report() }
        #expect(zeroUtilization?.message.contains("above 0%") == true)

        let bareUtilization = failure { try ServerCountEstimate(requestRate: "30k", perServer: "2k", utilization: "70").report() }
        #expect(bareUtilization?.message.contains("70%") == true)

        let fractionalSpares = failure { try ServerCountEstimate(requestRate: "30k", perServer: "2k", spares: "1.5").report() }
        #expect(fractionalSpares?.message.contains("whole number") == true)

        let outside = failure { try AvailabilityEstimate(availability: "101%").report() }
        #expect(outside?.message.contains("between 0% and 100%") == true)

        let bare = failure { try AvailabilityEstimate(availability: "99.9").report() }
        #expect(bare?.message.contains("did you mean 99.9%?") == true)

        let negativeRetention = failure { try StorageEstimate(items: "10M/day", size: "2MB", retention: "-5y").report() }
        #expect(negativeRetention?.kind == .outOfRange)

        let noPrice = failure { try CostEstimate(instances: "3").report() }
        #expect(noPrice?.field == "instance-hourly")
    }
}
