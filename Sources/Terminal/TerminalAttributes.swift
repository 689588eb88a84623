#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A terminal's termios settings as a value: read them, derive raw mode from them, apply
/// them, and compare two snapshots field by field (the check that restoring gave back
/// exactly what we saved).
public struct TerminalAttributes: Equatable, @unchecked Sendable {
    // @unchecked: termios is a plain C struct of integers, copied by value.
    public var settings: termios

    public init(settings: termios) {
        self.settings = settings
    }

    /// The current settings of the terminal on `fileDescriptor`.
    public static func current(of fileDescriptor: Int32) throws(TerminalError) -> TerminalAttributes {
        var settings = termios()
        guard tcgetattr(fileDescriptor, &settings) == 0 else {
            let code = errno
            if code == ENOTTY { throw .notATerminal(fileDescriptor: fileDescriptor) }
            throw .attributes(operation: "read", errno: code)
        }
        return TerminalAttributes(settings: settings)
    }

    /// Applies these settings now (TCSANOW): waiting for output to drain could block
    /// forever on a hung-up terminal, and nothing here depends on output ordering.
    public func apply(to fileDescriptor: Int32) throws(TerminalError) {
        var settings = self.settings
        guard tcsetattr(fileDescriptor, TCSANOW, &settings) == 0 else {
            throw .attributes(operation: "change", errno: errno)
        }
    }

    /// Raw mode derived from these settings, as cfmakeraw does, with two differences:
    /// - OPOST stays on, so "\n" still prints as "\r\n": messages written to stderr while
    ///   the session is active, and all existing report text, keep working unchanged.
    /// - VMIN=0 and VTIME=`readTimeoutDeciseconds`: a read never blocks longer than that,
    ///   which is how a lone Esc is told from the first byte of an arrow key.
    /// ISIG is off, so Ctrl-C, Ctrl-Z and Ctrl-\ arrive as bytes for the loop to handle;
    /// IXON is off, so Ctrl-S and Ctrl-Q do not freeze output.
    public func rawMode(readTimeoutDeciseconds: UInt8 = 1) -> TerminalAttributes {
        var raw = settings
        raw.c_iflag &= ~tcflag_t(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON)
        raw.c_lflag &= ~tcflag_t(ECHO | ECHONL | ICANON | ISIG | IEXTEN)
        raw.c_cflag &= ~tcflag_t(CSIZE | PARENB)
        raw.c_cflag |= tcflag_t(CS8)
        raw.setControlCharacter(VMIN, to: 0)
        raw.setControlCharacter(VTIME, to: readTimeoutDeciseconds)
        return TerminalAttributes(settings: raw)
    }

    public var isCanonical: Bool { settings.c_lflag & tcflag_t(ICANON) != 0 }
    public var echoes: Bool { settings.c_lflag & tcflag_t(ECHO) != 0 }
    public var generatesSignals: Bool { settings.c_lflag & tcflag_t(ISIG) != 0 }
    public var minimumReadBytes: UInt8 { settings.controlCharacter(VMIN) }
    public var readTimeoutDeciseconds: UInt8 { settings.controlCharacter(VTIME) }

    /// Field-by-field equality. Comparing the raw struct bytes would also compare padding,
    /// which tcgetattr does not promise to write.
    public static func == (left: TerminalAttributes, right: TerminalAttributes) -> Bool {
        var a = left.settings, b = right.settings
        #if os(Linux)
        guard a.c_line == b.c_line else { return false }
        #endif
        return a.c_iflag == b.c_iflag && a.c_oflag == b.c_oflag && a.c_cflag == b.c_cflag
            && a.c_lflag == b.c_lflag && controlCharacters(a) == controlCharacters(b)
            && cfgetispeed(&a) == cfgetispeed(&b) && cfgetospeed(&a) == cfgetospeed(&b)
    }

    private static func controlCharacters(_ settings: termios) -> [cc_t] {
        withUnsafeBytes(of: settings.c_cc) { Array($0) }
    }
}

extension termios {
    fileprivate mutating func setControlCharacter(_ index: Int32, to value: UInt8) {
        withUnsafeMutableBytes(of: &c_cc) { $0[Int(index)] = value }
    }

    fileprivate func controlCharacter(_ index: Int32) -> UInt8 {
        withUnsafeBytes(of: c_cc) { $0[Int(index)] }
    }
}
