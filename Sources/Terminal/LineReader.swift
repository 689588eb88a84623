#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Line mode input (stdin is a pipe or file): one answer per line, read with read(2)
/// because `readLine()` keeps its own buffer and must never share a stream with read(2).
///
/// Lines end at "\n"; a "\r" before it is dropped (files written on Windows); the last
/// line may lack its "\n". Invalid UTF-8 becomes U+FFFD rather than an error: an answer
/// with one bad byte is still worth grading.
public final class LineReader {
    public let fileDescriptor: Int32
    private var buffer: [UInt8] = []
    /// Start of the unread part of `buffer`.
    private var start = 0
    /// Where to resume looking for "\n", so a long line is scanned only once.
    private var scanned = 0
    private var reachedEnd = false
    private let chunkSize: Int
    /// The longest line kept: an answer is a few words, and a 50 MB line must not cost
    /// a gigabyte and half a minute. The rest of a longer line is read and dropped.
    public static let maximumLineLength = 16 * 1024
    /// The line being read passed the limit: what follows, up to its end, is dropped.
    private var dropping = false

    public init(fileDescriptor: Int32 = 0, chunkSize: Int = 4096) {
        self.fileDescriptor = fileDescriptor
        self.chunkSize = max(1, chunkSize)
    }

    /// The next line without its terminator, or nil at the end of input.
    public func nextLine() throws(TerminalError) -> String? {
        while true {
            if let newline = buffer[scanned...].firstIndex(of: 0x0A) {
                let line = takeLine(upTo: newline)
                start = newline + 1
                scanned = start
                compact()
                return line
            }
            scanned = buffer.count
            let limit = start + Self.maximumLineLength
            if buffer.count > limit {
                // Past the limit: keep the first part, drop the rest of the line as it comes.
                buffer.removeSubrange(limit...)
                scanned = limit
                dropping = true
            }
            if reachedEnd {
                guard start < buffer.count else { return nil }
                let line = takeLine(upTo: buffer.count)
                start = buffer.count
                scanned = start
                compact()
                return line
            }
            try fill()
            if dropping {
                let limit = start + Self.maximumLineLength
                if let newline = buffer[limit...].firstIndex(of: 0x0A) {
                    buffer.removeSubrange(limit..<newline)
                    dropping = false
                } else {
                    buffer.removeSubrange(limit...)
                }
                scanned = limit
            }
        }
    }

    private func takeLine(upTo end: Int) -> String {
        var lineEnd = end
        if lineEnd > start && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        return String(decoding: buffer[start..<lineEnd], as: UTF8.self)
    }

    private func fill() throws(TerminalError) {
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunkSize))
        while true {
            let count = buffer.withUnsafeMutableBytes { bytes in
                read(fileDescriptor, bytes.baseAddress! + oldCount, chunkSize)
            }
            if count >= 0 {
                buffer.removeLast(chunkSize - count)
                if count == 0 { reachedEnd = true }
                return
            }
            if errno == EINTR { continue }
            if errno == EAGAIN {
                // Someone left the descriptor non-blocking: wait for input, then retry.
                var request = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
                _ = poll(&request, 1, -1)
                continue
            }
            let code = errno
            buffer.removeLast(chunkSize)
            throw .readFailed(errno: code)
        }
    }

    /// Drops consumed bytes once they make up most of the buffer, keeping appends cheap.
    private func compact() {
        guard start > 0, start * 2 >= buffer.count else { return }
        buffer.removeSubrange(..<start)
        scanned -= start
        start = 0
    }
}
