import Testing
@testable import Capacity

/// `ceil`, `floor`, `round`, `min`, `max`, `sqrt`, `log2`, `log10`, `ln`: what they
/// return, in which unit, and what they refuse.
@Suite("functions")
struct FunctionTests {
    static func display(_ text: String) -> String? {
        try? Calculator().evaluate(text).display
    }

    @Test(arguments: [
        ("max(3 ms, 20 ms)", "20 ms"),
        ("min(3 ms, 20 ms)", "3 ms"),
        ("min(3 ms,20 ms)", "3 ms"),
        ("max(3,20)", "20"),
        ("max(1 GB, 600 MB, 2 GB)", "2 GB"),
        ("max(2 s, 1500 ms)", "2 s"),
        ("ceil(10.2 servers)", "11 servers"),
        ("floor(10.8 servers)", "10 servers"),
        ("round(2.5)", "3"),
        ("round(2.4)", "2"),
        ("ceil(3000.0000000000005)", "3,000"),
        ("ceil(2.5 PB / (4 TB/disk))", "625 disks"),
        ("sqrt(16 s^2)", "4 s"),
        ("sqrt(2)", "1.414"),
        ("log2(1024)", "10"),
        ("log2(1M)", "19.93"),
        ("ceil(log2(1M))", "20"),
        ("log10(1000)", "3"),
        ("floor(log10(12345))", "4"),
        ("ln(2.718281828459045)", "1"),
        ("ln(1e-300)", "-690.8"),
        ("5 min", "5 min"),
        ("2 max(1, 3) servers", "6 servers"),
    ])
    func evaluates(_ input: String, _ expected: String) {
        #expect(Self.display(input) == expected, "\(input)")
    }

    @Test func logarithmsAreAccurate() {
        // Reference values from a correctly rounded math library.
        #expect(isClose(MathFunction.naturalLog(10), 2.302585092994046, tolerance: 1e-15))
        #expect(isClose(MathFunction.naturalLog(3), 1.0986122886681098, tolerance: 1e-15))
        #expect(isClose(MathFunction.naturalLog(0.1), -2.3025850929940455, tolerance: 1e-15))
        #expect(isClose(MathFunction.naturalLog(86_400), 11.366742954792146, tolerance: 1e-15))
        #expect(isClose(MathFunction.naturalLog(1e-300), -690.7755278982137, tolerance: 1e-15))
        #expect(MathFunction.binaryLog(1_048_576) == 20)
        #expect(isClose(MathFunction.binaryLog(1e9), 29.897352853986263, tolerance: 1e-15))
    }

    @Test(arguments: [
        ("ceil(1.5 h)", CapacityError.Kind.dimensionMismatch, 5..<10, "ceil() works on plain numbers and counts"),
        ("max(1 GB, 2 s)", .dimensionMismatch, 10..<13, "'1 GB' is information, '2 s' is time"),
        ("sqrt(5 s)", .dimensionMismatch, 5..<8, "only squares"),
        ("sqrt(-4)", .outOfRange, 5..<7, "negative"),
        ("log2(0)", .outOfRange, 5..<6, "above zero"),
        ("ln(5 GB)", .dimensionMismatch, 3..<7, "plain number"),
        ("log(5)", .syntax, 0..<3, "log2(...), log10(...) or ln(...)"),
        ("sqrt 4", .syntax, 0..<4, "'sqrt(' with the '(' right after"),
        ("sqrt()", .syntax, 0..<6, "needs an argument"),
        ("ceil(1, 2)", .syntax, 0..<10, "takes one argument, got 2"),
        ("max(10,100)", .invalidNumber, 4..<10, "'10, 100' for two arguments or '10_100'"),
        ("max(1,000,000)", .invalidNumber, 4..<9, "ambiguous"),
        ("max(1 + 2", .syntax, 3..<4, "missing ')'"),
        ("1, 2", .syntax, 1..<2, "commas only separate a function's arguments"),
        ("max((1, 2))", .syntax, 6..<7, "commas only separate"),
    ])
    func refuses(_ input: String, _ kind: CapacityError.Kind, _ span: Range<Int>, _ fragment: String) {
        guard case .failure(let error) = outcome(input) else {
            Issue.record("'\(input)' was accepted")
            return
        }
        #expect(error.kind == kind, "\(input)")
        #expect(error.span == span, "\(input): \(error.span)")
        #expect(error.message.contains(fragment), "\(input): \(error.message)")
    }
}
