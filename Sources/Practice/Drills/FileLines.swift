/// A deck file's text split into lines once. Each drill card reads its rubric block from
/// the lines after its own; splitting the whole file again for every drill card made
/// `decks lint` of a 10 MB deck quadratic (20,000 lines: 18 s).
public struct FileLines: Sendable {
    public let lines: [Substring]

    public init(_ text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }
}
