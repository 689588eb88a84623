import Deck
import Study
import Review
import Practice
import Progress
import Terminal

/// What the interactive quiz shows, as a function of its state: pure, so layouts can be
/// tested at 80x24 and at 40 columns without a terminal.
struct QuizScreen {
    var mode: QuizMode = .mixed
    var number = 0
    var total = 0
    var question: QuizQuestion?
    var input = InputLine()
    /// The answer just given, shown until a key moves on.
    var outcome: QuizSession.Outcome?
    var correctSoFar = 0
    var message: String?
    /// Set at the end: the summary screen.
    var summary: QuizSession.Summary?
    var seed: UInt64 = 0

    func render(columns: Int, rows: Int, style: Style) -> (lines: [String], cursor: (row: Int, column: Int)?) {
        let width = max(20, columns)
        if let summary { return (summaryLines(summary, width: width, style: style), nil) }
        guard let question else { return ([style.bold("sysdrill quiz")], nil) }
        var lines: [String] = []
        let counter = "\(number)/\(total)"
        let title = "sysdrill quiz · \(mode.rawValue)"
        lines.append(style.bold(TextLayout.padRight(TextLayout.truncate(title, to: width - counter.count - 1), to: width - counter.count) + counter))
        let done = total == 0 ? 0 : (number - 1) * width / total
        lines.append(style.green(String(repeating: "█", count: done)) + style.dim(String(repeating: "░", count: width - done)))
        let answered = number - 1 + (outcome == nil ? 0 : 1)
        lines.append(style.dim(TextLayout.truncate("\(question.mode.rawValue) · score \(correctSoFar)/\(answered)", to: width)))
        lines.append("")
        for line in TextLayout.wrap(ControlCharacters.visible(question.prompt), columns: width - 2) { lines.append("  " + style.bold(line)) }
        lines.append("")
        var cursor: (row: Int, column: Int)?
        if question.mode == .choice {
            lines += optionLines(question, width: width, style: style)
        } else if let outcome {
            lines.append("  > " + outcome.given)
        } else {
            let field = input.rendered(prompt: "  > ", width: width)
            lines.append(field.line)
            cursor = (lines.count, field.cursorColumn)
        }
        if let outcome {
            lines.append("")
            for line in QuizReport.resultLines(outcome) where !(question.mode == .choice && line.hasPrefix("✗ wrong:")) {
                lines += Self.wrapKeepingIndent(line, width: width).map { colour($0, style: style) }
            }
            if question.mode == .choice && !outcome.correct { lines.append(style.red("✗ wrong")) }
        }
        var bottom: [String] = []
        if let message { bottom.append(style.yellow(TextLayout.truncate(message, to: width))) }
        bottom.append(style.dim(TextLayout.truncate(footer(question), to: width)))
        let gap = rows - lines.count - bottom.count
        if gap > 0 { lines += Array(repeating: "", count: gap) }
        if let row = cursor?.row, row > rows { cursor = nil }
        return (lines + bottom, cursor)
    }

    private func footer(_ question: QuizQuestion) -> String {
        if outcome != nil { return "Enter or Space: next · q quit" }
        if question.mode == .choice {
            let last = QuizQuestion.optionLetters[max(0, question.options.count - 1)]
            return "1-\(question.options.count) or a-\(last) to answer · q quit"
        }
        return "Enter answers (empty: don't know) · Ctrl-U clears · Esc quits"
    }

    /// The options, numbered; once answered, the right one is marked ✓ and a wrong
    /// choice ✗ (marks as well as colour, so nothing relies on colour alone).
    private func optionLines(_ question: QuizQuestion, width: Int, style: Style) -> [String] {
        var lines: [String] = []
        for (index, option) in question.options.enumerated() {
            var mark = "  "
            var paint: (String) -> String = { $0 }
            if let outcome {
                if index == question.answerIndex {
                    mark = "✓ "
                    paint = style.green
                } else if index == outcome.givenIndex {
                    mark = "✗ "
                    paint = style.red
                }
            }
            let label = "\(index + 1)) "
            let wrapped = TextLayout.wrap(ControlCharacters.visible(option), columns: width - 2 - label.count - mark.count)
            for (row, part) in wrapped.enumerated() {
                let lead = row == 0 ? mark + style.bold(label) : String(repeating: " ", count: mark.count + label.count)
                lines.append("  " + lead + paint(part))
            }
        }
        return lines
    }

    /// Wraps `line` to `width`, continuing its leading indentation on every row.
    static func wrapKeepingIndent(_ line: String, width: Int) -> [String] {
        let indent = String(line.prefix { $0 == " " })
        let body = String(line.dropFirst(indent.count))
        return TextLayout.wrap(body, columns: max(10, width - indent.count)).map { indent + $0 }
    }

    private func colour(_ line: String, style: Style) -> String {
        if line.hasPrefix("✓") { return style.green(line) }
        if line.hasPrefix("✗") { return style.red(line) }
        return line
    }

    private func summaryLines(_ summary: QuizSession.Summary, width: Int, style: Style) -> [String] {
        var lines = [style.bold("sysdrill quiz · done"), ""]
        for line in QuizReport.summaryText(summary, seed: seed).split(separator: "\n", omittingEmptySubsequences: false) {
            lines += Self.wrapKeepingIndent(String(line), width: width)
        }
        if let message { lines.append(style.yellow(message)) }
        let unsent = summary.missed.count - summary.requeued
        let footer = unsent > 0 ? "r: send the missed cards to today's review · Enter or q: done" : "Enter or q: done"
        lines.append(style.dim(TextLayout.truncate(footer, to: width)))
        return lines
    }
}
