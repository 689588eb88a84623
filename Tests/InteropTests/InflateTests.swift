import Testing
@testable import Interop

/// RFC 1951's three block types, each on a vector whose meaning is known, plus streams
/// made by this suite's own stored-block writer, and broken streams.
@Suite struct InflateTests {
    static func bytes(_ hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            result.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        return result
    }

    @Test func storedBlock() throws {
        // BFINAL=1, BTYPE=00, then LEN=5, NLEN=~5, then the bytes themselves.
        let stream: [UInt8] = [0x01, 0x05, 0x00, 0xFA, 0xFF] + Array("hello".utf8)
        #expect(try Inflate.inflate(stream) == Array("hello".utf8))
    }

    @Test func fixedHuffmanLiterals() throws {
        // zlib's raw deflate of "hello": one fixed block of five literals.
        #expect(try Inflate.inflate(Self.bytes("cb48cdc9c90700")) == Array("hello".utf8))
    }

    @Test func fixedHuffmanBackReferenceOverlappingItself() throws {
        // "a" then a copy of length 9 at distance 1: the copy reads what it writes.
        #expect(try Inflate.inflate(Self.bytes("4b4c840100")) == Array(repeating: UInt8(ascii: "a"), count: 10))
    }

    static let sentence = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 3)
        + String(repeating: "Caches trade memory for latency; queues trade latency for throughput. ", count: 2)
    /// zlib (level 9, raw) chose one dynamic-Huffman block for `sentence`.
    static let dynamicStream = "b5ccd11144401004d0543a0209f8948204d61af6b08631e36e456f4ba98b80dfeed75d07c26a1f3fa211fecee8f887c1e2b281771268ae277724b4dc17a85fc395f38136a8b8961029b2a43c902c94669fcafc44f607777a090dc2d687c5f4a99713"

    @Test func dynamicHuffmanBlock() throws {
        let stream = Self.bytes(Self.dynamicStream)
        #expect((stream[0] >> 1) & 3 == 2, "the vector must be a dynamic block")
        let output = try Inflate.inflate(stream)
        #expect(String(decoding: output, as: UTF8.self) == Self.sentence)
        #expect(CRC32.checksum(output) == 0x0EE1_0772)
    }

    /// Data cut into stored blocks of at most `size` bytes (the last one final).
    static func storedStream(_ data: [UInt8], blockSize size: Int) -> [UInt8] {
        var stream: [UInt8] = []
        var offset = 0
        repeat {
            let count = min(size, data.count - offset)
            let final: UInt8 = offset + count == data.count ? 1 : 0
            stream += [final, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            stream += data[offset..<(offset + count)]
            offset += count
        } while offset < data.count
        return stream
    }

    @Test(arguments: [1, 7, 300, 65_535])
    func storedBlocksRoundTrip(blockSize: Int) throws {
        var generator = UInt64(blockSize)
        let data = (0..<70_000).map { _ -> UInt8 in
            generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: generator >> 33)
        }
        #expect(try Inflate.inflate(Self.storedStream(data, blockSize: blockSize)) == data)
    }

    @Test func emptyStoredBlock() throws {
        #expect(try Inflate.inflate([0x01, 0x00, 0x00, 0xFF, 0xFF]) == [])
    }

    @Test func truncatedStreamsFailCleanly() {
        let full = Self.bytes(Self.dynamicStream)
        for length in [0, 1, 5, 20, full.count - 1] {
            #expect(throws: Inflate.Failure.truncated) { try Inflate.inflate(Array(full.prefix(length))) }
        }
        #expect(throws: Inflate.Failure.truncated) { try Inflate.inflate([0x01, 0x05, 0x00, 0xFA, 0xFF, 0x68]) }
    }

    @Test func reservedBlockTypeIsRefused() {
        #expect(throws: Inflate.Failure.invalidBlockType) { try Inflate.inflate([0x07, 0x00]) }
    }

    @Test func storedLengthWithWrongComplementIsRefused() {
        #expect(throws: Inflate.Failure.storedLengthMismatch) { try Inflate.inflate([0x01, 0x05, 0x00, 0xFB, 0xFF, 1, 2, 3, 4, 5]) }
    }

    @Test func backReferenceBeforeTheStartIsRefused() {
        // Fixed block: length symbol 257 (7 bits 0000001) then distance code 0 (00000): a
        // copy from before the first byte. Bits LSB first: 1, 01 (fixed), 0000001, 00000.
        var bits: [Int] = [1, 1, 0]
        bits += [0, 0, 0, 0, 0, 0, 1]
        bits += [0, 0, 0, 0, 0]
        var stream: [UInt8] = []
        for (index, bit) in bits.enumerated() {
            if index % 8 == 0 { stream.append(0) }
            stream[index / 8] |= UInt8(bit) << (index % 8)
        }
        stream += [0, 0]
        #expect(throws: Inflate.Failure.distanceTooFar) { try Inflate.inflate(stream) }
    }

    @Test func outputLimitStopsABomb() {
        let stream = Self.storedStream(Array(repeating: 0, count: 1000), blockSize: 100)
        #expect(throws: Inflate.Failure.outputTooLarge(limit: 999)) { try Inflate.inflate(stream, limit: 999) }
    }

    @Test func randomGarbageNeverCrashes() {
        var generator: UInt64 = 42
        for _ in 0..<2000 {
            let count = Int(generator % 64)
            let garbage = (0..<count).map { _ -> UInt8 in
                generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: generator >> 40)
            }
            _ = try? Inflate.inflate(garbage, limit: 1 << 20)
        }
    }

    /// A fixed-Huffman block written bit by bit: `literals` (each below 144, an 8-bit code),
    /// then `copies` back-references of length 258 at distance 32,768 (the farthest DEFLATE
    /// allows), then the end of the block.
    static func farCopies(literals: [UInt8], copies: Int) -> [UInt8] {
        var bytes: [UInt8] = [], buffer = 0, count = 0
        func put(_ value: Int, _ bits: Int) {  // least significant bit first
            for bit in 0..<bits {
                buffer |= (value >> bit & 1) << count
                count += 1
                if count == 8 { bytes.append(UInt8(buffer)); buffer = 0; count = 0 }
            }
        }
        func code(_ value: Int, _ bits: Int) {  // a Huffman code: most significant bit first
            for bit in (0..<bits).reversed() { put(value >> bit & 1, 1) }
        }
        put(1, 1)  // the last block
        put(1, 2)  // fixed Huffman
        for literal in literals { code(0x30 + Int(literal), 8) }
        for _ in 0..<copies {
            code(0xC5, 8)         // length symbol 285: 258, no extra bits
            code(29, 5)           // distance code 29: 24,577 + 13 extra bits
            put(32_768 - 24_577, 13)
        }
        code(0, 7)  // end of block (256)
        if count > 0 { bytes.append(UInt8(buffer)) }
        return bytes
    }

    /// Output handed over in pieces keeps the last 32 KiB for the back-references that
    /// reach across a piece's end: the pieces make what a copy byte by byte makes.
    @Test func piecesKeepTheWindowForBackReferencesAcrossThem() throws {
        var seed: UInt32 = 7
        let literals: [UInt8] = (0..<40_000).map { _ in
            seed = seed &* 1_103_515_245 &+ 12_345
            return UInt8(seed >> 16 % 144)
        }
        let copies = 10_000
        var expected = literals
        for _ in 0..<(copies * 258) { expected.append(expected[expected.count - 32_768]) }
        let stream = Self.farCopies(literals: literals, copies: copies)
        var pieces: [Int] = [], output: [UInt8] = [], read: [Int] = []
        try stream.withUnsafeBufferPointer { input in
            try Inflate.inflate(input) { piece, inputRead in
                pieces.append(piece.count)
                output.append(contentsOf: piece)
                read.append(inputRead)
            }
        }
        #expect(output == expected)
        #expect(pieces.count >= 2 && pieces.dropLast().allSatisfy { $0 >= 1 << 20 && $0 < (1 << 20) + 32_768 })
        #expect(read == read.sorted() && read.last == stream.count)
        // One byte less room than the output: refused, though no piece alone is that big.
        #expect(throws: Inflate.Failure.outputTooLarge(limit: expected.count - 1)) {
            try stream.withUnsafeBufferPointer { input in try Inflate.inflate(input, limit: expected.count - 1) { _, _ in } }
        }
    }
}
