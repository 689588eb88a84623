/// One keystroke, as the review front sees it. Terminal-level detail (which escape
/// sequence a terminal sent, which modifier was held on an arrow key) stays in the
/// decoder; callers match on intent.
///
/// Decisions:
/// - Space is `.character(" ")`: it is printable text in an answer, and a loop that wants
///   "space flips the card" matches `.character(" ")`.
/// - One `Key` per Unicode scalar: "e" + U+0301 arrives as two `.character` keys; appending
///   them to a `String` joins them into one grapheme again.
/// - Modifiers on navigation keys are dropped (`ESC [ 1 ; 5 C`, Ctrl-Right, is `.right`):
///   nothing in sysdrill binds them, and a user holding Ctrl by accident still moves.
/// - There is no Alt case: `ESC x` decodes as `.escape` then `.character("x")`, so the result
///   never depends on how fast someone types Esc and then a letter.
public enum Key: Hashable, Sendable {
    /// A printable character, including space and any non-ASCII scalar.
    case character(Character)
    case enter
    case tab
    /// Shift-Tab (`ESC [ Z`).
    case backTab
    case backspace
    case escape
    case up, down, left, right
    case home, end, pageUp, pageDown
    case insert, delete
    /// Ctrl with a letter or one of `@ \ ] ^ _`, lowercased: Ctrl-A is `.control("a")`.
    /// Ctrl-C, Ctrl-D, Ctrl-H, Ctrl-I, Ctrl-J, Ctrl-M and Ctrl-[ have their own cases.
    case control(Character)
    /// Ctrl-C (0x03). Raw mode turns off ISIG, so it is a key, not a signal: the loop
    /// decides how to stop, after every answer already given has been committed.
    case interrupt
    /// Ctrl-D (0x04), or the input reached its end (the terminal hung up).
    case endOfInput
    /// Bytes that form no key sysdrill knows: an unrecognised escape sequence, a function
    /// key, or invalid UTF-8. Never typed into an answer; callers normally ignore it.
    case unknown([UInt8])
}
