#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Terminal

/// Raw mode on a real pseudo-terminal. Serialized: only one session may be active in a
/// process, and these tests share that process-wide state.
@Suite("Raw mode on a pseudo-terminal", .serialized)
struct RawModeTests {
    @Test func rawModeSettingsAndExactRestore() throws {
        let pty = try PseudoTerminal()
        let original = try pty.applyDistinctiveSettings()
        #expect(original.isCanonical && original.echoes && original.generatesSignals)

        try original.rawMode().apply(to: pty.slave)
        let raw = try TerminalAttributes.current(of: pty.slave)
        #expect(!raw.isCanonical)
        #expect(!raw.echoes)
        #expect(!raw.generatesSignals)
        #expect(raw.minimumReadBytes == 0)
        #expect(raw.readTimeoutDeciseconds == 1)
        #expect(raw.settings.c_iflag & tcflag_t(ICRNL | IXON) == 0)
        #expect(raw.settings.c_oflag & tcflag_t(OPOST) != 0, "output post-processing stays on")
        #expect(raw.settings.c_cflag & tcflag_t(CSIZE) == tcflag_t(CS8))
        #expect(raw != original)

        try original.apply(to: pty.slave)
        #expect(try TerminalAttributes.current(of: pty.slave) == original)
    }

    @Test func sessionEntersReadsKeysAndRestoresEverything() throws {
        let pty = try PseudoTerminal()
        let original = try pty.applyDistinctiveSettings()
        pty.setSize(columns: 100, rows: 30)
        let dispositionsBefore = dispositions()

        let session = try TerminalSession(input: pty.slave, output: pty.slave)
        #expect(pty.screenOutput() == "\u{1B}[?1049h\u{1B}[?25l")
        let raw = try TerminalAttributes.current(of: pty.slave)
        #expect(!raw.isCanonical && !raw.echoes && !raw.generatesSignals)
        #expect(raw.minimumReadBytes == 0 && raw.readTimeoutDeciseconds == 1)
        #expect(dispositions() != dispositionsBefore)
        #expect(throws: TerminalError.sessionAlreadyActive) {
            try TerminalSession(input: pty.slave, output: pty.slave)
        }
        #expect(session.size == (100, 30))

        #expect(!session.takeResizeFlag())
        // kill, not raise: the test thread may have SIGWINCH blocked; another thread takes it.
        kill(getpid(), SIGWINCH)
        #expect(waitUntil { session.takeResizeFlag() })
        #expect(!session.takeResizeFlag())

        // Ctrl-C and Ctrl-Z reach the reader as bytes: the terminal does not turn them into signals.
        let reader = KeyReader(fileDescriptor: pty.slave)
        pty.type([0x1B, 0x5B, 0x41] + Array("é".utf8) + [0x03, 0x1A, 0x0D, 0x04])
        var keys: [Key] = []
        for _ in 0..<6 { keys.append(try #require(try reader.nextKey(timeoutMilliseconds: 1000))) }
        #expect(keys == [.up, .character("é"), .interrupt, .control("z"), .enter, .endOfInput])
        pty.type([0x1B])
        #expect(try reader.nextKey(timeoutMilliseconds: 1000) == .escape)
        #expect(try reader.nextKey(timeoutMilliseconds: 20) == nil)

        var frame = session.makeFrame()
        #expect(frame.columns == 100 && frame.rows == 30)
        frame.append("card")
        session.draw(frame)
        #expect(pty.screenOutput().contains("card"))

        session.restore()
        #expect(pty.screenOutput() == "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l")
        #expect(try TerminalAttributes.current(of: pty.slave) == original)
        #expect(dispositions() == dispositionsBefore)
        session.restore()
        #expect(pty.screenOutput() == "", "a second restore does nothing")
    }

    @Test func droppingTheSessionRestores() throws {
        let pty = try PseudoTerminal()
        let original = try pty.applyDistinctiveSettings()
        do {
            let session = try TerminalSession(input: pty.slave, output: pty.slave,
                                              options: .init(alternateScreen: false, handlesSignals: false))
            #expect(session.isActive)
            #expect(try !TerminalAttributes.current(of: pty.slave).isCanonical)
        }
        #expect(try TerminalAttributes.current(of: pty.slave) == original)
        #expect(pty.screenOutput() == "\u{1B}[?25l\u{1B}[0m\u{1B}[?25h")
        // The process-wide slot is free again.
        let again = try TerminalSession(input: pty.slave, output: pty.slave, options: .init(handlesSignals: false))
        again.restore()
    }

    @Test func unreadKeysAreDiscardedOnRestore() throws {
        let pty = try PseudoTerminal()
        let session = try TerminalSession(input: pty.slave, output: pty.slave, options: .init(handlesSignals: false))
        pty.type([0x1B, 0x5B, 0x41])
        usleep(20_000)
        session.restore()
        var request = pollfd(fd: pty.slave, events: Int16(POLLIN), revents: 0)
        #expect(poll(&request, 1, 50) == 0, "no arrow-key bytes left for the shell")
    }

    @Test func refusesSomethingThatIsNotATerminal() {
        let fds = makePipe()
        defer { close(fds.read); close(fds.write) }
        #expect(throws: TerminalError.notATerminal(fileDescriptor: fds.read)) {
            try TerminalSession(input: fds.read, output: fds.write)
        }
    }

    private func waitUntil(_ condition: () -> Bool) -> Bool {
        for _ in 0..<200 {
            if condition() { return true }
            usleep(5_000)
        }
        return false
    }

    /// Handler addresses for the signals a session takes over.
    private func dispositions() -> [Int] {
        [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGWINCH, SIGSEGV, SIGILL].map { signal in
            var action = sigaction()
            sigaction(signal, nil, &action)
            return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
        }
    }
}
