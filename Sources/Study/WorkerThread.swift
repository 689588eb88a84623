#if canImport(Glibc)
import Glibc
#endif

/// A closure run on a second thread, joined by `join()`. POSIX threads rather than
/// Dispatch: linking Dispatch would add two libraries to every start-up, and the calculator
/// one-liner races GNU units there. Used by the import to give the machine's second core
/// the database inserts while the first reads the file, by a deck sync to read the deck
/// on it while the first core writes, and by the export to read the database on it while
/// the first core writes JSON (`Prefetched`).
///
/// Whatever the closure shares with the starting thread must be handed over through
/// `Semaphore`s or `join()` (both order memory), never touched by both at once.
package final class WorkerThread: @unchecked Sendable {
    private var thread = pthread_t()
    private var body: (() -> Void)?
    private var running = false

    private init(_ body: @escaping () -> Void) {
        self.body = body
    }

    /// Runs `body` on a new thread; nil when the system gives none (the caller then does
    /// the work itself: waiting for a thread that never started would hang).
    package static func start(_ body: @escaping () -> Void) -> WorkerThread? {
        let worker = WorkerThread(body)
        let context = Unmanaged.passRetained(worker).toOpaque()
        let status = pthread_create(&worker.thread, nil, { context in
            let worker = Unmanaged<WorkerThread>.fromOpaque(context!).takeRetainedValue()
            WorkerThread.leaveSignalsToTheMainThread()
            worker.body?()
            worker.body = nil
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<WorkerThread>.fromOpaque(context).release()
            return nil
        }
        worker.running = true
        return worker
    }

    /// Blocks the signals sent to the process (Ctrl-C, a terminal resize, a stop) on this
    /// thread, so the kernel hands them to the main thread: its handlers expect that, and a
    /// resize must interrupt the main thread's wait for a key to redraw at once. Signals
    /// raised by this thread's own fault (a bus error on a mapped file that shrank) stay
    /// deliverable here.
    private static func leaveSignalsToTheMainThread() {
        var signals = sigset_t()
        sigfillset(&signals)
        for fault in [SIGBUS, SIGSEGV, SIGFPE, SIGILL, SIGTRAP, SIGSYS] { sigdelset(&signals, fault) }
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    /// Waits for the closure to return (at once if it has).
    package func join() {
        guard running else { return }
        pthread_join(thread, nil)
        running = false
    }
}

/// A counting semaphore (POSIX).
package final class Semaphore: @unchecked Sendable {
    private let handle = UnsafeMutablePointer<sem_t>.allocate(capacity: 1)

    package init(_ value: UInt32) {
        sem_init(handle, 0, value)
    }

    deinit {
        sem_destroy(handle)
        handle.deallocate()
    }

    package func wait() {
        while sem_wait(handle) != 0 && errno == EINTR {}
    }

    package func signal() {
        sem_post(handle)
    }

    /// Takes one count if there is one, without waiting.
    package func tryWait() -> Bool {
        while true {
            if sem_trywait(handle) == 0 { return true }
            if errno != EINTR { return false }
        }
    }
}
