#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Terminal

@Suite("LineReader")
struct LineReaderTests {
    /// Writes `bytes` into a pipe, closes it, and reads every line back.
    private func lines(from bytes: [UInt8], chunkSize: Int = 4096) throws -> [String] {
        let fds = makePipe()
        defer { close(fds.read) }
        writeAll(fds.write, bytes)
        close(fds.write)
        let reader = LineReader(fileDescriptor: fds.read, chunkSize: chunkSize)
        var result: [String] = []
        while let line = try reader.nextLine() { result.append(line) }
        #expect(try reader.nextLine() == nil)
        return result
    }

    @Test func splitsOnNewline() throws {
        #expect(try lines(from: Array("good\nagain\n\nhard\n".utf8)) == ["good", "again", "", "hard"])
    }

    @Test func stripsCarriageReturns() throws {
        #expect(try lines(from: Array("good\r\nagain\r\n".utf8)) == ["good", "again"])
    }

    @Test func keepsALastLineWithoutNewline() throws {
        #expect(try lines(from: Array("one\ntwo".utf8)) == ["one", "two"])
    }

    @Test func emptyInputHasNoLines() throws {
        #expect(try lines(from: []) == [])
        #expect(try lines(from: [0x0A]) == [""])
    }

    @Test func invalidUTF8IsReplacedNotFatal() throws {
        #expect(try lines(from: [0x61, 0xFF, 0x62, 0x0A, 0xC3, 0xA9, 0x0A]) == ["a\u{FFFD}b", "é"])
    }

    @Test("lines and characters split across reads", arguments: [1, 2, 3, 7, 4096])
    func splitAcrossReads(chunkSize: Int) throws {
        let text = "première ligne\r\n→ second\nthird 😀 line without end"
        #expect(try lines(from: Array(text.utf8), chunkSize: chunkSize)
                == ["première ligne", "→ second", "third 😀 line without end"])
    }

    @Test func readsALongInput() throws {
        let expected = (0..<5000).map { "answer \($0)" }
        let bytes = Array(expected.joined(separator: "\n").utf8)
        // Larger than a pipe buffer: write from another thread while reading.
        let fds = makePipe()
        defer { close(fds.read) }
        let writer = Thread { writeAll(fds.write, bytes); close(fds.write) }
        let reader = LineReader(fileDescriptor: fds.read)
        var result: [String] = []
        while let line = try reader.nextLine() { result.append(line) }
        writer.join()
        #expect(result == expected)
    }
}

extension LineReaderTests {
    /// Issue 17: a line longer than the limit keeps its first part; the rest is dropped as
    /// it is read (memory stays bounded), and the next line is read as usual.
    @Test(arguments: [7, 4096])
    func aVeryLongLineIsCutAndTheNextOneStillRead(chunkSize: Int) throws {
        // Small enough for the pipe to hold all of it before it is read (64 KiB).
        let long = [UInt8](repeating: UInt8(ascii: "x"), count: LineReader.maximumLineLength + 7_000)
        let read = try lines(from: long + Array("\nnext\n".utf8) + long, chunkSize: chunkSize)
        #expect(read.count == 3)
        #expect(read[0].utf8.count == LineReader.maximumLineLength)
        #expect(read[1] == "next")
        #expect(read[2].utf8.count == LineReader.maximumLineLength)
    }
}
