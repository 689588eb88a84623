/// The calculator as the practice modes call it. Until the Capacity module's calculator
/// is merged, expressions cannot be evaluated and say so.
public enum PracticeCalculation {
    public static func evaluate(_ text: String) -> CalculatorLine {
        CalculatorLine(input: text, result: nil, error: "the calculator is not available in this build")
    }
}
