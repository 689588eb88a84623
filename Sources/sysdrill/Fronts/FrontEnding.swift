/// How an interactive front (review, quiz, estimate) ended: its cards or questions done,
/// the user left early (`q`, Esc), or Ctrl-C (the command then exits 130). Answers are
/// saved as they are given, so every ending keeps them.
enum FrontEnding {
    case finished, quit, interrupted
}
