#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs numbered pieces of work on the machine's cores: the calling thread and one worker
/// thread fewer than there are cores each take the next piece not yet taken, until none
/// is left, and the call returns once all are done. For work that only computes, whose
/// pieces each write their own results (the FSRS optimizer's objective, for `optimize`).
package enum PiecesOnCores {
    package static func run(_ count: Int, _ piece: @escaping @Sendable (Int) -> Void) {
        let queue = PieceQueue(count: count)
        let workers = (0..<max(0, min(cores, count) - 1)).compactMap { _ in
            WorkerThread.start { queue.takeAll(piece) }
        }
        // A worker the system would not start leaves its share to the others.
        queue.takeAll(piece)
        for worker in workers { worker.join() }
    }

    /// Cores online (at least 1). Not the process's CPU affinity (`taskset`, a container's
    /// CPU set), which Swift's Glibc module does not expose: there, more threads than
    /// cores share them, with the same result.
    package static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

/// The next piece to take, under a lock.
private final class PieceQueue: @unchecked Sendable {
    private let lock = Semaphore(1)
    private let count: Int
    private var taken = 0

    init(count: Int) {
        self.count = count
    }

    /// Runs pieces one after another until every one has been taken (by any thread).
    func takeAll(_ piece: (Int) -> Void) {
        while let index = next() { piece(index) }
    }

    private func next() -> Int? {
        lock.wait()
        defer { lock.signal() }
        guard taken < count else { return nil }
        taken += 1
        return taken - 1
    }
}
