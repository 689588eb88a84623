#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Study

/// `Prefetched` hands a source's elements from a second thread in the source's order,
/// stops at its end or error, and gives the source back when the taker is done.
@Suite struct PrefetchedTests {
    /// Counts 0, 1, 2, … up to `count`, then throws `failure` if it has one, else ends.
    private final class Source {
        let count: Int
        let failure: SourceError?
        private(set) var calls = 0
        /// Calls after the source ended or threw (a taker must not ask again).
        private(set) var callsAfterTheEnd = 0
        private var over = false

        init(count: Int, failure: SourceError? = nil) {
            self.count = count
            self.failure = failure
        }

        func next() throws -> Int? {
            calls += 1
            if over { callsAfterTheEnd += 1 }
            if calls <= count { return calls - 1 }
            over = true
            if let failure { throw failure }
            return nil
        }
    }

    private struct SourceError: Error, Equatable { let code: Int }

    @Test(arguments: [true, false], [1, 3, 512])
    func everyElementComesOnceInOrder(threaded: Bool, chunkSize: Int) throws {
        for count in [0, 1, 2, 3, 7, 1000] {
            let source = Source(count: count)
            let taken = try Prefetched.reading(chunkSize: chunkSize, threaded: threaded, source.next) { prefetched in
                var taken: [Int] = []
                while let element = try prefetched.next() { taken.append(element) }
                // Asking again after the end gives nil and does not reach the source.
                #expect(try prefetched.next() == nil)
                return taken
            }
            #expect(taken == Array(0..<count), "count \(count)")
            #expect(source.calls == count + 1)
            #expect(source.callsAfterTheEnd == 0)
        }
    }

    @Test(arguments: [true, false])
    func anErrorComesAfterTheElementsBeforeIt(threaded: Bool) throws {
        let source = Source(count: 10, failure: SourceError(code: 42))
        var taken: [Int] = []
        let thrown = try Prefetched.reading(chunkSize: 4, threaded: threaded, source.next) { prefetched -> SourceError? in
            do {
                while let element = try prefetched.next() { taken.append(element) }
                return nil
            } catch let error as SourceError {
                #expect(try prefetched.next() == nil)
                return error
            }
        }
        #expect(thrown == SourceError(code: 42))
        #expect(taken == Array(0..<10))
        #expect(source.callsAfterTheEnd == 0)
    }

    @Test func aTakerThatStopsEarlyStopsTheWorkerWithinTwoChunks() throws {
        let source = Source(count: 100_000)
        let taken = try Prefetched.reading(chunkSize: 16, source.next) { prefetched in
            [try prefetched.next(), try prefetched.next()]
        }
        #expect(taken == [0, 1])
        // The worker has been joined: it read at most the chunk being taken and the one
        // after it, and reads no more (a worker left running would go on past 32).
        let calls = source.calls
        #expect(calls >= 2 && calls <= 32, "\(calls) calls")
        usleep(50_000)
        #expect(source.calls == calls)
    }

    @Test func aTakerThatThrowsStopsTheWorkerAndRethrows() {
        let source = Source(count: 100_000)
        #expect(throws: SourceError(code: 7)) {
            try Prefetched.reading(chunkSize: 8, source.next) { prefetched in
                _ = try prefetched.next()
                throw SourceError(code: 7)
            }
        }
        #expect(source.calls <= 16)
        #expect(source.callsAfterTheEnd == 0)
    }

    // `forEach` takes a source that hands its elements over (as the store's row loops do).

    @Test func aSourceThatCatchesTheStopIsStoppedAgainAtItsNextElement() {
        var emitted = 0, caught = 0, taken = 0
        #expect(throws: SourceError(code: 5)) {
            try Prefetched<Int>.forEach(chunkSize: 4, emitting: { emit in
                for element in 0..<100_000 {
                    do {
                        try emit(element)
                        emitted += 1
                    } catch {
                        caught += 1
                        if caught == 3 { return }
                    }
                }
            }) { _ in
                taken += 1
                if taken == 2 { throw SourceError(code: 5) }
            }
        }
        // Each element after the stop throws again: without that, the source would have
        // put the other 99,990 into one chunk after catching the first throw.
        #expect(caught == 3)
        #expect(emitted <= 8, "\(emitted) emitted")
    }

    @Test(arguments: [true, false], [1, 3, 512])
    func anEmittingSourceGivesEveryElementOnceInOrder(threaded: Bool, chunkSize: Int) throws {
        for count in [0, 1, 2, 3, 7, 1000] {
            var taken: [Int] = []
            try Prefetched<Int>.forEach(chunkSize: chunkSize, threaded: threaded, emitting: { emit in
                for element in 0..<count { try emit(element) }
            }) { taken.append($0) }
            #expect(taken == Array(0..<count), "count \(count)")
        }
    }

    @Test(arguments: [true, false])
    func anEmittingSourceThatThrowsStopsAfterTheElementsBeforeIt(threaded: Bool) {
        var taken: [Int] = []
        #expect(throws: SourceError(code: 3)) {
            try Prefetched<Int>.forEach(chunkSize: 4, threaded: threaded, emitting: { emit in
                for element in 0..<10 { try emit(element) }
                throw SourceError(code: 3)
            }) { taken.append($0) }
        }
        #expect(taken == Array(0..<10))
    }

    @Test(arguments: [true, false])
    func aConsumerThatThrowsStopsTheEmittingSource(threaded: Bool) {
        let source = Source(count: 100_000)
        var taken = 0
        #expect(throws: SourceError(code: 9)) {
            try Prefetched<Int>.forEach(chunkSize: 8, threaded: threaded, emitting: { emit in
                while let element = try source.next() { try emit(element) }
            }) { _ in
                taken += 1
                if taken == 5 { throw SourceError(code: 9) }
            }
        }
        // The source is stopped within the two chunks it may read ahead, and no more is
        // read once `forEach` has returned.
        #expect(taken == 5)
        let calls = source.calls
        #expect(calls >= 5 && calls <= 16 + 1, "\(calls) calls")
        usleep(50_000)
        #expect(source.calls == calls)
    }

    @Test func aTakerThatTakesNothingStillStops() throws {
        let source = Source(count: 100_000)
        try Prefetched.reading(chunkSize: 8, source.next) { _ in }
        #expect(source.calls <= 16)
    }
}
