import Study
import JSONText
import Timekeeping

/// One thing wrong with an import file: where (a JSON path such as `$.reviews[3].grade`)
/// and what was expected.
public struct ImportProblem: Hashable, Sendable, CustomStringConvertible {
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}

/// Every problem found in a file; thrown only when there is at least one.
public struct ImportProblems: Error, Equatable, Sendable {
    public let problems: [ImportProblem]

    public init(_ problems: [ImportProblem]) {
        self.problems = problems
    }
}

/// Collects problems while reading a JSON document, so one pass reports all of them.
/// Each reader returns nil (after noting the problem) when the value does not fit.
struct JSONChecker {
    private(set) var problems: [ImportProblem] = []

    mutating func report(_ path: @autoclosure () -> String, _ message: String) {
        problems.append(ImportProblem(path: path(), message: message))
    }

    /// `expected ..., got ...`, or `missing` when the key is absent.
    mutating func mismatch(_ value: JSONValue?, _ path: @autoclosure () -> String, expected: String) {
        if let value {
            report(path(), "expected \(expected), got \(Self.describe(value))")
        } else {
            report(path(), "missing; expected \(expected)")
        }
    }

    mutating func object(_ value: JSONValue?, _ path: @autoclosure () -> String) -> JSONObject? {
        guard let object = value?.objectValue else { mismatch(value, path(), expected: "an object"); return nil }
        return object
    }

    mutating func array(_ value: JSONValue?, _ path: @autoclosure () -> String, of what: String) -> [JSONValue]? {
        guard let array = value?.arrayValue else { mismatch(value, path(), expected: "an array of \(what)"); return nil }
        return array
    }

    mutating func string(_ value: JSONValue?, _ path: @autoclosure () -> String, nonEmpty: Bool = false) -> String? {
        guard let text = value?.stringValue, !nonEmpty || !text.isEmpty else {
            mismatch(value, path(), expected: nonEmpty ? "a non-empty string" : "a string")
            return nil
        }
        // U+0000 is refused rather than stored (issue 17). The database binds text as C
        // strings, which end at the first NUL, so it was cut off silently and export ->
        // import -> export lost the rest; no text sysdrill writes (decks, answers) holds
        // one, so a file that does is damaged or made by hand. JSON can only carry it
        // escaped (`\u0000`), which the byte scanners never accept, so the general reader
        // always sees it and reports it here.
        guard !text.utf8.contains(0) else {
            report(path(), "text holds U+0000 (a NUL character, written \\u0000), which sysdrill cannot store")
            return nil
        }
        return text
    }

    mutating func bool(_ value: JSONValue?, _ path: @autoclosure () -> String) -> Bool? {
        guard let flag = value?.boolValue else { mismatch(value, path(), expected: "true or false"); return nil }
        return flag
    }

    /// A whole number within `range` (JSON has one number type, so 4.0 counts as 4).
    mutating func integer(_ value: JSONValue?, _ path: @autoclosure () -> String, in range: ClosedRange<Int64>) -> Int64? {
        guard let number = value?.integerValue, range.contains(number) else {
            mismatch(value, path(), expected: "an integer " + Self.describe(range))
            return nil
        }
        return number
    }

    mutating func number(_ value: JSONValue?, _ path: @autoclosure () -> String, in range: ClosedRange<Double>) -> Double? {
        guard let number = value?.doubleValue, number.isFinite, range.contains(number) else {
            mismatch(value, path(), expected: "a number from \(JSONValue.number(range.lowerBound).serialized()) to \(JSONValue.number(range.upperBound).serialized())")
            return nil
        }
        return number
    }

    mutating func choice(_ value: JSONValue?, _ path: @autoclosure () -> String, from allowed: [String]) -> String? {
        guard let text = value?.stringValue, allowed.contains(text) else {
            mismatch(value, path(), expected: "one of " + allowed.map { "\"\($0)\"" }.joined(separator: ", "))
            return nil
        }
        return text
    }

    /// An ISO 8601 instant with a zone, e.g. 2026-11-25T09:00:00Z.
    mutating func time(_ value: JSONValue?, _ path: @autoclosure () -> String) -> UnixTime? {
        guard let text = value?.stringValue, let time = ISO8601.parse(text) else {
            mismatch(value, path(), expected: "an ISO 8601 time such as \"2026-11-25T09:00:00Z\"")
            return nil
        }
        return time
    }

    /// A time of something that happened (a review, a rename, a mark, an answer, a drill):
    /// as `time`, and before the year 9000 (`ImportLimits.latestEventTime`).
    mutating func eventTime(_ value: JSONValue?, _ path: @autoclosure () -> String) -> UnixTime? {
        guard let time = time(value, path()) else { return nil }
        guard time <= ImportLimits.latestEventTime else {
            report(path(), "\(ISO8601.format(time)) is after the year 8999; expected the time of a real event")
            return nil
        }
        return time
    }

    /// The value as an error message shows it: short, and typed.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .array: return "an array"
        case .object: return "an object"
        case .string(let text):
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return JSONValue.string(shown).serialized()
        default: return value.serialized()
        }
    }

    static func describe(_ range: ClosedRange<Int64>) -> String {
        if range.upperBound == .max { return ">= \(range.lowerBound)" }
        return "\(range.lowerBound)-\(range.upperBound)"
    }
}
