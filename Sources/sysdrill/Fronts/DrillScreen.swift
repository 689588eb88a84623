import Study
import Review
import Practice
import Progress
import Terminal

/// What the interactive drill shows: pure, so layouts can be tested at 80x24 and at 40
/// columns without a terminal.
struct DrillScreen {
    enum Stage: Equatable {
        /// Choose an exercise (no NAME given).
        case menu
        /// A saved drill of this exercise exists: continue it?
        case resume(String)
        case phase
        case scoring
        /// After scoring: mark the reference points covered.
        case reference
        case done
    }

    var stage: Stage = .phase
    var exercises: [DrillExercise] = []
    /// Numbers of the exercises due now (marked "due" in the menu).
    var due: Set<Int> = []
    var selected = 0
    var name = ""
    var plan = DrillPlan(minutes: 45)
    var phaseIndex = 0
    var elapsed: Int64 = 0
    /// Checklist items the user ticked in this phase (keys 1-9).
    var checked: Set<Int> = []
    var calculatorOpen = false
    var input = InputLine()
    var calculatorLines: [String] = []
    var scores: [Int] = []
    var total: Double?
    var message: String?
    /// The last schedule warning (`⏰ … time for estimates`) and the phase it came in: it
    /// shows until that phase ends, then it is stale and goes.
    var warning: (text: String, phase: Int)?
    /// The exercise's rubric (nil: the generic checklist only).
    var rubric: DrillRubric?
    /// The statement is shown in the first two phases, and in any phase after `s`.
    var statementShown = true
    /// The probe on screen in the deep dive: its number and count (nil: none left).
    var probe: (number: Int, total: Int, text: String)?
    /// The note field of the current probe is open (`w`).
    var noteOpen = false
    /// Reference points marked covered (0-based) and the one under the cursor.
    var covered: Set<Int> = []
    var referenceCursor = 0
    /// "Covered 3 of 8 ..." once marked.
    var coverageLine: String?

    func render(columns: Int, rows: Int, style: Style) -> (lines: [String], cursor: (row: Int, column: Int)?) {
        let width = max(20, columns)
        switch stage {
        case .menu: return (menuLines(width: width, style: style), nil)
        case .resume(let text):
            var lines = [style.bold("sysdrill drill · \(name)"), ""]
            lines += TextLayout.wrap(text, columns: width)
            lines += ["", style.dim("y or Enter: resume · n: start over · q: quit")]
            return (lines, nil)
        case .phase: return phaseLines(width: width, rows: rows, style: style)
        case .scoring: return (scoringLines(width: width, style: style), nil)
        case .reference: return (referenceLines(width: width, rows: rows, style: style), nil)
        case .done:
            // The scores table is left out when the pitfalls would not fit under it.
            let after = afterLines(width: width, style: style) + ["", style.dim("any key: done")]
            let table = scoringLines(width: width, style: style)
            if table.count + after.count <= rows { return (table + after, nil) }
            let total = total.map { style.bold("Total \(DrillReport.format($0))/100") + " · saved" } ?? ""
            return ([style.bold(TextLayout.truncate("sysdrill drill · \(name)", to: width)), total] + after, nil)
        }
    }

    // MARK: Menu

    private func menuLines(width: Int, style: Style) -> [String] {
        var lines = [style.bold("sysdrill drill · choose an exercise"), ""]
        var group = ""
        for (index, exercise) in exercises.enumerated() {
            if exercise.group != group {
                group = exercise.group
                lines.append(style.dim(TextLayout.truncate(group, to: width)))
            }
            let marker = index == selected ? "›" : " "
            let line = "\(marker) \(exercise.number)) \(exercise.name)" + (due.contains(exercise.number) ? " · due" : "")
            lines.append(index == selected ? style.bold(TextLayout.truncate(line, to: width)) : TextLayout.truncate(line, to: width))
        }
        lines += ["", style.dim(TextLayout.truncate("↑↓ or a number, Enter starts · q quit", to: width))]
        return lines
    }

    // MARK: Phase

    private func phaseLines(width: Int, rows: Int, style: Style) -> (lines: [String], cursor: (row: Int, column: Int)?) {
        guard phaseIndex < plan.phases.count else { return ([], nil) }
        let phase = plan.phases[phaseIndex]
        var lines: [String] = []
        let timer = "\(DrillPlan.clockText(elapsed)) / \(DrillPlan.clockText(plan.totalSeconds))"
        let title = "sysdrill drill · \(name)"
        lines.append(style.bold(TextLayout.padRight(TextLayout.truncate(title, to: width - timer.count - 1), to: width - timer.count) + timer))
        lines.append(phaseBar(width: width, style: style))
        let window = "\(DrillPlan.clockText(phase.start))-\(DrillPlan.clockText(phase.end))"
        let heading = "\(phaseIndex + 1)/\(plan.phases.count) \(phase.part.title) (\(window))"
        let over = max(0, elapsed - phase.end)
        lines.append("")
        lines.append(style.bold(TextLayout.truncate(heading, to: width)))
        if over > 0 { lines.append(style.red(TextLayout.truncate("over by \(DrillPlan.clockText(over)): time to move on", to: width))) }
        if statementShown, let statement = rubric?.statement, !statement.isEmpty {
            lines.append(style.dim("Statement:"))
            for line in statement { lines += TextLayout.wrap(line, columns: width - 2).map { "  " + $0 } }
        }
        if phase.part == .deepDives, let probe {
            lines.append(style.bold(TextLayout.truncate("Probe \(probe.number)/\(probe.total):", to: width)))
            lines += TextLayout.wrap(probe.text, columns: width - 2).map { "  " + $0 }
        } else if phase.part == .deepDives, let count = rubric?.probes.count, count > 0 {
            lines.append(style.dim(TextLayout.truncate("All \(count) probes asked.", to: width)))
        }
        lines.append(style.dim(TextLayout.truncate("A strong answer covers:", to: width)))
        for (index, item) in phase.checklist.enumerated() {
            let box = checked.contains(index) ? style.green("✓") : "·"
            let label = index < 9 ? "\(index + 1)" : " "
            let wrapped = TextLayout.wrap(item, columns: width - 6)
            for (row, part) in wrapped.enumerated() {
                lines.append(row == 0 ? "  \(box) \(style.dim(label)) \(part)" : "      \(part)")
            }
        }
        var cursor: (row: Int, column: Int)?
        if calculatorOpen || !calculatorLines.isEmpty {
            lines.append("")
            for line in calculatorLines.suffix(4) { lines += TextLayout.wrap(line, columns: width - 2).map { "  " + $0 } }
        }
        if calculatorOpen || noteOpen {
            let field = input.rendered(prompt: calculatorOpen ? "  calc> " : "  note> ", width: width)
            lines.append(field.line)
            cursor = (lines.count, field.cursorColumn)
        }
        var bottom: [String] = []
        if let warning, warning.phase == phaseIndex { bottom.append(style.yellow(TextLayout.truncate(warning.text, to: width))) }
        if let message { bottom.append(style.yellow(TextLayout.truncate(message, to: width))) }
        let footer: String
        if calculatorOpen {
            footer = "Enter evaluates (40M * 25 / day -> req/s, or rps --dau 40M --per-user 25) · Esc closes"
        } else if noteOpen {
            footer = probe != nil && phase.part == .deepDives ? "Enter keeps the note and shows the next probe · Esc closes"
                : "Enter keeps the note for this phase · Esc closes"
        } else {
            let probeKeys = phase.part == .deepDives && probe != nil ? " · p probe · w note" : " · w note"
            let statementKey = rubric?.statement.isEmpty == false ? " · s statement" : ""
            footer = "Enter/n next · 1-9 tick" + (phase.part == .estimates ? " · c calculator" : "") + probeKeys + statementKey + " · q save and quit"
        }
        bottom.append(style.dim(TextLayout.truncate(footer, to: width)))
        let gap = rows - lines.count - bottom.count
        if gap > 0 { lines += Array(repeating: "", count: gap) }
        if let row = cursor?.row, row > rows { cursor = nil }
        return (lines + bottom, cursor)
    }

    /// One segment per phase, as wide as its share of the time: done ones filled, the
    /// current one marked, the clock's position shown by where the fill ends.
    private func phaseBar(width: Int, style: Style) -> String {
        let total = max(1, plan.totalSeconds)
        var bar = ""
        var used = 0
        for (index, phase) in plan.phases.enumerated() {
            let end = index == plan.phases.count - 1 ? width : Int(phase.end * Int64(width) / total)
            let cells = max(1, end - used)
            used += cells
            let filledCells = min(cells, max(0, Int((elapsed - phase.start) * Int64(width) / total)))
            let glyph: Character = index < phaseIndex ? "█" : (index == phaseIndex ? "▓" : "░")
            let filled = String(repeating: glyph == "░" ? "▒" : glyph, count: index < phaseIndex ? cells : filledCells)
            let rest = String(repeating: "░", count: cells - filled.count)
            bar += index == phaseIndex ? style.yellow(filled) + style.dim(rest) : (index < phaseIndex ? style.green(filled) : style.dim(filled + rest))
        }
        return bar
    }

    // MARK: Scoring

    private func scoringLines(width: Int, style: Style) -> [String] {
        var lines = [style.bold(TextLayout.truncate("sysdrill drill · \(name) · score yourself", to: width)), ""]
        lines += TextLayout.wrap("0 missing · 1 weak · 2 solid · 3 strong", columns: width).map(style.dim)
        lines.append("")
        for (index, part) in DrillScoring.parts.enumerated() {
            let score = index < scores.count ? "\(scores[index])/3" : (index == scores.count && stage == .scoring ? "›" : "")
            let line = TextLayout.padRight(TextLayout.truncate(part.title, to: width - 12), to: width - 12)
                + TextLayout.padLeft("w\(part.weight)", to: 4) + TextLayout.padLeft(score, to: 6)
            lines.append(index == scores.count && stage == .scoring ? style.bold(line) : line)
        }
        lines.append("")
        if stage == .scoring, scores.count < DrillScoring.parts.count, let anchors = rubric?.anchors(for: DrillScoring.parts[scores.count]) {
            for (score, text) in anchors.enumerated() {
                let wrapped = TextLayout.wrap(text, columns: width - 4)
                for (row, part) in wrapped.enumerated() { lines.append(row == 0 ? "  \(score) " + part : "    " + part) }
            }
            lines.append("")
        }
        if let total {
            lines.append(style.bold("Total \(DrillReport.format(total))/100") + " · saved")
        } else {
            if let message { lines.append(style.yellow(TextLayout.truncate(message, to: width))) }
            let keys = scores.count == DrillScoring.parts.count
                ? "Enter saves these scores · b changes the last · q save and quit"
                : "0-3 scores the marked part" + (scores.isEmpty ? "" : " · b back one part") + " · q save and quit"
            lines.append(style.dim(TextLayout.truncate(keys, to: width)))
        }
        return lines
    }

    // MARK: Reference

    private func referenceLines(width: Int, rows: Int, style: Style) -> [String] {
        var lines = [style.bold(TextLayout.truncate("sysdrill drill · \(name) · reference outline", to: width)), ""]
        lines += TextLayout.wrap("Which of these points did you cover?", columns: width).map(style.dim)
        for (index, point) in (rubric?.reference ?? []).enumerated() {
            let box = covered.contains(index) ? style.green("✓") : "·"
            let marker = index == referenceCursor ? "›" : " "
            let label = index < 9 ? "\(index + 1)" : " "
            let wrapped = TextLayout.wrap(point, columns: width - 8)
            for (row, part) in wrapped.enumerated() {
                let line = row == 0 ? "\(marker) \(box) \(style.dim(label)) \(part)" : "        \(part)"
                lines.append(index == referenceCursor && row == 0 ? style.bold(line) : line)
            }
        }
        lines += ["", style.dim(TextLayout.truncate("1-9 or ↑↓ and Space tick · Enter saves · q skip", to: width))]
        return lines
    }

    /// Under the final scores: the coverage and the pitfalls.
    private func afterLines(width: Int, style: Style) -> [String] {
        var lines: [String] = []
        if let coverageLine { lines += ["", coverageLine] }
        if let pitfalls = rubric?.pitfalls, !pitfalls.isEmpty {
            lines += ["", style.bold("Common pitfalls")]
            for pitfall in pitfalls {
                let wrapped = TextLayout.wrap(pitfall, columns: width - 4)
                for (row, part) in wrapped.enumerated() { lines.append(row == 0 ? "  - " + part : "    " + part) }
            }
        }
        return lines
    }
}
