import Capacity

/// Calculator errors that escape a command (the calc commands render their own, with a
/// caret) still map to "bad input data": exit 65, with the input and span as a hint.
extension CapacityError: ReportableError {
    var exitCode: Int32 { ExitCode.dataError }

    func message(verbose: Bool) -> String {
        message
    }

    var hint: String? {
        guard !input.isEmpty else { return nil }
        let location = field.map { " in --\($0)" } ?? ""
        return "at characters \(span.lowerBound)..<\(span.upperBound) of '\(input)'\(location)"
    }
}
