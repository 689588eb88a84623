import Deck
import JSONText

/// The streams of a line-mode session (stdin not a terminal): where answers come from,
/// where questions and results go (text, or one JSON object per event with `--json`),
/// and where messages for the person go. Review, quiz, drill and estimate share it.
public struct LineChannel {
    public let readLine: () -> String?
    public let output: (String) -> Void
    public let message: (String) -> Void
    public let json: Bool

    public init(readLine: @escaping () -> String?, output: @escaping (String) -> Void,
                message: @escaping (String) -> Void, json: Bool) {
        self.readLine = readLine
        self.output = output
        self.message = message
        self.json = json
    }

    /// In JSON mode writes `event` as one line; otherwise writes `text` as given. Either
    /// may be nil when a mode has nothing to say in that form. Only the form written is
    /// made: building each card's JSON object in text mode was 2% of a 1000-answer review.
    public func emit(_ event: @autoclosure () -> JSONObject?, text: @autoclosure () -> String?) {
        if json {
            if let event = event() { output(JSONValue.object(event).serialized() + "\n") }
        } else if let text = text() {
            // Card text may hold control characters; the terminal must not receive them raw.
            output(ControlCharacters.visible(text))
        }
    }
}
