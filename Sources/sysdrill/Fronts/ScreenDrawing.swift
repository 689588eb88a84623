import Terminal

extension TerminalSession {
    /// Draws one screenful in one write: `render` gets the terminal's current size (it
    /// may have changed since the last frame) and returns the lines and, for a typed
    /// answer, where to leave the cursor.
    func drawScreen(_ render: (_ columns: Int, _ rows: Int) -> (lines: [String], cursor: (row: Int, column: Int)?)) {
        let size = self.size
        var frame = makeFrame()
        let rendered = render(size.columns, size.rows)
        frame.append(contentsOf: rendered.lines)
        frame.cursor = rendered.cursor
        draw(frame)
    }
}

/// A front's screen: pure rendering of its state at a given size.
protocol FrontScreen {
    func render(columns: Int, rows: Int, style: Style) -> (lines: [String], cursor: (row: Int, column: Int)?)
}

extension QuizScreen: FrontScreen {}
extension DrillScreen: FrontScreen {}
extension EstimateScreen: FrontScreen {}

extension TerminalSession {
    /// Draws `screen` at the terminal's current size, in one write.
    func draw(_ screen: some FrontScreen, style: Style) {
        drawScreen { columns, rows in screen.render(columns: columns, rows: rows, style: style) }
    }
}
