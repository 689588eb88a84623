#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
@testable import Terminal

/// Each exit path runs in a child process (an exit test) that opens the slave side of a
/// pty we own, enters a session on it and then leaves by that path. Afterwards this
/// process checks the pty: its settings must equal the originals exactly, and the screen
/// must have received the sequence that shows the cursor and leaves the alternate screen.
@Suite("Terminal restored on every exit path")
struct SignalRestoreTests {
    private static let leave = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    @Test("terminating signal from outside", arguments: [SIGTERM, SIGHUP, SIGINT])
    func terminatingSignal(signal: Int32) async throws {
        let pty = try PseudoTerminal()
        let original = try pty.applyDistinctiveSettings()
        let sttyBefore = try stty(["-g"], on: pty.slavePath)
        #expect(sttyBefore.contains(":"))
        await #expect(processExitsWith: .signal(signal)) { [path = pty.slavePath as String, signal = signal as Int32] in
            let fd = open(path, O_RDWR | O_NOCTTY)
            let session = try TerminalSession(input: fd, output: fd)
            // Another thread may take the signal; wait here until it kills us.
            kill(getpid(), signal)
            for _ in 0..<1000 { usleep(10_000) }
            withExtendedLifetime(session) {}
            exit(0)
        }
        #expect(try TerminalAttributes.current(of: pty.slave) == original)
        #expect(try stty(["-g"], on: pty.slavePath) == sttyBefore, "the same check a shell user would make")
        #expect(pty.screenOutput().hasSuffix(Self.leave))
    }

    @Test func exitWithoutRestore() async throws {
        let pty = try PseudoTerminal()
        let original = try pty.applyDistinctiveSettings()
        await #expect(processExitsWith: .exitCode(3)) { [path = pty.slavePath as String] in
            let fd = open(path, O_RDWR | O_NOCTTY)
            let session = try TerminalSession(input: fd, output: fd)
            guard try !TerminalAttributes.current(of: fd).isCanonical else { exit(4) }
            withExtendedLifetime(session) { exit(3) }
        }
        #expect(try TerminalAttributes.current(of: pty.slave) == original)
        #expect(pty.screenOutput().hasSuffix(Self.leave))
    }

    @Test func crashInSwiftCode() async throws {
        let pty = try PseudoTerminal()
        let original = try pty.applyDistinctiveSettings()
        #if arch(x86_64)
        let trapSignal = SIGILL
        #else
        let trapSignal = SIGTRAP
        #endif
        await #expect(processExitsWith: .signal(trapSignal)) { [path = pty.slavePath as String] in
            // Skip the runtime's backtracer (its report is noise here): the session then
            // chains to the default action, which kills the process with the trap signal.
            signal(SIGILL, SIG_DFL)
            signal(SIGTRAP, SIG_DFL)
            let null = open("/dev/null", O_WRONLY)
            dup2(null, 2)
            let fd = open(path, O_RDWR | O_NOCTTY)
            let session = try TerminalSession(input: fd, output: fd)
            withExtendedLifetime(session) {
                let cards: [Int] = []
                _ = cards[Int(getpid())]
            }
            exit(0)
        }
        #expect(try TerminalAttributes.current(of: pty.slave) == original)
        #expect(pty.screenOutput().hasSuffix(Self.leave))
    }

    @Test func ignoredHangupStaysIgnored() async throws {
        let pty = try PseudoTerminal()
        let original = try pty.applyDistinctiveSettings()
        await #expect(processExitsWith: .exitCode(3)) { [path = pty.slavePath as String] in
            // As under nohup: a hangup must not end the session.
            signal(SIGHUP, SIG_IGN)
            let fd = open(path, O_RDWR | O_NOCTTY)
            let session = try TerminalSession(input: fd, output: fd)
            kill(getpid(), SIGHUP)
            usleep(50_000)
            let stillRaw = try !TerminalAttributes.current(of: fd).isCanonical
            session.restore()
            exit(stillRaw ? 3 : 4)
        }
        #expect(try TerminalAttributes.current(of: pty.slave) == original)
    }
}

/// Runs stty on the terminal at `path` and returns what it printed.
func stty(_ arguments: [String], on path: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/stty")
    process.arguments = ["-F", path] + arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}
