/// One screenful, built as lines and rendered to a single string so the whole frame goes
/// out in one write(2): no flicker, and no half-drawn frame if we are interrupted.
///
/// Rendering never lets a line wrap or the screen scroll: lines are clipped to `columns`
/// (escape sequences do not count), rows past `rows` are dropped. Wrapping text to the
/// width is the caller's job (`TextLayout.wrap`); clipping is the safety net.
public struct Frame: Sendable {
    public let columns: Int
    public let rows: Int
    public private(set) var lines: [String] = []
    /// Where to leave a visible cursor (1-based), e.g. at the end of a typed answer;
    /// nil keeps it hidden.
    public var cursor: (row: Int, column: Int)?

    public init(columns: Int, rows: Int) {
        self.columns = max(1, columns)
        self.rows = max(1, rows)
    }

    /// Rows still free.
    public var remainingRows: Int { max(0, rows - lines.count) }

    /// Adds a line; embedded newlines start new lines.
    public mutating func append(_ line: String = "") {
        for part in line.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(String(part))
        }
    }

    public mutating func append(contentsOf newLines: [String]) {
        for line in newLines { append(line) }
    }

    /// The bytes to write: hide the cursor, then for each row go to its start, erase it and
    /// draw it; erase everything below; finally place the cursor if asked. Each row is erased
    /// before it is drawn, not after: a row that fills the last column leaves the cursor in
    /// the terminal's pending-wrap state, where "erase to end of line" would eat the last
    /// character.
    public func rendered() -> String {
        var output = ControlSequence.hideCursor + ControlSequence.cursorHome
        let visible = lines.prefix(rows)
        for (index, line) in visible.enumerated() {
            if index > 0 { output += "\r\n" }
            output += ControlSequence.eraseToLineEnd
            output += ANSIText.clip(Self.printable(line), to: columns)
        }
        if visible.isEmpty {
            output += ControlSequence.eraseBelow
        } else if visible.count < rows {
            output += "\r\n" + ControlSequence.eraseBelow
        }
        if let cursor {
            output += ControlSequence.moveCursor(row: min(cursor.row, rows), column: min(cursor.column, columns))
            output += ControlSequence.showCursor
        }
        return output
    }

    /// Drops control characters that would move the cursor behind our back; a tab becomes
    /// one space (tab stops depend on the terminal). ESC stays: it starts colour sequences.
    static func printable(_ line: String) -> String {
        guard line.unicodeScalars.contains(where: { $0.value < 0x20 && $0.value != 0x1B || $0.value == 0x7F }) else {
            return line
        }
        var result = String.UnicodeScalarView()
        for scalar in line.unicodeScalars {
            if scalar == "\t" {
                result.append(" ")
            } else if (scalar.value >= 0x20 && scalar.value != 0x7F) || scalar.value == 0x1B {
                result.append(scalar)
            }
        }
        return String(result)
    }
}

/// Draws frames on an output file descriptor, one write(2) per frame.
public struct Screen: Sendable {
    public let writer: StreamWriter

    public init(fileDescriptor: Int32 = 1) {
        writer = StreamWriter(fileDescriptor: fileDescriptor)
    }

    public func draw(_ frame: Frame) {
        writer.write(frame.rendered())
    }
}
