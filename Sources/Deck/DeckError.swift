/// Why a deck could not be read. Every case names the file and, where there is one, the
/// line and column, in the `path:line:column: message` form editors understand.
public enum DeckError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file or folder does not exist (exit 66).
    case missingFile(path: String)
    /// The file exists but cannot be read (permissions, a folder without decks...).
    case unreadable(path: String, reason: String)
    /// Not valid UTF-8 text or binary data (exit 65).
    case invalidText(path: String, line: Int, column: Int, reason: String)
    /// Two cards of one deck would share an ID (same section path and term).
    case duplicateCard(path: String, line: Int, firstPath: String, firstLine: Int, term: String)
    /// Anything else malformed (an `A:` without its `Q:`, an unclosed code fence...).
    case malformed(path: String, line: Int, column: Int, reason: String)

    /// The file or folder the error is about.
    public var path: String {
        switch self {
        case .missingFile(let path), .unreadable(let path, _), .invalidText(let path, _, _, _),
             .duplicateCard(let path, _, _, _, _), .malformed(let path, _, _, _):
            return path
        }
    }

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "\(path): no such file or folder"
        case .unreadable(let path, let reason):
            return "\(path): \(reason)"
        case .invalidText(let path, let line, let column, let reason):
            return "\(path):\(line):\(column): \(reason)"
        case .duplicateCard(let path, let line, let firstPath, let firstLine, let term):
            let first = firstPath == path ? "line \(firstLine)" : "\(firstPath):\(firstLine)"
            return "\(path):\(line):1: duplicate card '\(term)': same section and term as \(first); rename one of them"
        case .malformed(let path, let line, let column, let reason):
            return "\(path):\(line):\(column): \(reason)"
        }
    }
}
