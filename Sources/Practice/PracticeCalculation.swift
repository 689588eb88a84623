import Study
import Capacity

/// The calculator as the practice modes call it: one expression in, one line out (the
/// drill's inline prompt and its `= EXPR` lines).
public enum PracticeCalculation {
    public static func evaluate(_ text: String) -> CalculatorLine {
        do {
            let evaluation = try Calculator(calendar: .gregorian).evaluate(text)
            return CalculatorLine(input: text, result: evaluation.display, error: nil,
                                  notes: evaluation.conventions + evaluation.notes)
        } catch {
            return CalculatorLine(input: text, result: nil, error: error.message)
        }
    }
}
