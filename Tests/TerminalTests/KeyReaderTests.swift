#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Terminal

/// KeyReader over a pipe: the same poll/read path as on a terminal, with the timing under
/// the test's control.
@Suite("KeyReader")
struct KeyReaderTests {
    @Test func readsKeysThenEndOfInput() throws {
        let fds = makePipe()
        defer { close(fds.read) }
        writeAll(fds.write, [0x1B, 0x5B, 0x41] + Array("é".utf8) + [0x03, 0x0D])
        close(fds.write)
        let reader = KeyReader(fileDescriptor: fds.read)
        var keys: [Key] = []
        for _ in 0..<6 { keys.append(try #require(try reader.nextKey(timeoutMilliseconds: 1000))) }
        #expect(keys == [.up, .character("é"), .interrupt, .enter, .endOfInput, .endOfInput])
    }

    @Test func timesOutWithNil() throws {
        let fds = makePipe()
        defer { close(fds.read); close(fds.write) }
        let reader = KeyReader(fileDescriptor: fds.read)
        let start = ContinuousClock.now
        #expect(try reader.nextKey(timeoutMilliseconds: 50) == nil)
        let waited = ContinuousClock.now - start
        #expect(waited >= .milliseconds(50))
        #expect(waited < .seconds(2))
        #expect(try reader.nextKey(timeoutMilliseconds: 0) == nil)
    }

    @Test func loneEscapeIsDecidedAfterTheEscapeDelay() throws {
        let fds = makePipe()
        defer { close(fds.read); close(fds.write) }
        let reader = KeyReader(fileDescriptor: fds.read, escapeDelayMilliseconds: 30)
        writeAll(fds.write, [0x1B])
        // Even a zero timeout waits out the escape delay once a key has begun.
        #expect(try reader.nextKey(timeoutMilliseconds: 0) == .escape)
    }

    @Test func sequenceSplitAcrossWritesIsOneKey() throws {
        let fds = makePipe()
        defer { close(fds.read) }
        let writer = Thread {
            writeAll(fds.write, [0x1B, 0x5B])
            usleep(5_000)
            writeAll(fds.write, [0x31, 0x3B, 0x35])
            usleep(5_000)
            writeAll(fds.write, [0x43, 0xF0, 0x9F])
            usleep(5_000)
            writeAll(fds.write, [0x98, 0x80])
            close(fds.write)
        }
        let reader = KeyReader(fileDescriptor: fds.read, escapeDelayMilliseconds: 500)
        #expect(try reader.nextKey(timeoutMilliseconds: 1000) == .right)
        #expect(try reader.nextKey(timeoutMilliseconds: 1000) == .character("😀"))
        #expect(try reader.nextKey(timeoutMilliseconds: 1000) == .endOfInput)
        writer.join()
    }

    @Test func unfinishedKeyAtEndOfInputIsFlushed() throws {
        let fds = makePipe()
        defer { close(fds.read) }
        writeAll(fds.write, [0x61, 0x1B])
        close(fds.write)
        let reader = KeyReader(fileDescriptor: fds.read)
        #expect(try reader.nextKey() == .character("a"))
        #expect(try reader.nextKey() == .escape)
        #expect(try reader.nextKey() == .endOfInput)
    }

    @Test func readErrorIsReported() {
        let reader = KeyReader(fileDescriptor: 9_999)  // not open
        // poll marks a bad descriptor POLLNVAL; the read then fails with EBADF.
        #expect(throws: TerminalError.readFailed(errno: EBADF)) { try reader.nextKey(timeoutMilliseconds: 10) }
    }
}
