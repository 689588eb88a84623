import Study
import Review
import Practice
import Progress
import Terminal

/// What the interactive estimation drill shows: pure, testable at any size.
struct EstimateScreen {
    var number = 0
    var total = 0
    var question: EstimateQuestion?
    var input = InputLine()
    var outcome: EstimateSession.Outcome?
    var message: String?
    /// Set at the end.
    var summary: String?

    func render(columns: Int, rows: Int, style: Style) -> (lines: [String], cursor: (row: Int, column: Int)?) {
        let width = max(20, columns)
        if let summary {
            var lines = [style.bold("sysdrill estimate · done"), ""]
            lines += TextLayout.wrap(summary, columns: width)
            lines += ["", style.dim("any key: done")]
            return (lines, nil)
        }
        guard let question else { return ([style.bold("sysdrill estimate")], nil) }
        let counter = "\(number)/\(total)"
        let title = "sysdrill estimate · \(question.kind.rawValue)"
        var lines = [style.bold(TextLayout.padRight(TextLayout.truncate(title, to: width - counter.count - 1), to: width - counter.count) + counter), ""]
        for line in TextLayout.wrap(question.prompt, columns: width - 2) { lines.append("  " + style.bold(line)) }
        lines.append("")
        var cursor: (row: Int, column: Int)?
        if let outcome {
            lines.append("  > " + outcome.given)
            lines.append("")
            for line in EstimateReport.resultLines(outcome) {
                let indent = String(line.prefix { $0 == " " })
                let wrapped = TextLayout.wrap(String(line.dropFirst(indent.count)), columns: max(10, width - indent.count)).map { indent + $0 }
                lines += wrapped.map { $0.hasPrefix("✓") ? style.green($0) : ($0.hasPrefix("✗") ? style.red($0) : $0) }
            }
        } else {
            let field = input.rendered(prompt: "  > ", width: width)
            lines.append(field.line)
            cursor = (lines.count, field.cursorColumn)
        }
        var bottom: [String] = []
        if let message { bottom += TextLayout.wrap(message, columns: width).map(style.yellow) }
        let footer = outcome == nil ? "a number with a unit (35 PB, 1200 req/s) · Enter answers (empty: don't know) · Esc quits" : "Enter or Space: next · q quit"
        bottom.append(style.dim(TextLayout.truncate(footer, to: width)))
        let gap = rows - lines.count - bottom.count
        if gap > 0 { lines += Array(repeating: "", count: gap) }
        if let row = cursor?.row, row > rows { cursor = nil }
        return (lines + bottom, cursor)
    }
}
