#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What can go wrong talking to a terminal; messages are lowercase and say what to do.
public enum TerminalError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file descriptor is not a terminal, so there is no raw mode to enter.
    case notATerminal(fileDescriptor: Int32)
    /// tcgetattr or tcsetattr failed with this errno.
    case attributes(operation: String, errno: Int32)
    /// Only one terminal session may be active: its settings live in process-wide storage
    /// that the signal handlers read.
    case sessionAlreadyActive
    /// read(2) failed with this errno.
    case readFailed(errno: Int32)

    public var description: String {
        switch self {
        case let .notATerminal(fileDescriptor):
            return "file descriptor \(fileDescriptor) is not a terminal; use line mode (pipe answers on stdin)"
        case let .attributes(operation, code):
            return "cannot \(operation) terminal settings: \(Self.message(for: code))"
        case .sessionAlreadyActive:
            return "a terminal session is already active; restore it before starting another"
        case let .readFailed(code):
            return "cannot read input: \(Self.message(for: code))"
        }
    }

    static func message(for code: Int32) -> String {
        guard let text = strerror(code) else { return "errno \(code)" }
        return String(cString: text)
    }
}
