import Study
import Capacity

/// How close an estimate is, by the usual back-of-envelope standard.
public struct EstimateGrade: Sendable, Equatable {
    public enum Verdict: String, Sendable {
        /// Within a factor of 1.25 either way.
        case good
        /// Within a factor of 2 either way.
        case pass
        /// Further off, or not the kind of quantity asked for.
        case miss
    }

    public let verdict: Verdict
    /// The answer as understood, in base units.
    public let given: Quantity
    /// The answer written in the expected unit (`30 PB`).
    public let givenDisplay: String
    /// given / expected (nil when the dimensions differ).
    public let ratio: Double?
    /// How the answer was read or why it missed ("35 taken as 35 PB").
    public let note: String?
    /// No answer was given ("don't know"): a miss, with the worked steps shown.
    public var skipped: Bool { givenDisplay.isEmpty }

    public var correct: Bool { verdict != .miss }
}

/// Reads a typed answer with the calculator and compares it with the expected quantity.
public enum EstimateGrader {
    public static let goodFactor = 1.25
    public static let passFactor = 2.0
    /// What an empty answer says.
    public static let dontKnowNote = "no answer (don't know): counted as a miss"

    public enum Failure: Error, Equatable {
        /// The calculator could not read the answer: ask again rather than count a miss.
        case unreadable(String)
    }

    /// `1,157 req/s` -> `1_157 req/s`: the calculator refuses commas (a decimal comma is
    /// too easy to misread), but an answer copied from a worked example has them, and
    /// commas that group exactly three digits can only be thousands separators.
    static func withoutThousandsCommas(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character == ",", index > 0, characters[index - 1].isNumber, index + 3 < characters.count,
               characters[(index + 1)...(index + 3)].allSatisfy(\.isNumber),
               index + 4 == characters.count || !characters[index + 4].isNumber {
                result.append("_")
            } else {
                result.append(character)
            }
        }
        return result
    }

    public static func grade(_ text: String, against question: EstimateQuestion,
                             calculator: Calculator = Calculator(calendar: .gregorian)) throws(Failure) -> EstimateGrade {
        try grade(text, expected: question.expected, unit: question.unit, calculator: calculator)
    }

    /// Grades `text` against `expected`; a bare number is read in `unit`, and the answer
    /// is shown in it.
    public static func grade(_ text: String, expected: Quantity, unit: DisplayUnit,
                             calculator: Calculator = Calculator(calendar: .gregorian)) throws(Failure) -> EstimateGrade {
        if text.allSatisfy(\.isWhitespace) {
            return EstimateGrade(verdict: .miss, given: Quantity(value: 0, dimension: expected.dimension), givenDisplay: "",
                                 ratio: nil, note: dontKnowNote)
        }
        let evaluation: Evaluation
        do {
            evaluation = try calculator.evaluate(withoutThousandsCommas(text))
        } catch {
            throw .unreadable(error.message)
        }
        var given = evaluation.quantity
        var note: String?
        if given.dimension == .none && expected.dimension != .none {
            // A bare number is read in the unit the answer is given in.
            given = Quantity(value: given.value * unit.factor, dimension: expected.dimension)
            note = "\(evaluation.display) taken as \(unit.text(of: given))"
        }
        guard given.dimension == expected.dimension else {
            return EstimateGrade(verdict: .miss, given: given, givenDisplay: evaluation.display, ratio: nil,
                                 note: "the question asks for \(expected.dimension), and '\(text)' is \(given.dimension)")
        }
        let comparison: EstimateComparison
        do {
            comparison = try calculator.compare(given, to: expected)
        } catch {
            return EstimateGrade(verdict: .miss, given: given, givenDisplay: evaluation.display, ratio: nil, note: error.message)
        }
        let verdict: EstimateGrade.Verdict = comparison.isWithin(factor: goodFactor) ? .good
            : comparison.isWithin(factor: passFactor) ? .pass : .miss
        return EstimateGrade(verdict: verdict, given: given, givenDisplay: unit.text(of: given),
                             ratio: comparison.ratio.isFinite ? comparison.ratio : nil, note: note)
    }
}
