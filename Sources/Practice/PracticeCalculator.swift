/// One line evaluated by the calculator: the drill's inline prompt and the estimation
/// drill's worked answers use it.
public struct CalculatorLine: Sendable, Equatable {
    public let input: String
    /// `1,157 req/s`, when the expression made sense.
    public let result: String?
    /// Why it did not (the calculator's own message).
    public let error: String?
    /// Conventions and readings worth knowing ("1 month = 30.436875 days").
    public let notes: [String]

    public init(input: String, result: String?, error: String?, notes: [String] = []) {
        self.input = input
        self.result = result
        self.error = error
        self.notes = notes
    }

    public var text: String {
        if let result { return ([input + " = " + result] + notes.map { "  " + $0 }).joined(separator: "\n") }
        return input + ": " + (error ?? "cannot evaluate")
    }
}
