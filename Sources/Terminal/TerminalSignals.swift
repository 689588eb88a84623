#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Signal handling for an active terminal session.
///
/// - Termination (SIGTERM, SIGHUP, and SIGINT/SIGQUIT sent from outside: in raw mode the
///   keyboard sends them as bytes): restore the terminal, then hand the signal to its
///   previous disposition and re-raise it. With the default disposition the process dies
///   by that signal, so the shell reports 128+signo (143 for SIGTERM, 129 for SIGHUP) and
///   a parent sees the true cause. Answers are safe because each is committed before the
///   next card is shown.
/// - Crashes (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT; a Swift runtime trap is
///   SIGILL on x86-64 and SIGTRAP on arm64): restore, then chain the same way, so the
///   Swift backtracer (installed by the runtime on Linux) prints its report on the normal
///   screen with a sane terminal.
/// - A signal that was ignored when the session began (SIGHUP under nohup) stays ignored.
/// - SIGWINCH only sets a flag; the loop redraws outside the handler.
enum TerminalSignals {
    static let terminating: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]
    static let crashing: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

    /// Installs our handlers, remembering the previous dispositions.
    static func install() {
        let state = SignalSafeRestore.shared
        for signal in terminating + crashing + [SIGWINCH] {
            var previous = sigaction()
            guard sigaction(signal, nil, &previous) == 0 else { continue }
            state.previousActions[Int(signal)] = previous
            if signal != SIGWINCH && isIgnored(previous) { continue }
            var action = sigaction()
            sigemptyset(&action.sa_mask)
            if signal == SIGWINCH {
                action.__sigaction_handler.sa_handler = noteResize
                // Blocking calls elsewhere (SQLite, write) restart; poll(2) in KeyReader is
                // never restarted on Linux, so a resize still wakes the reader at once.
                action.sa_flags = SA_RESTART
            } else {
                action.__sigaction_handler.sa_handler = restoreThenChain
                // Use the backtracer's alternate stack, if any, so a stack overflow can
                // still restore the terminal.
                action.sa_flags = SA_ONSTACK
            }
            sigaction(signal, &action, nil)
        }
    }

    /// Puts back the dispositions saved by `install()`.
    static func uninstall() {
        let state = SignalSafeRestore.shared
        for signal in terminating + crashing + [SIGWINCH] {
            sigaction(signal, state.previousActions + Int(signal), nil)
        }
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        // SIG_DFL is a null handler; SIG_IGN is the handler "address" 1.
        guard let handler = action.__sigaction_handler.sa_handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}

/// Runs inside a signal handler: async-signal-safe calls only.
private func restoreThenChain(_ signal: Int32) {
    let state = SignalSafeRestore.shared
    state.restoreIfActive()
    // The signal is blocked while this handler runs, so the raise stays pending and is
    // delivered to the previous disposition as soon as we return.
    sigaction(signal, state.previousActions + Int(signal), nil)
    raise(signal)
}

/// Runs inside a signal handler: one atomic store.
private func noteResize(_ signal: Int32) {
    SignalSafeRestore.shared.resizePending.store(true, ordering: .releasing)
}
