/// A source of elements run on a second thread, up to two chunks ahead of the thread that
/// takes them. A deck sync reads its Markdown this way on one core while SQLite writes the
/// cards on the other, and an export reads the database on one while it writes JSON on
/// the other: each side is about half of the work.
///
/// The source's state belongs to the worker from the start until `next()` has returned nil
/// or thrown, or `stop()` has returned; only then may the caller look at it again
/// (`reading(_:_:)` and `forEach(_:_:)` stop it on the way out). Chunks go back and forth
/// through two semaphores, so no element is touched by both threads at once.
package final class Prefetched<Element>: @unchecked Sendable {
    private final class Chunk {
        var elements: [Element] = []
        /// What the source threw after the last of `elements`.
        var failure: (any Error)?
        /// The source has ended or thrown: nothing comes after this chunk.
        var isLast = false
    }

    /// Thrown out of the source's `emit` when the taker has stopped.
    private struct Stopped: Error {}

    private let chunkSize: Int
    /// The source as a loop that hands each element to `emit` (what the worker runs).
    private let emitAll: (_ emit: (Element) throws -> Void) throws -> Void
    /// The source as a function asked for one element at a time, when it is one: `next()`
    /// calls it on the caller's thread when there is no worker.
    private let pull: (() throws -> Element?)?
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
    package convenience init(chunkSize: Int = 512, threaded: Bool = true, _ produce: @escaping () throws -> Element?) {
        self.init(chunkSize: chunkSize, threaded: threaded, pull: produce) { emit in
            while let element = try produce() { try emit(element) }
        }
    }

    private init(chunkSize: Int, threaded: Bool, pull: (() throws -> Element?)?,
                 emitAll: @escaping (_ emit: (Element) throws -> Void) throws -> Void) {
        self.chunkSize = max(1, chunkSize)
        self.pull = pull
        self.emitAll = emitAll
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

    /// Runs `produce` on a second thread and gives each element it hands to `emit` to
    /// `consume` on this one, in order; rethrows the first error of either side. After an
    /// error of `consume`, `produce` is stopped at its next full chunk (its `emit` throws)
    /// and waited for. With no thread to be had, `produce` calls `consume` itself.
    package static func forEach(chunkSize: Int = 512, threaded: Bool = true,
                                emitting produce: @escaping (_ emit: (Element) throws -> Void) throws -> Void,
                                _ consume: (Element) throws -> Void) throws {
        let prefetched = Prefetched(chunkSize: chunkSize, threaded: threaded, pull: nil, emitAll: produce)
        guard prefetched.worker != nil else { return try produce(consume) }
        defer { prefetched.stop() }
        while let element = try prefetched.next() { try consume(element) }
    }

    /// The next element in the source's order; nil after the last. Rethrows what the source
    /// threw, after the elements it gave before.
    package func next() throws -> Element? {
        guard !ended else { return nil }
        guard worker != nil else { return try pullHere() }
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

    private func pullHere() throws -> Element? {
        guard let pull else { preconditionFailure("a source that emits is only read through forEach") }
        do {
            guard let element = try pull() else {
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

    /// The worker: fills a chunk, hands it over when full, and waits for the other one to
    /// be free before it goes on.
    private func fillChunks() {
        var filling = 0
        // Once stopped, every later `emit` throws too, so a source that caught the first
        // throw cannot go on filling a chunk nobody takes.
        var stopped = false
        do {
            try emitAll { element in
                if stopped { throw Stopped() }
                let chunk = chunks[filling]
                chunk.elements.append(element)
                guard chunk.elements.count == chunkSize else { return }
                filled.signal()
                free.wait()
                if stopRequest.tryWait() {
                    stopped = true
                    throw Stopped()
                }
                filling = 1 - filling
                chunks[filling].elements.removeAll(keepingCapacity: true)
            }
        } catch is Stopped {
            return
        } catch {
            chunks[filling].failure = error
        }
        chunks[filling].isLast = true
        filled.signal()
    }
}
