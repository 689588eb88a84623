#if canImport(Glibc)
import Glibc
#endif
import Terminal

/// A pseudo-terminal pair for tests: the slave is the "terminal" the code under test
/// sees, the master is the keyboard and screen the test drives. Opened with O_NOCTTY so
/// it never becomes the test process's controlling terminal.
final class PseudoTerminal {
    let master: Int32
    let slave: Int32
    let slavePath: String

    init() throws {
        master = PtyFunctions.posixOpenpt(O_RDWR | O_NOCTTY)
        guard master >= 0, PtyFunctions.grantpt(master) == 0, PtyFunctions.unlockpt(master) == 0 else {
            throw PseudoTerminalError.open(errno)
        }
        var name = [CChar](repeating: 0, count: 256)
        guard PtyFunctions.ptsnameR(master, &name, name.count) == 0 else { throw PseudoTerminalError.open(errno) }
        slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        slave = open(slavePath, O_RDWR | O_NOCTTY)
        guard slave >= 0 else { throw PseudoTerminalError.open(errno) }
    }

    deinit {
        close(slave)
        close(master)
    }

    /// Settings no terminal starts with, so "restored" cannot mean "reset to defaults".
    func applyDistinctiveSettings() throws -> TerminalAttributes {
        var attributes = try TerminalAttributes.current(of: slave)
        withUnsafeMutableBytes(of: &attributes.settings.c_cc) { $0[Int(VERASE)] = 0x08; $0[Int(VKILL)] = 0x0B }
        attributes.settings.c_lflag &= ~tcflag_t(ECHOCTL)
        cfsetspeed(&attributes.settings, speed_t(B9600))
        try attributes.apply(to: slave)
        return try TerminalAttributes.current(of: slave)
    }

    func setSize(columns: UInt16, rows: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Types bytes on the keyboard.
    func type(_ bytes: [UInt8]) {
        writeAll(master, bytes)
    }

    /// What the program wrote to the screen so far.
    func screenOutput() -> String {
        String(decoding: readAvailable(master, milliseconds: 100), as: UTF8.self)
    }
}

enum PseudoTerminalError: Error {
    case open(Int32)
}

/// The libc pty calls, looked up at run time: Swift's Glibc module does not export them
/// (they sit behind _XOPEN_SOURCE in stdlib.h), and openpty would need libutil linked.
private enum PtyFunctions {
    typealias OpenFunction = @convention(c) (Int32) -> Int32
    typealias NameFunction = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32

    static let posixOpenpt = unsafeBitCast(symbol("posix_openpt"), to: OpenFunction.self)
    static let grantpt = unsafeBitCast(symbol("grantpt"), to: OpenFunction.self)
    static let unlockpt = unsafeBitCast(symbol("unlockpt"), to: OpenFunction.self)
    static let ptsnameR = unsafeBitCast(symbol("ptsname_r"), to: NameFunction.self)

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer {
        guard let address = dlsym(nil, name) else { fatalError("libc has no \(name)") }
        return address
    }
}
