#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes text to a file descriptor with write(2). sysdrill has exactly one writer per
/// stream (never mixed with `print`), so output cannot be reordered in a pipe; callers
/// build a whole frame or report as one string and write it once.
public struct StreamWriter: Sendable {
    public let fileDescriptor: Int32

    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    public static let standardOutput = StreamWriter(fileDescriptor: 1)
    public static let standardError = StreamWriter(fileDescriptor: 2)

    /// Writes all of `text`, retrying on EINTR and short writes. A closed pipe (EPIPE)
    /// is ignored: the reader has gone, and SIGPIPE is ignored by the app.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    public var isTerminal: Bool { isatty(fileDescriptor) == 1 }
}

/// write(2) under a name that does not collide with `StreamWriter.write`.
@inline(__always)
private func systemWrite(_ fd: Int32, _ pointer: UnsafePointer<UInt8>, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, pointer, count)
    #else
    return Darwin.write(fd, pointer, count)
    #endif
}

public enum TerminalQuery {
    public static func isTerminal(_ fileDescriptor: Int32) -> Bool {
        isatty(fileDescriptor) == 1
    }

    /// Columns and rows of the terminal on `fileDescriptor`, nil when it is not one.
    public static func size(of fileDescriptor: Int32) -> (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }
}
