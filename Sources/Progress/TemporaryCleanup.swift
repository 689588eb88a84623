#if canImport(Glibc)
import Glibc
#endif

/// Removes the export's temporary file when SIGINT, SIGTERM, SIGHUP or SIGQUIT ends the
/// process mid-write (issue 17: each interrupted export left a `FILE.tmp-XXXX` as big as
/// the export).
///
/// The handler may only make async-signal-safe calls, so the path lives in a buffer
/// allocated once, before any handler is installed; `begin` and `end` change it with
/// those signals blocked, so the handler never sees half a path. The handler unlinks the
/// file, puts back the default action and re-raises, so the process still dies by the
/// signal (exit status 128+signo for a shell). A signal that was ignored when the
/// export began (SIGHUP under nohup) stays ignored.
enum TemporaryCleanup {
    static let capacity = Int(PATH_MAX) + 1
    /// The current temporary path, NUL-terminated; an empty string when there is none.
    nonisolated(unsafe) static let path: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
        buffer.initialize(repeating: 0, count: capacity)
        return buffer
    }()
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    nonisolated(unsafe) static var previous: [Int32: sigaction] = [:]

    static func begin(_ temporary: String) {
        _ = path  // allocated before the handlers can run
        withSignalsBlocked {
            let bytes = Array(temporary.utf8CString.prefix(capacity - 1))
            for (index, byte) in bytes.enumerated() { path[index] = byte }
            path[bytes.count] = 0
            for signal in signals {
                var old = sigaction()
                guard sigaction(signal, nil, &old) == 0 else { continue }
                if isIgnored(old) { continue }
                previous[signal] = old
                var action = sigaction()
                sigemptyset(&action.sa_mask)
                action.__sigaction_handler.sa_handler = removeTemporaryThenDie
                action.sa_flags = 0
                sigaction(signal, &action, nil)
            }
        }
    }

    static func end() {
        withSignalsBlocked {
            path[0] = 0
            for (signal, old) in previous {
                var old = old
                sigaction(signal, &old, nil)
            }
            previous = [:]
        }
    }

    private static func withSignalsBlocked(_ body: () -> Void) {
        var blocked = sigset_t(), old = sigset_t()
        sigemptyset(&blocked)
        for signal in signals { sigaddset(&blocked, signal) }
        pthread_sigmask(SIG_BLOCK, &blocked, &old)
        body()
        pthread_sigmask(SIG_SETMASK, &old, nil)
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        guard let handler = action.__sigaction_handler.sa_handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    }
}

/// Runs inside a signal handler: unlink(2), signal(2) and raise(3) only.
private func removeTemporaryThenDie(_ signal: Int32) {
    let path = TemporaryCleanup.path
    if path[0] != 0 { unlink(path) }
    Glibc.signal(signal, SIG_DFL)
    // Blocked while this handler runs: delivered with the default action on return.
    raise(signal)
}
