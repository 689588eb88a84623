/// What can be wrong with a file brought in from (or written for) another program. Each
/// message names the file; the executable maps `badInput` to exit 65 and `unreadable` to 74.
public enum InteropError: Error, Equatable, CustomStringConvertible {
    /// The file's content is not what it claims to be or cannot be read (exit 65).
    case badInput(path: String, reason: String)
    /// A format sysdrill knows but does not read, with what to do instead (exit 65).
    case unsupported(path: String, reason: String)
    /// The file cannot be opened or written (exit 74).
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .badInput(let path, let reason): return "\(path): \(reason)"
        case .unsupported(let path, let reason): return "\(path): \(reason)"
        case .unreadable(let path, let reason): return "\(path): \(reason)"
        }
    }
}
