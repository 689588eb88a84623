// One error type for everything the calculator refuses. Each error points at the part of
// the input it is about, so the CLI can draw a caret under it and `--json` can report it.

/// Why an input was refused, with the span of the input it is about.
///
/// Spans are 0-based offsets in Unicode scalars (code points) of `input`, end exclusive;
/// for the ASCII input people type they are plain character offsets. An empty span marks
/// a position (for example "something is missing here").
public struct CapacityError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        case emptyInput = "empty_input"
        case syntax
        case invalidNumber = "invalid_number"
        case overflow
        case unknownUnit = "unknown_unit"
        case ambiguousUnit = "ambiguous_unit"
        case dimensionMismatch = "dimension_mismatch"
        case divisionByZero = "division_by_zero"
        case outOfRange = "out_of_range"
    }

    public let kind: Kind
    /// Lowercase, one sentence, says what to do when it can.
    public let message: String
    public let span: Range<Int>
    /// The text the span refers to.
    public var input: String
    /// Which named input the text came from (a calculator option such as "size"), if any.
    public var field: String?
    /// A replacement the user probably meant (a unit name, a number spelling).
    public let suggestion: String?

    public init(_ kind: Kind, _ message: String, span: Range<Int>, input: String = "", field: String? = nil, suggestion: String? = nil) {
        self.kind = kind
        self.message = message
        self.span = span
        self.input = input
        self.field = field
        self.suggestion = suggestion
    }

    public var description: String {
        let location = field.map { "--\($0) " } ?? ""
        return "\(location)\(span.lowerBound)..<\(span.upperBound): \(message)"
    }

    /// The offending text itself.
    public var spannedText: String {
        ScalarText.slice(input, span)
    }

    func with(input: String, field: String?) -> CapacityError {
        var copy = self
        copy.input = input
        copy.field = field
        return copy
    }

    /// The same error about a text that sits at `offset` inside a larger input.
    func shifted(by offset: Int, input: String) -> CapacityError {
        CapacityError(kind, message, span: (span.lowerBound + offset)..<(span.upperBound + offset),
                      input: input, field: field, suggestion: suggestion)
    }
}
