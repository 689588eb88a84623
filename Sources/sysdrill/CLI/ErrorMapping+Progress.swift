import Study
import Review
import Practice
import Progress
import Interop

// Exit codes for export and import: a missing or unreadable input file 66, a file that
// is not a valid progress export 65, an output that cannot be written 74.

extension ProgressError: ReportableError {
    var exitCode: Int32 {
        switch self {
        case .inputMissing, .inputUnreadable: return ExitCode.noInput
        case .malformedJSON, .invalidDocument: return ExitCode.dataError
        case .outputFailed: return ExitCode.ioError
        }
    }

    func message(verbose: Bool) -> String { description }

    var hint: String? {
        switch self {
        case .inputMissing: return "Check the path; 'sysdrill export --output FILE' writes such a file."
        case .malformedJSON(_, let error): return "Your database was not changed. " + error.likelyCause
        case .invalidDocument: return "Your database was not changed. Export the file again from the other machine, or fix the places listed."
        case .inputUnreadable, .outputFailed: return nil
        }
    }
}

extension InteropError: ReportableError {
    var exitCode: Int32 {
        switch self {
        case .badInput, .unsupported: return ExitCode.dataError
        case .unreadable: return ExitCode.ioError
        }
    }

    func message(verbose: Bool) -> String { description }

    var hint: String? {
        switch self {
        case .badInput, .unsupported: return "Your database was not changed."
        case .unreadable: return nil
        }
    }
}
