import Study
import Capacity
import Deck
import Scheduling
import JSONText

/// A typed answer to a number card (`CardKind.number`), graded by the estimate grader
/// against the card's accepted values, with the review grade it suggests.
public struct NumberAnswer: Sendable {
    public let grade: EstimateGrade
    /// The accepted value the answer was closest to (`500 µs`).
    public let target: String
    /// The grade proposed for the review (the learner may choose another).
    public let proposed: Rating

    /// Within 5%: the figure is known (easy). The estimate grader's 25% and 2x follow.
    public static let easyFactor = 1.05

    /// `✓ good: within 25% of 500 µs (3.7% too high)`, `✗ miss: expected 500 µs (20x too low)`.
    public var verdictLine: String {
        let off = grade.ratio.map { " (" + EstimateReport.ratioText($0) + ")" } ?? ""
        let given = grade.skipped ? "" : "  you said \(givenText)"
        switch grade.verdict {
        case .good: return "✓ good: within 25% of \(target)\(off)\(given)"
        case .pass: return "✓ pass: within 2x of \(target)\(off)\(given)"
        case .miss: return "✗ miss: expected \(target)\(off)\(given)"
        }
    }

    /// The answer as the table would write it: a duration in the unit that reads best
    /// (`400 µs`, not `400,000 ns`), anything else in the card's unit.
    var givenText: String {
        grade.given.dimension == .time && grade.ratio != nil ? ReferenceNumbers.latencyText(grade.given.value) : grade.givenDisplay
    }

    /// The lines shown after the answer: the verdict, how the answer was read, the grade proposed.
    public var lines: [String] {
        var lines = [verdictLine]
        if let note = grade.note { lines.append("  " + note) }
        return lines
    }

    /// The grade as JSON fields: `verdict`, `expected`, `given_value`, `ratio`, `note`.
    public var fields: JSONObject {
        var fields: JSONObject = ["verdict": .string(grade.verdict.rawValue), "correct": .bool(grade.correct), "expected": .string(target)]
        fields.set("given_value", grade.skipped ? .null : .string(givenText))
        fields.set("ratio", JSONValue(grade.ratio.map { NumberText.rounded($0) }))
        fields.set("note", JSONValue(grade.note))
        return fields
    }

    /// Within 5% easy, within 25% good, within 2x hard, otherwise (or no answer) again.
    public static func proposedRating(for grade: EstimateGrade) -> Rating {
        guard let ratio = grade.ratio, grade.verdict != .miss else { return .again }
        let factor = ratio >= 1 ? ratio : 1 / ratio
        if factor <= easyFactor { return .easy }
        return grade.verdict == .good ? .good : .hard
    }

    /// Grades `text` against the accepted values of `card` (its `items`: the classic figure
    /// and the 2020 one where both exist); the closest one counts. Nil for a card that is
    /// not a number card. An answer the calculator cannot read throws, to be asked again.
    public static func grade(_ text: String, card: Card,
                             calculator: Calculator = Calculator(calendar: .gregorian)) throws(EstimateGrader.Failure) -> NumberAnswer? {
        guard card.kind == .number else { return nil }
        var best: (grade: EstimateGrade, target: String)?
        for accepted in card.items {
            // Values are written as the table shows them (`2,000 ops/s`).
            guard let expected = try? calculator.evaluate(EstimateGrader.withoutThousandsCommas(accepted)) else { continue }
            let grade = try EstimateGrader.grade(text, expected: expected.quantity, unit: expected.unit, calculator: calculator)
            if let current = best, distance(current.grade) <= distance(grade) { continue }
            best = (grade, accepted)
        }
        guard let best else { return nil }
        return NumberAnswer(grade: best.grade, target: best.target, proposed: proposedRating(for: best.grade))
    }

    /// How far off, as a factor of at least 1 (infinite when not comparable).
    static func distance(_ grade: EstimateGrade) -> Double {
        guard let ratio = grade.ratio, ratio > 0 else { return .infinity }
        return ratio >= 1 ? ratio : 1 / ratio
    }
}
