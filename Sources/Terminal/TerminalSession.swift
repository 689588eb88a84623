#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Full-screen interactive mode on a terminal: raw keys, alternate screen, hidden cursor.
///
/// Creating a session saves the terminal's exact termios and switches to raw mode; the
/// original comes back, byte for byte, on every way out:
/// - `restore()` (call it before printing the end-of-session summary) or `deinit`;
/// - `exit()` anywhere in the process (an atexit hook);
/// - SIGTERM, SIGHUP, SIGINT/SIGQUIT from outside, and crashes (see `TerminalSignals`).
/// Ctrl-C and Ctrl-D typed at the keyboard are not signals in raw mode: they arrive as
/// `.interrupt` and `.endOfInput` from `KeyReader`, and the loop ends normally. Ctrl-Z
/// arrives as `.control("z")` (no job-control suspend while the session is active).
///
/// A review loop:
///
///     guard TerminalQuery.isTerminal(0), TerminalQuery.isTerminal(1) else { return lineMode() }
///     let session = try TerminalSession()
///     defer { session.restore() }
///     let reader = KeyReader(fileDescriptor: session.inputFileDescriptor)
///     var needsDraw = true
///     loop: while true {
///         if session.takeResizeFlag() { needsDraw = true }
///         if needsDraw { var frame = session.makeFrame(); /* fill */ session.draw(frame); needsDraw = false }
///         guard let key = try reader.nextKey() else { continue }
///         switch key {
///         case .interrupt, .endOfInput, .character("q"): break loop  // answers already committed
///         default: needsDraw = handle(key)
///         }
///     }
///
/// Only one session may be active in a process, because the handlers read its settings
/// from process-wide storage. Install any handler of your own for SIGINT/SIGTERM before
/// the session starts: the session's handlers restore the terminal first and then pass
/// the signal to it.
public final class TerminalSession {
    public struct Options: Sendable {
        /// Draw on the alternate screen, so the shell's scrollback is untouched and the
        /// session leaves no frames behind.
        public var alternateScreen: Bool
        public var hideCursor: Bool
        /// Install the restoring signal handlers and the SIGWINCH flag. Tests of raw mode
        /// alone may turn this off.
        public var handlesSignals: Bool
        /// VTIME: the longest a read(2) waits for a byte, in tenths of a second.
        public var readTimeoutDeciseconds: UInt8

        public init(alternateScreen: Bool = true, hideCursor: Bool = true, handlesSignals: Bool = true,
                    readTimeoutDeciseconds: UInt8 = 1) {
            self.alternateScreen = alternateScreen
            self.hideCursor = hideCursor
            self.handlesSignals = handlesSignals
            self.readTimeoutDeciseconds = readTimeoutDeciseconds
        }
    }

    public let inputFileDescriptor: Int32
    public let outputFileDescriptor: Int32
    public let options: Options
    /// The settings found on entry, restored exactly on exit.
    public let originalAttributes: TerminalAttributes
    public private(set) var isActive: Bool

    /// Enters raw mode on `input` (a terminal) and draws on `output`.
    public init(input: Int32 = 0, output: Int32 = 1, options: Options = Options()) throws(TerminalError) {
        guard isatty(input) == 1 else { throw .notATerminal(fileDescriptor: input) }
        let original = try TerminalAttributes.current(of: input)
        let state = SignalSafeRestore.shared
        guard state.sessionClaimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { throw .sessionAlreadyActive }

        inputFileDescriptor = input
        outputFileDescriptor = output
        self.options = options
        originalAttributes = original

        // Arm the restore before changing anything, so no exit path can miss it.
        state.arm(input: input, output: output, original: original.settings,
                  leaveSequence: Array(options.leaveSequence.utf8))
        Self.registerExitHook()
        if options.handlesSignals {
            state.resizePending.store(false, ordering: .relaxed)
            TerminalSignals.install()
        }
        do {
            try original.rawMode(readTimeoutDeciseconds: options.readTimeoutDeciseconds).apply(to: input)
        } catch {
            state.restoreIfActive()
            if options.handlesSignals { TerminalSignals.uninstall() }
            state.sessionClaimed.store(false, ordering: .releasing)
            throw error
        }
        isActive = true
        StreamWriter(fileDescriptor: output).write(options.enterSequence)
    }

    deinit {
        restore()
    }

    /// Leaves raw mode: shows the cursor, leaves the alternate screen, discards unread
    /// keys and reapplies the original settings. Safe to call more than once.
    public func restore() {
        guard isActive else { return }
        isActive = false
        let state = SignalSafeRestore.shared
        state.restoreIfActive()
        if options.handlesSignals { TerminalSignals.uninstall() }
        state.sessionClaimed.store(false, ordering: .releasing)
    }

    /// Columns and rows of the terminal, 80x24 when the size cannot be read.
    public var size: (columns: Int, rows: Int) {
        TerminalQuery.size(of: outputFileDescriptor) ?? TerminalQuery.size(of: inputFileDescriptor) ?? (80, 24)
    }

    /// An empty frame the size the terminal has now; fill it and pass it to `draw`.
    public func makeFrame() -> Frame {
        let size = self.size
        return Frame(columns: size.columns, rows: size.rows)
    }

    /// Writes the whole frame with one write(2).
    public func draw(_ frame: Frame) {
        Screen(fileDescriptor: outputFileDescriptor).draw(frame)
    }

    /// True once after each SIGWINCH: the loop checks it between keys and redraws.
    public func takeResizeFlag() -> Bool {
        Self.takeResizeFlag()
    }

    /// The SIGWINCH flag; set by the handler, cleared by reading it.
    public static func takeResizeFlag() -> Bool {
        SignalSafeRestore.shared.resizePending.exchange(false, ordering: .acquiringAndReleasing)
    }

    /// `exit()` from anywhere (the executable's main ends with `exit(code)`) restores too.
    private static func registerExitHook() {
        let state = SignalSafeRestore.shared
        guard !state.exitHookRegistered.exchange(true, ordering: .acquiringAndReleasing) else { return }
        atexit {
            SignalSafeRestore.shared.restoreIfActive()
        }
    }
}

extension TerminalSession.Options {
    var enterSequence: String {
        (alternateScreen ? ControlSequence.enterAlternateScreen : "") + (hideCursor ? ControlSequence.hideCursor : "")
    }

    /// Undoes `enterSequence` in reverse order; also resets colours in case a frame was cut short.
    var leaveSequence: String {
        ControlSequence.resetStyle + (hideCursor ? ControlSequence.showCursor : "")
            + (alternateScreen ? ControlSequence.leaveAlternateScreen : "")
    }
}
