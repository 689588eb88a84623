import Practice

/// A rubric that cannot be read (a user deck's drill sub-bullets, or a built-in file):
/// bad input data, exit 65, with its file, line and column.
extension RubricError: ReportableError {
    var exitCode: Int32 { ExitCode.dataError }

    func message(verbose: Bool) -> String { description }

    var hint: String? {
        "A drill's parts are sub-bullets named Statement, Probes, Pitfalls, Reference, Anchors; see docs/practice.md."
    }
}
