/// The few ANSI/xterm control sequences sysdrill writes.
public enum ControlSequence {
    public static let cursorHome = "\u{1B}[H"
    public static let eraseToLineEnd = "\u{1B}[K"
    public static let eraseBelow = "\u{1B}[J"
    public static let hideCursor = "\u{1B}[?25l"
    public static let showCursor = "\u{1B}[?25h"
    public static let enterAlternateScreen = "\u{1B}[?1049h"
    public static let leaveAlternateScreen = "\u{1B}[?1049l"
    public static let resetStyle = "\u{1B}[0m"

    /// Moves the cursor to a 1-based row and column.
    public static func moveCursor(row: Int, column: Int) -> String {
        "\u{1B}[\(max(1, row));\(max(1, column))H"
    }
}
