#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

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
    /// is not an error: the reader has gone (`sysdrill cards | head`), and SIGPIPE is
    /// ignored by the app. Any other failure (a full disk under `export > file`) is
    /// remembered in `firstFailure`, so the command can end with an error instead of
    /// reporting success for output that never arrived.
    public func write(_ text: String) {
        var text = text
        text.withUTF8(write(bytes:))
    }

    /// Writes UTF-8 bytes as they are (`write` of text that is already bytes, without
    /// making a String of them first).
    public func write(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer(write(bytes:))
    }

    private func write(bytes buffer: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < buffer.count {
            let written = systemWrite(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                if errno != EPIPE { _ = Self.failure.compareExchange(expected: 0, desired: errno, ordering: .relaxed) }
                return
            }
            offset += written
        }
    }

    private static let failure = Atomic<Int32>(0)

    /// The errno of the first failed write on any stream (EPIPE excepted), or nil.
    public static var firstFailure: Int32? {
        let code = failure.load(ordering: .relaxed)
        return code == 0 ? nil : code
    }

    public static func describe(errorNumber: Int32) -> String {
        String(cString: strerror(errorNumber))
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
