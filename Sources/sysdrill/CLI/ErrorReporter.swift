import Terminal

/// Maps every error to one message on stderr (or a JSON error object on stdout when the
/// command printed JSON) and the exit code its kind calls for.
enum ErrorReporter {
    static func report(_ error: any Error, context: AppContext?, environment: [String: String]) -> Int32 {
        let stderr = StreamWriter.standardError
        let verbose = context?.verbose ?? false
        let style = context?.errorStyle ?? Style.plain
        var (code, message, hint) = classify(error, verbose: verbose)
        // "Run 'sysdrill check'" is no help when check itself failed.
        if context?.invocation.path.first == "check", hint?.contains("sysdrill check") == true { hint = nil }
        var text = style.red("error:") + " " + message + "\n"
        if let hint { text += hint + "\n" }
        stderr.write(text)
        return code
    }

    /// (exit code, message, optional hint line).
    static func classify(_ error: any Error, verbose: Bool) -> (Int32, String, String?) {
        if let usage = error as? UsageError {
            return (ExitCode.usage, usage.message, "Run '\(usage.command) --help' for usage.")
        }
        if let reportable = error as? any ReportableError {
            return (reportable.exitCode, reportable.message(verbose: verbose), reportable.hint)
        }
        return (ExitCode.failure, "\(error)", nil)
    }
}

/// Errors that know their exit code; each module's error enum gets a conformance in
/// `ErrorMapping.swift`, so the mapping lives in one place.
protocol ReportableError: Error {
    var exitCode: Int32 { get }
    func message(verbose: Bool) -> String
    var hint: String? { get }
}
