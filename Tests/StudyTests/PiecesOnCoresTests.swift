#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Study

/// `PiecesOnCores` runs every piece exactly once, on the calling thread and on workers at
/// the same time, and returns only when all are done.
@Suite struct PiecesOnCoresTests {
    /// What the pieces did, under a lock.
    private final class Record: @unchecked Sendable {
        private let lock = Semaphore(1)
        private var counts: [Int]
        private var flag = false

        init(count: Int) {
            counts = Array(repeating: 0, count: count)
        }

        func ran(_ piece: Int) {
            locked { counts[piece] += 1 }
        }

        func raise() {
            locked { flag = true }
        }

        /// Whether `raise` was called within `seconds`.
        func waitForFlag(seconds: Int) -> Bool {
            for _ in 0..<seconds * 1000 {
                if locked({ flag }) { return true }
                usleep(1000)
            }
            return false
        }

        var perPiece: [Int] { locked { counts } }

        private func locked<T>(_ body: () -> T) -> T {
            lock.wait()
            defer { lock.signal() }
            return body()
        }
    }

    @Test(arguments: [0, 1, 2, 16, 1000])
    func everyPieceRunsOnce(count: Int) {
        let record = Record(count: count)
        PiecesOnCores.run(count) { record.ran($0) }
        #expect(record.perPiece == Array(repeating: 1, count: count))
    }

    /// Piece 0 waits for piece 1: only a second thread running at the same time lets it
    /// see piece 1 happen.
    @Test(.enabled(if: PiecesOnCores.cores > 1, "one core: the pieces run one after another"))
    func piecesRunAtTheSameTimeWhenThereAreCores() {
        let record = Record(count: 2)
        let sawTheOther = Record(count: 1)
        PiecesOnCores.run(2) { piece in
            if piece == 0 {
                if record.waitForFlag(seconds: 20) { sawTheOther.ran(0) }
            } else {
                record.raise()
            }
            record.ran(piece)
        }
        #expect(record.perPiece == [1, 1])
        #expect(sawTheOther.perPiece == [1])
    }
}
