import Study
import Store
import Timekeeping

/// Appends reviews to a `BulkReviewLoad` on a second thread, so SQLite's inserts (as
/// much work as reading the reviews from the file) run beside the reading. The
/// reader fills a chunk of reviews while the worker inserts the previous one; two chunks
/// and two semaphores hand them back and forth, so the connection is only ever used by
/// one thread at a time, and by the worker only between `init` and `finish()`.
final class ReviewInserter: @unchecked Sendable {
    private final class Chunk {
        var ids: [UInt8] = []
        var idEnds: [Int] = []
        /// 16 bytes per review.
        var cards: [UInt8] = []
        var times: [UnixTime] = []
        var grades: [UInt8] = []
        var durations: [Int64] = []
        /// The reader has finished: insert this one and stop.
        var isLast = false

        var count: Int { times.count }

        func removeAll() {
            ids.removeAll(keepingCapacity: true)
            idEnds.removeAll(keepingCapacity: true)
            cards.removeAll(keepingCapacity: true)
            times.removeAll(keepingCapacity: true)
            grades.removeAll(keepingCapacity: true)
            durations.removeAll(keepingCapacity: true)
        }
    }

    private static let chunkSize = 8192
    private let load: BulkReviewLoad
    private let chunks = [Chunk(), Chunk()]
    /// Chunks ready for the worker, and chunks free for the reader.
    private let filled = Semaphore(0), free = Semaphore(1)
    /// The chunk the reader fills (the other one is the worker's or free).
    private var filling = 0
    private var worker: WorkerThread?
    private var finished = false
    /// The first error; nothing is inserted after one. The worker's is read after `join`.
    private var failure: (any Error)?

    /// `threaded: false`, or no thread to be had, inserts each chunk on the caller's thread
    /// as it fills.
    init(load: BulkReviewLoad, threaded: Bool = true) {
        self.load = load
        if threaded { worker = WorkerThread.start { [unowned self] in self.insertChunks() } }
    }

    /// Queues one review; the bytes are copied.
    func append(id: UnsafeBufferPointer<UInt8>, card: UnsafeBufferPointer<UInt8>, at: UnixTime, grade: Int, durationMs: Int64) {
        let chunk = chunks[filling]
        chunk.ids.append(contentsOf: id)
        chunk.idEnds.append(chunk.ids.count)
        chunk.cards.append(contentsOf: card)
        chunk.times.append(at)
        chunk.grades.append(UInt8(grade))
        chunk.durations.append(durationMs)
        guard chunk.count == Self.chunkSize else { return }
        if worker == nil { insertHere() } else { handOver() }
    }

    /// Inserts what is queued, waits for the worker and rethrows the first error; after it
    /// the connection is the caller's again. Safe to call more than once.
    func finish() throws {
        if !finished {
            finished = true
            if let worker {
                chunks[filling].isLast = true
                handOver()
                worker.join()
                self.worker = nil
            } else {
                insertHere()
            }
        }
        if let failure { throw failure }
    }

    private func insertHere() {
        let chunk = chunks[filling]
        if failure == nil {
            do { try insert(chunk) } catch { failure = error }
        }
        chunk.removeAll()
    }

    private func handOver() {
        filled.signal()
        guard !chunks[filling].isLast else { return }
        free.wait()
        filling = 1 - filling
    }

    private func insertChunks() {
        var taking = 0
        while true {
            filled.wait()
            let chunk = chunks[taking]
            if failure == nil {
                do { try insert(chunk) } catch { failure = error }
            }
            if chunk.isLast { return }
            chunk.removeAll()
            taking = 1 - taking
            free.signal()
        }
    }

    private func insert(_ chunk: Chunk) throws {
        try chunk.ids.withUnsafeBufferPointer { ids in
            try chunk.cards.withUnsafeBufferPointer { cards in
                var idStart = 0
                for index in 0..<chunk.count {
                    let idEnd = chunk.idEnds[index]
                    try load.append(id: UnsafeBufferPointer(rebasing: ids[idStart..<idEnd]),
                                    card: UnsafeBufferPointer(rebasing: cards[index * 16..<index * 16 + 16]),
                                    at: chunk.times[index], grade: Int(chunk.grades[index]), durationMs: chunk.durations[index])
                    idStart = idEnd
                }
            }
        }
    }
}
