import Deck
import Scheduling
import Study
import Review
import Practice
import Progress
import Terminal
import Timekeeping

/// What the interactive review shows, as a function of its state: pure, so layouts can
/// be tested at 80x24 and narrower without a terminal.
struct ReviewScreen {
    var presented: ReviewSession.Presented?
    var revealed = false
    /// The card on screen is answered already (a new leech kept on screen): no grade keys.
    var answered = false
    var previews: [(rating: Rating, due: UnixTime, text: String)] = []
    /// With `answer-scale quality`: the interval after each grade 0-5.
    var qualityPreviews: [(quality: Quality, due: UnixTime, text: String)] = []
    var message: String?
    var showHelp = false
    var waitingText: String?
    var answerScale: AnswerScale = .buttons
    /// Whether `u` would undo something (shown in the footer on both sides of a card).
    var canUndo = false
    /// Lines scrolled down in a card too long for the terminal (Up/Down, j/k, PgUp/PgDn).
    var scroll = 0
    /// The estimate typed so far on a number card (nil on other cards).
    var typedField: String?
    /// After an estimate: the verdict and how it was read, and the grade proposed.
    var typedLines: [String] = []
    var proposed: Rating?

    static func helpLines(scale: AnswerScale) -> [String] {
        var lines = [
            "Keys",
            "  Space, Enter   show the answer",
        ]
        if scale == .buttons {
            lines.append("  1 2 3 4        again, hard, good, easy (recorded as quality 1, 3, 4, 5)")
        } else {
            lines.append("  0 - 5          SM-2 quality (0-2 again, 3 hard, 4 good, 5 easy)")
        }
        lines += [
            "  (number card)  type the estimate with its unit, Enter checks it (empty: don't know);",
            "                 then Space or Enter takes the grade proposed, or a grade key another",
            "  u              undo the last answer (also across cards)",
            "  s              skip: hide this card until tomorrow",
            "  !              flag this card, or unflag it ('sysdrill cards --flagged' lists them)",
            "  @              suspend: out of every queue until 'sysdrill card ID --unsuspend' (history kept; u undoes)",
            "  e              show where the card comes from (file:line)",
            "  j k, Up Down   scroll a card too long for the terminal (PgUp, PgDn by ten lines)",
            "  ?              this help",
            "  q, Ctrl-D      end the session (every answer is already saved)",
            "  Ctrl-C         end at once (every answer is already saved)",
            "",
            "Use 'sysdrill config set answer-scale quality' for SM-2's six grades 0-5.",
        ]
        return lines
    }

    func render(columns: Int, rows: Int, style: Style) -> [String] {
        layout(columns: columns, rows: rows, style: style).lines
    }

    /// The scroll position the screen really uses at this size (at most the last line of a
    /// long card in view), so that Up after many Downs moves at once.
    func scrollInUse(columns: Int, rows: Int) -> Int {
        layout(columns: columns, rows: rows, style: .plain).scroll
    }

    private func layout(columns: Int, rows: Int, style: Style) -> (lines: [String], scroll: Int) {
        let width = max(20, columns)
        var lines: [String] = []
        var scrollUsed = 0
        guard let presented else {
            // Between cards: waiting for a learning step, or done with an undo still possible.
            lines.append(style.bold("sysdrill review"))
            lines.append("")
            for line in TextLayout.wrap(waitingText ?? "", columns: width) { lines.append(line) }
            if let message {
                lines.append("")
                for line in TextLayout.wrap(message, columns: width) { lines.append(style.yellow(line)) }
            }
            return (lines, 0)
        }
        let card = presented.card
        let counter = "\(presented.position)/\(presented.total)"
        let title = "sysdrill · \(card.deck)"
        let header = TextLayout.padRight(TextLayout.truncate(title, to: width - counter.count - 1), to: width - counter.count) + counter
        lines.append(style.bold(header))
        let done = presented.total == 0 ? 0 : (presented.position - 1) * width / presented.total
        lines.append(style.green(String(repeating: "█", count: done)) + style.dim(String(repeating: "░", count: width - done)))
        let path = card.section.map(CardID.stripNumbering).joined(separator: " › ")
        var tags = [presented.state.phase.rawValue]
        if presented.leech { tags.append("leech") }
        if presented.flagged { tags.append("flagged") }
        lines.append(style.dim(TextLayout.truncate(path + "  [" + tags.joined(separator: " · ") + "]", to: width)))
        lines.append("")
        if showHelp {
            // Key descriptions wrap under their own column on narrow terminals.
            for line in Self.helpLines(scale: answerScale) {
                let keyColumn = line.hasPrefix("  ") ? 17 : 0
                let wrapped = TextLayout.wrap(String(line.dropFirst(keyColumn)), columns: width - keyColumn)
                for (index, part) in wrapped.enumerated() {
                    lines.append((index == 0 ? String(line.prefix(keyColumn)) : String(repeating: " ", count: keyColumn)) + part)
                }
            }
            lines += ["", style.dim("press any key to go back")]
            return (lines, 0)
        }
        var body: [String] = []
        for line in TextLayout.wrap(ControlCharacters.visible(card.front), columns: width - 2) { body.append("  " + style.bold(line)) }
        body.append("")
        var grades: [String] = []
        if revealed {
            body.append("  " + style.dim(String(repeating: "─", count: min(40, width - 4))))
            for line in TextLayout.wrap(ControlCharacters.visible(card.back), columns: width - 2) { body.append("  " + line) }
            body.append("")
            for line in typedLines {
                let coloured = line.hasPrefix("✓") ? style.green : line.hasPrefix("✗") ? style.red : style.dim
                for part in TextLayout.wrap(line, columns: width - 2) { body.append("  " + coloured(part)) }
            }
            if let proposed, !answered {
                let hint = TextLayout.width("  Space/Enter: \(proposed.name) (proposed; a grade key chooses another)") <= width
                    ? " (proposed; a grade key chooses another)" : ""
                body.append("  " + style.bold("Space/Enter: \(proposed.name)") + style.dim(hint))
            }
            if !typedLines.isEmpty { body.append("") }
            grades = answered
                ? [style.dim(TextLayout.truncate("  any key: next card · e source · ! flag · @ suspend · u undo", to: width))]
                : gradeLines(width: width, style: style)
        } else if let typedField {
            body.append("  ≈ " + ControlCharacters.visible(typedField) + "_")
            body.append(style.dim(TextLayout.truncate("  a number with its unit, Enter checks (empty: don't know) · Esc quits", to: width)))
        } else {
            body.append(style.dim("  Space or Enter to show the answer"))
        }
        var bottom: [String] = []
        // A message wraps (a new leech's news is long) rather than losing its end.
        for line in TextLayout.wrap(message ?? "", columns: width) where message != nil { bottom.append(style.yellow(line)) }
        bottom.append(style.dim(footer(width: width)))
        // A short terminal keeps the grade keys and the footer: the header gives way first
        // (blank line, section path, progress bar; the title with the counter stays),
        // then the card text, whose cut is marked.
        // Grade keys that would leave no line for the card shrink to one line of keys.
        if grades.count > 1, rows - grades.count - bottom.count < 2 {
            grades = [TextLayout.truncate(" " + (answerScale == .quality ? "0-5 grade" : "1 again 2 hard 3 good 4 easy"), to: width)]
        }
        let room = rows - grades.count - bottom.count
        while lines.count > 1 && lines.count + body.count > room { lines.removeLast() }
        if lines.count + body.count > room {
            // The card scrolls in the room left; a "more" line says which way there is more
            // (on a very short terminal the window alone moves, with no room for the marks).
            let bodyRoom = max(1, room - lines.count)
            body = body.filter { !$0.isEmpty }  // blank lines give way first
            let start = min(max(0, scroll), max(0, body.count - bodyRoom))
            scrollUsed = start
            var window = Array(body[start..<min(body.count, start + bodyRoom)])
            if bodyRoom >= 3 && window.count == bodyRoom {
                if start > 0 { window[0] = style.dim(TextLayout.truncate("  ↑ more (k, Up, PgUp)", to: width)) }
                if start + bodyRoom < body.count { window[bodyRoom - 1] = style.dim(TextLayout.truncate("  ↓ more (j, Down, PgDn)", to: width)) }
            }
            body = window
        }
        lines += body + grades
        let gap = rows - lines.count - bottom.count
        if gap > 0 { lines += Array(repeating: "", count: gap) }
        return (lines + bottom, scrollUsed)
    }

    /// The key hints, shortened to fit: narrow terminals get the keys alone.
    func footer(width: Int) -> String {
        var long = ["s skip", "e source", "? help", "q quit"]
        if canUndo { long.insert("u undo", at: 0) }
        let full = long.joined(separator: " · ")
        if TextLayout.width(full) <= width { return full }
        let keys = long.map { String($0.prefix(1)) }.joined(separator: " ") + "  (? help)"
        return TextLayout.truncate(keys, to: width)
    }

    private func gradeLines(width: Int, style: Style) -> [String] {
        if answerScale == .quality {
            let labels = ["0 blackout", "1 wrong", "2 wrong, familiar", "3 hard", "4 good", "5 easy"]
            return flow(labels.enumerated().map { index, label in
                let interval = qualityPreviews.first { $0.quality.rawValue == index }.map { " " + style.dim($0.text) } ?? ""
                return style.bold(String(label.prefix(1))) + String(label.dropFirst()) + interval
            }, width: width)
        }
        let colours: [Rating: (String) -> String] = [.again: style.red, .hard: style.yellow, .good: style.green, .easy: style.blue]
        let items = previews.map { preview -> String in
            let key = String(preview.rating.rawValue)
            return style.bold(key) + " " + (colours[preview.rating]?(preview.rating.name) ?? preview.rating.name) + " " + style.dim(preview.text)
        }
        return flow(items, width: width)
    }

    /// Puts items on as few lines as fit, two spaces apart (a narrow terminal gets more lines).
    private func flow(_ items: [String], width: Int) -> [String] {
        var lines: [String] = []
        var line = " "
        for item in items {
            let candidate = line + "  " + item
            if ANSIText.visibleWidth(candidate) > width && line != " " {
                lines.append(line)
                line = "   " + item
            } else {
                line = candidate
            }
        }
        lines.append(line)
        return lines
    }
}
