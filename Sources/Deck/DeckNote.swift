/// A block of a deck that made no card, and why: what `sysdrill decks lint` reports as
/// "made no card" (the prompt findings are `PromptFinding`).
public struct DeckNote: Hashable, Sendable {
    public enum Reason: String, Sendable, CaseIterable {
        /// A list whose items are links with at most a couple of other words each.
        case readingList = "reading list"
        case table
        case code
        case image
        case html = "HTML"
        case quote = "block quote"
        /// A heading with nothing under it before the next heading of its level or above.
        case emptySection = "empty section"
        case frontMatter = "front matter"
        /// A line in another program's card syntax that gives no card here.
        case cardSyntax = "card syntax not read"
    }

    public let file: String
    public let line: Int
    public let reason: Reason
    /// A short quote of the block, or what it is about.
    public let detail: String

    public init(file: String, line: Int, reason: Reason, detail: String) {
        self.file = file
        self.line = line
        self.reason = reason
        self.detail = detail
    }
}
