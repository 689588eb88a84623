import Deck
import JSONText
import Scheduling

/// What a front does with the typed answer to a card answered by typing (a number card,
/// `CardKind.number`) instead of by revealing its back. The review does not grade
/// answers itself (grading rules live in Practice); the executable hands a checker in.
public enum TypedCardCheck: Sendable {
    /// Graded: the lines to show (verdict, how far off, how the answer was read), the
    /// grade proposed (the learner may choose another), and the same as JSON fields.
    case graded(lines: [String], proposed: Rating, fields: JSONObject)
    /// The answer could not be read as a quantity: say why and ask again.
    case unreadable(String)
}

/// Checks a typed answer to `card`; called only for cards that ask for one
/// (`TypedCardChecker.asksTyped`).
public typealias TypedCardChecker = @Sendable (Card, String) -> TypedCardCheck

extension Card {
    /// The card is answered by typing a value rather than by revealing its back.
    public var asksTypedAnswer: Bool { kind == .number }
}
