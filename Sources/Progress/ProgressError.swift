import Study
import JSONText

/// Why an export or import could not be done. The CLI maps each case to an exit code
/// (ErrorMapping+Progress.swift): missing input 66, bad input 65, output failures 74.
public enum ProgressError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The import file does not exist.
    case inputMissing(path: String)
    /// The import file exists but cannot be read (a folder, no permission).
    case inputUnreadable(path: String, reason: String)
    /// The import file is not JSON (for example cut off halfway).
    case malformedJSON(path: String, error: JSONParseError)
    /// The import file is JSON but not a valid progress export.
    case invalidDocument(path: String, problems: [ImportProblem])
    /// The export could not be written.
    case outputFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .inputMissing(let path):
            return "\(path): no such file"
        case .inputUnreadable(let path, let reason):
            return "\(path): cannot read it: \(reason)"
        case .malformedJSON(let path, let error):
            // Running out of input is what a file cut off while copying looks like.
            let hint = error.message.contains("end of input") || error.message.contains("unterminated") ? " (cut off while copying?)" : ""
            return "\(path):\(error.line):\(error.column): \(error.message); the file is not valid JSON\(hint), nothing was imported"
        case .invalidDocument(let path, let problems):
            let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
            return "\(path) is not a valid progress file (\(count)); nothing was imported:\n"
                + problems.map { "  " + $0.description }.joined(separator: "\n")
        case .outputFailed(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
