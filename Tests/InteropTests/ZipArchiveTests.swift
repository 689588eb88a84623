import Testing
@testable import Interop

@Suite struct ZipArchiveTests {
    /// Made by Python's zipfile (ZIP_DEFLATED): a deflated member and an empty stored one.
    static let pythonZip = InflateTests.bytes("504b0304140000000800d542865d7207e10e62000000130100000b0000006e6f7465732f612e747874b5ccd11144401004d0543a0209f8948204d61af6b08631e36e456f4ba98b80dfeed75d07c26a1f3fa211fecee8f887c1e2b281771268ae277724b4dc17a85fc395f38136a8b8961029b2a43c902c94669fcafc44f607777a090dc2d687c5f4a99713504b03041400000000000000210000000000000000000000000009000000656d7074792e747874504b01021403140000000800d542865d7207e10e62000000130100000b00000000000000000000008001000000006e6f7465732f612e747874504b010214031400000000000000210000000000000000000000000009000000000000000000000080018b000000656d7074792e747874504b0506000000000200020070000000b20000000000")

    @Test func readsAnArchiveAnotherToolMade() throws {
        let archive = try ZipArchive(bytes: Self.pythonZip)
        #expect(archive.entries.map(\.name) == ["notes/a.txt", "empty.txt"])
        #expect(archive.entries.map(\.method) == [8, 0])
        let text = try archive.data(of: archive.entry(named: "notes/a.txt")!)
        #expect(String(decoding: text, as: UTF8.self) == InflateTests.sentence)
        #expect(try archive.data(of: archive.entry(named: "empty.txt")!) == [])
        #expect(ZipArchive.looksLikeZip(Array(Self.pythonZip.prefix(4))))
    }

    @Test func writerAndReaderRoundTrip() throws {
        let members: [(name: String, data: [UInt8])] = [("collection.anki2", Array(repeating: 7, count: 5000)),
                                                        ("media", Array("{}".utf8)), ("ünïcode name.txt", []), ("b", Array(0...255))]
        let archive = try ZipArchive(bytes: try ZipWriter.archive(members))
        #expect(archive.entries.map(\.name) == members.map(\.0))
        for (name, data) in members {
            #expect(try archive.data(of: archive.entry(named: name)!) == data)
        }
    }

    @Test func everyTruncationIsAClearErrorNeverACrash() {
        for length in 0..<Self.pythonZip.count {
            let cut = Array(Self.pythonZip.prefix(length))
            do {
                let archive = try ZipArchive(bytes: cut)
                for entry in archive.entries { _ = try archive.data(of: entry) }
                Issue.record("a zip cut to \(length) bytes was read without an error")
            } catch {
                #expect(!error.reason.isEmpty)
            }
        }
    }

    @Test func damagedMemberFailsItsCRC() throws {
        // A stored member, so a flipped byte still reads and only the CRC can tell.
        var bytes = try ZipWriter.archive([("x", Array("hello world".utf8))])
        bytes[31] ^= 0x20  // the first data byte (30-byte header + 1-byte name)
        let archive = try ZipArchive(bytes: bytes)
        #expect(throws: ZipArchive.Failure("'x' is damaged: its CRC-32 does not match")) {
            try archive.data(of: archive.entries[0])
        }
    }

    @Test func notAZipAtAll() {
        #expect(throws: ZipArchive.Failure.self) { try ZipArchive(bytes: Array("just some text, long enough to look".utf8)) }
        #expect(!ZipArchive.looksLikeZip(Array("SQLite format 3".utf8)))
    }

    /// A member handed over in pieces gives the archive of the member handed over whole;
    /// pieces that do not add up to the announced size are refused.
    @Test func aMemberInPiecesIsTheSameMember() throws {
        let data = (0..<70_000).map { UInt8($0 % 251) }
        var streamed: [UInt8] = []
        var writer = ZipWriter { streamed += $0 }
        try writer.add(name: "collection.anki2", size: data.count, crc: CRC32.checksum(data)) { piece in
            for start in stride(from: 0, to: data.count, by: 4_096) { try piece(Array(data[start..<min(start + 4_096, data.count)])) }
        }
        try writer.add(name: "media", data: Array("{}".utf8))
        try writer.finish()
        #expect(streamed == (try ZipWriter.archive([("collection.anki2", data), ("media", Array("{}".utf8))])))
        var short = ZipWriter { _ in }
        #expect(throws: ZipArchive.Failure.self) {
            try short.add(name: "x", size: 10, crc: 0) { try $0([1, 2, 3]) }
        }
    }
}
