/// A source of elements run on a second thread, up to two chunks ahead of the thread that
/// takes them. A deck sync reads its Markdown this way on one core while SQLite writes the
/// cards on the other: each side is about half of the work.
///
/// The source's state belongs to the worker from the start until `next()` has returned nil
/// or thrown, or `stop()` has returned; only then may the caller look at it again
/// (`reading(_:_:)` stops it on the way out). Chunks go back and forth through two
/// semaphores, so no element is touched by both threads at once.
package final class Prefetched<Element>: @unchecked Sendable {
    private final class Chunk {
        var elements: [Element] = []
        /// What the source threw after the last of `elements`.
        var failure: (any Error)?
        /// The source has ended or thrown: nothing comes after this chunk.
        var isLast = false
    }

    private let chunkSize: Int
    private let produce: () throws -> Element?
    private let chunks = [Chunk(), Chunk()]
    /// Chunks ready for the taker, chunks free for the worker, and the taker's request to
    /// stop early.
    private let filled = Semaphore(0), free = Semaphore(1), stopRequest = Semaphore(0)
    private var worker: WorkerThread?
    /// The taker's side: the chunk it reads and its place in it.
    private var taking = 0, position = 0
    private var current: Chunk?
    private var ended = false

    /// Starts `produce` on a second thread; with none to be had (`threaded: false`, or the
    /// system gives none), `next()` calls it on the caller's thread instead. The worker
    /// holds this object until it ends: read to the end or call `stop()`.
    package init(chunkSize: Int = 512, threaded: Bool = true, _ produce: @escaping () throws -> Element?) {
        self.chunkSize = max(1, chunkSize)
        self.produce = produce
        if threaded { worker = WorkerThread.start { self.fillChunks() } }
    }

    /// `body` given the elements of `produce`, read ahead on a second thread; the worker is
    /// stopped when `body` returns or throws, so `produce`'s state is the caller's again.
    package static func reading<Result>(chunkSize: Int = 512, threaded: Bool = true, _ produce: @escaping () throws -> Element?,
                                        _ body: (Prefetched<Element>) throws -> Result) throws -> Result {
        let prefetched = Prefetched(chunkSize: chunkSize, threaded: threaded, produce)
        defer { prefetched.stop() }
        return try body(prefetched)
    }

    /// The next element in the source's order; nil after the last. Rethrows what the source
    /// threw, after the elements it gave before.
    package func next() throws -> Element? {
        guard !ended else { return nil }
        guard worker != nil else { return try produceHere() }
        while true {
            if current == nil {
                filled.wait()
                current = chunks[taking]
                position = 0
            }
            let chunk = current!
            if position < chunk.elements.count {
                position += 1
                return chunk.elements[position - 1]
            }
            if chunk.isLast {
                finishWorker()
                if let failure = chunk.failure { throw failure }
                return nil
            }
            current = nil
            taking = 1 - taking
            free.signal()
        }
    }

    /// Stops the worker when the taker wants no more (it failed, say); the source is the
    /// caller's again when this returns. Safe to call more than once.
    package func stop() {
        guard let worker, !ended else { return }
        stopRequest.signal()
        free.signal()
        worker.join()
        self.worker = nil
        ended = true
    }

    private func produceHere() throws -> Element? {
        do {
            guard let element = try produce() else {
                ended = true
                return nil
            }
            return element
        } catch {
            ended = true
            throw error
        }
    }

    private func finishWorker() {
        worker?.join()
        worker = nil
        ended = true
    }

    private func fillChunks() {
        var filling = 0
        while true {
            let chunk = chunks[filling]
            chunk.elements.removeAll(keepingCapacity: true)
            do {
                while chunk.elements.count < chunkSize {
                    guard let element = try produce() else {
                        chunk.isLast = true
                        break
                    }
                    chunk.elements.append(element)
                }
            } catch {
                chunk.failure = error
                chunk.isLast = true
            }
            filled.signal()
            if chunk.isLast { return }
            free.wait()
            if stopRequest.tryWait() { return }
            filling = 1 - filling
        }
    }
}
