/// Measuring and clipping text that may contain escape sequences (colour from `Style`):
/// the sequences take no columns on screen, so they must not count toward a width, and a
/// clip must never cut one in half.
public enum ANSIText {
    /// Display columns of `text`, skipping CSI sequences (SGR colours, cursor moves) and
    /// OSC sequences (titles, hyperlinks).
    public static func visibleWidth(_ text: String) -> Int {
        var columns = 0
        var scanner = EscapeScanner()
        for character in text where !scanner.consumes(character) {
            columns += TextLayout.width(of: character)
        }
        return columns
    }

    /// `text` without its escape sequences.
    public static func stripped(_ text: String) -> String {
        var result = ""
        var scanner = EscapeScanner()
        for character in text where !scanner.consumes(character) {
            result.append(character)
        }
        return result
    }

    /// Fits `text` into `columns` visible columns. When something is cut the line ends
    /// with "…", and with a style reset if the kept part opened any escape sequence, so a
    /// cut-off colour cannot bleed into the next line.
    public static func clip(_ text: String, to columns: Int) -> String {
        guard visibleWidth(text) > columns else { return text }
        guard columns > 0 else { return "" }
        var result = ""
        var used = 0
        var sawEscape = false
        var scanner = EscapeScanner()
        for character in text {
            if scanner.consumes(character) {
                sawEscape = true
                result.append(character)
                continue
            }
            let width = TextLayout.width(of: character)
            if used + width > columns - 1 { break }
            used += width
            result.append(character)
        }
        result += "…"
        if sawEscape { result += ControlSequence.resetStyle }
        return result
    }
}

/// Recognises escape sequences one character at a time. ESC is a grapheme of its own
/// (grapheme breaking always splits after a control), so walking `Character`s is enough.
struct EscapeScanner {
    private enum State { case text, afterEscape, controlSequence, operatingSystemCommand }
    private var state = State.text

    /// True when `character` belongs to an escape sequence (and so takes no columns).
    mutating func consumes(_ character: Character) -> Bool {
        let value = character.unicodeScalars.first?.value ?? 0
        switch state {
        case .text:
            guard value == 0x1B else { return false }
            state = .afterEscape
        case .afterEscape:
            switch character {
            case "[": state = .controlSequence
            case "]": state = .operatingSystemCommand
            default: state = .text  // two-character sequence such as ESC 7
            }
        case .controlSequence:
            // Parameter and intermediate bytes continue; a final byte 0x40...0x7E ends it.
            if (0x40...0x7E).contains(value) || !(0x20...0x3F).contains(value) { state = .text }
        case .operatingSystemCommand:
            // Ends with BEL, or with ST (ESC \), whose ESC starts the two-character form.
            if value == 0x07 { state = .text } else if value == 0x1B { state = .afterEscape }
        }
        return true
    }
}
