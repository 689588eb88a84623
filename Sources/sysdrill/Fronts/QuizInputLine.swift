import Terminal

/// A one-line text field for the practice fronts: typed quiz answers, estimates and the
/// drill's inline calculator. Keys edit it; Enter hands the text over.
struct InputLine {
    enum Action: Equatable {
        case edited
        case submitted(String)
        case ignored
    }

    var text = ""

    mutating func handle(_ key: Key) -> Action {
        switch key {
        case .character(let character):
            // A pasted flood stops at the line reader's limit (an answer is a few words).
            guard text.utf8.count < LineReader.maximumLineLength else { return .ignored }
            text.append(character)
            return .edited
        case .backspace:
            if !text.isEmpty { text.removeLast() }
            return .edited
        case .control("u"):
            text = ""
            return .edited
        case .control("w"):
            // Delete the last word, as in a shell.
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " " { text.removeLast() }
            return .edited
        case .enter:
            let submitted = text
            text = ""
            return .submitted(submitted)
        default:
            return .ignored
        }
    }

    /// The field after `prompt`, scrolled so the end (where one types) stays visible in
    /// `width` columns; returns the line and the 1-based column of the cursor.
    func rendered(prompt: String, width: Int) -> (line: String, cursorColumn: Int) {
        let room = max(4, width - TextLayout.width(prompt) - 1)
        var shown = text
        if TextLayout.width(shown) > room {
            shown = "…" + String(shown.suffix(room - 1))
            while TextLayout.width(shown) > room { shown.remove(at: shown.index(after: shown.startIndex)) }
        }
        let line = prompt + shown
        return (line, min(width, TextLayout.width(line) + 1))
    }
}
