#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads keys from a file descriptor (the terminal in raw mode) with poll(2) and read(2).
///
/// `nextKey` returns nil when no key arrived in time, or when a signal interrupted the
/// wait: SIGWINCH wakes it at once, so the loop reads like
///
///     while true {
///         if session.takeResizeFlag() { redraw() }
///         guard let key = try reader.nextKey() else { continue }  // timers go here too
///         ...
///     }
///
/// Why poll as well as VMIN=0/VTIME=1: with VMIN=0 a read returning 0 means "timed out"
/// on a terminal but "end of input" on a pipe or a hung-up terminal; poll tells them apart
/// (POLLHUP), allows timeouts other than tenths of a second for timed drills, and is never
/// restarted after a signal. VTIME still guarantees that no read blocks.
public final class KeyReader {
    public static let defaultTimeoutMilliseconds = 100

    public let fileDescriptor: Int32
    /// How long an unfinished key (ESC, or half an escape sequence) may wait for its rest
    /// before it is decided: a lone ESC becomes `.escape`. Matches VTIME=1.
    public let escapeDelayMilliseconds: Int

    private var decoder = KeyDecoder()
    private var decoded: [Key] = []
    private var nextDecoded = 0
    private var reachedEnd = false
    private var buffer = [UInt8](repeating: 0, count: 1024)

    public init(fileDescriptor: Int32 = 0, escapeDelayMilliseconds: Int = 100) {
        self.fileDescriptor = fileDescriptor
        self.escapeDelayMilliseconds = escapeDelayMilliseconds
    }

    /// The next key; nil if none arrived within `timeoutMilliseconds` (negative: wait
    /// without limit) or a signal interrupted the wait. After the input ends (the terminal
    /// hung up, a pipe closed) every call returns `.endOfInput`.
    public func nextKey(timeoutMilliseconds: Int = KeyReader.defaultTimeoutMilliseconds) throws(TerminalError) -> Key? {
        if let key = takeDecoded() { return key }
        if reachedEnd { return .endOfInput }
        let deadline: ContinuousClock.Instant? = timeoutMilliseconds < 0
            ? nil : .now.advanced(by: .milliseconds(timeoutMilliseconds))
        var firstWait = true
        while true {
            let wait: Int32
            if decoder.hasPendingBytes {
                // A key has begun arriving: finish it whatever the caller's deadline says.
                wait = Int32(clamping: escapeDelayMilliseconds)
            } else if let deadline {
                let left = Self.milliseconds(until: deadline)
                if left == 0 && !firstWait { return nil }
                wait = Int32(clamping: left)
            } else {
                wait = -1
            }
            firstWait = false

            var request = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, wait)
            if ready < 0 {
                if errno == EINTR { return nil }
                throw .readFailed(errno: errno)
            }
            if ready == 0 {
                guard decoder.hasPendingBytes else { return nil }
                decoded += decoder.flushPending()
                if let key = takeDecoded() { return key }
                continue
            }

            let count = buffer.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                decoded += decoder.feed(Array(buffer[0..<count]))
                if let key = takeDecoded() { return key }
            } else if count == 0 {
                // poll said readable and nothing came: end of input, unless a terminal
                // merely lost a race for the byte (VMIN=0 read returns 0 then).
                let hungUp = request.revents & Int16(POLLHUP | POLLERR) != 0
                if hungUp || isatty(fileDescriptor) != 1 { return finishInput() }
            } else {
                switch errno {
                case EINTR, EAGAIN: continue
                case EIO: return finishInput()  // the controlling terminal went away
                default: throw .readFailed(errno: errno)
                }
            }
        }
    }

    private func finishInput() -> Key? {
        reachedEnd = true
        decoded += decoder.flushPending()
        decoded.append(.endOfInput)
        return takeDecoded()
    }

    private func takeDecoded() -> Key? {
        guard nextDecoded < decoded.count else {
            decoded.removeAll(keepingCapacity: true)
            nextDecoded = 0
            return nil
        }
        defer { nextDecoded += 1 }
        return decoded[nextDecoded]
    }

    /// Whole milliseconds left until `deadline`, rounded up so we never wake early.
    private static func milliseconds(until deadline: ContinuousClock.Instant) -> Int {
        let left = ContinuousClock.now.duration(to: deadline)
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        return Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
