import Store

/// The WAL checkpoints of a long write session (a review) run on a second thread with
/// their own connection, so an answer never waits for the disk's flushes (see
/// `WALCheckpoints.swift` in Store). Start it once the session's store is open, `stop()`
/// it before the store closes; without a thread or a second connection the store keeps
/// checkpointing itself, as before.
public final class BackgroundCheckpoints: @unchecked Sendable {
    private let store: StudyStore
    /// Signalled by the WAL hook after each further threshold's worth of commits, and
    /// once by `stop()`.
    private let wake = Semaphore(0)
    /// Signalled by `stop()` before it wakes the worker.
    private let stopRequest = Semaphore(0)
    private let tally = Tally()
    private var worker: WorkerThread?

    private init(store: StudyStore) {
        self.store = store
    }

    /// How many checkpoints the worker ran; read it after `stop()`.
    public var checkpointsRun: Int { tally.checkpoints }

    /// `pages`: the WAL size that asks for a checkpoint (SQLite's own by default; smaller
    /// in tests), at least 1 and at most the default.
    public static func start(for store: StudyStore, pages: Int32 = standardCheckpointPages) -> BackgroundCheckpoints? {
        // Two connections on two threads need an SQLite built thread-safe (Debian's is).
        guard StudyStore.sqliteIsThreadSafe, store.journalMode.lowercased() == "wal", !store.readOnlyFallback,
              let connection = try? store.checkpointConnection() else { return nil }
        let checkpoints = BackgroundCheckpoints(store: store)
        // The worker holds what it uses, not `checkpoints`: `stop()` may run from its deinit.
        let (wake, stopRequest, tally) = (checkpoints.wake, checkpoints.stopRequest, checkpoints.tally)
        checkpoints.worker = WorkerThread.start {
            while true {
                wake.wait()
                // Asked to stop: the checkpoints still asked for are the store's again.
                if stopRequest.tryWait() { return }
                connection.checkpoint()
                tally.checkpoints += 1
            }
        }
        guard checkpoints.worker != nil else { return nil }
        store.handCheckpointsOff(whenWALReaches: pages) { wake.signal() }  // clamped there
        return checkpoints
    }

    /// Gives the checkpoints back to the store and waits for the one running, if any.
    public func stop() {
        guard let worker else { return }
        store.checkpointAutomatically()
        stopRequest.signal()
        wake.signal()
        worker.join()
        self.worker = nil
    }

    deinit {
        stop()
    }
}

/// The worker's count of checkpoints, read after `join`.
private final class Tally: @unchecked Sendable {
    var checkpoints = 0
}
