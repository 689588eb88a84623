import Testing
import SeededRandom
@testable import Terminal

@Suite("KeyDecoder")
struct KeyDecoderTests {
    private func decode(_ bytes: [UInt8]) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.feed(bytes) + decoder.flushPending()
    }

    private static let esc: UInt8 = 0x1B

    @Test("single bytes", arguments: [
        (UInt8(0x0D), Key.enter), (0x0A, .enter), (0x09, .tab), (0x7F, .backspace), (0x08, .backspace),
        (0x03, .interrupt), (0x04, .endOfInput), (0x01, .control("a")), (0x1A, .control("z")),
        (0x00, .control("@")), (0x1C, .control("\\")), (0x1F, .control("_")),
        (0x20, .character(" ")), (0x71, .character("q")), (0x7E, .character("~")),
    ] as [(UInt8, Key)])
    func singleByte(byte: UInt8, expected: Key) {
        #expect(decode([byte]) == [expected])
    }

    @Test("escape sequences", arguments: [
        ("[A", Key.up), ("[B", .down), ("[C", .right), ("[D", .left), ("[H", .home), ("[F", .end),
        ("OA", .up), ("OB", .down), ("OC", .right), ("OD", .left), ("OH", .home), ("OF", .end),
        ("[1~", .home), ("[7~", .home), ("[4~", .end), ("[8~", .end), ("[2~", .insert), ("[3~", .delete),
        ("[5~", .pageUp), ("[6~", .pageDown), ("[Z", .backTab),
        ("[1;5C", .right), ("[1;2A", .up), ("[3;5~", .delete), ("[1;3D", .left),
        ("[15~", .unknown([esc] + Array("[15~".utf8))), ("OP", .unknown([esc] + Array("OP".utf8))),
        ("[?1;2c", .unknown([esc] + Array("[?1;2c".utf8))), ("[200~", .unknown([esc] + Array("[200~".utf8))),
    ] as [(String, Key)])
    func escapeSequence(tail: String, expected: Key) {
        #expect(decode([Self.esc] + Array(tail.utf8)) == [expected])
    }

    @Test func loneEscapeWaitsForFlush() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.hasPendingBytes)
        #expect(decoder.flushPending() == [.escape])
        #expect(!decoder.hasPendingBytes)
        #expect(decoder.flushPending() == [])
    }

    @Test func arrowSplitAcrossFeedsIsStillAnArrow() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.feed([0x5B]) == [])
        #expect(decoder.feed([0x31, 0x3B, 0x35]) == [])
        #expect(decoder.feed([0x43, 0x61]) == [.right, .character("a")])
    }

    @Test func escapeThenLetterIsTwoKeys() {
        #expect(decode([0x1B, 0x78]) == [.escape, .character("x")])
        #expect(decode([0x1B, 0x1B]) == [.escape, .escape])
        #expect(decode([0x1B, 0x1B, 0x5B, 0x41]) == [.escape, .up])
    }

    @Test func stalledIntroducerIsEscapeThenCharacter() {
        #expect(decode([0x1B, 0x5B]) == [.escape, .character("[")])
        #expect(decode([0x1B, 0x4F]) == [.escape, .character("O")])
        #expect(decode([0x1B, 0x5B, 0x31]) == [.unknown([0x1B, 0x5B, 0x31])])
    }

    @Test func controlByteInsideASequenceIsNotLost() {
        #expect(decode([0x1B, 0x5B, 0x31, 0x03]) == [.unknown([0x1B, 0x5B, 0x31]), .interrupt])
        #expect(decode([0x1B, 0x5B, 0x03]) == [.escape, .character("["), .interrupt])
        #expect(decode([0x1B, 0x4F, 0x03]) == [.escape, .character("O"), .interrupt])
        #expect(decode([0x1B, 0x03]) == [.escape, .interrupt])
        #expect(decode([0xE2, 0x86, 0x03]) == [.unknown([0xE2, 0x86]), .interrupt])
    }

    @Test func overlongSequenceIsCutOff() {
        let bytes: [UInt8] = [0x1B, 0x5B] + Array(repeating: 0x31, count: 100) + [0x41]
        let keys = decode(bytes)
        #expect(keys.allSatisfy { if case .unknown = $0 { true } else { $0 == .character("1") || $0 == .character("A") } })
        #expect(keys.first == .unknown(Array(bytes.prefix(KeyDecoder.maximumSequenceLength))))
    }

    @Test("UTF-8 split at every byte boundary", arguments: ["é", "→", "😀", "日本", "aé→😀b"])
    func utf8SplitEverywhere(text: String) {
        let bytes = Array(text.utf8)
        let expected = text.unicodeScalars.map { Key.character(Character($0)) }
        #expect(decode(bytes) == expected)
        for cut in 0...bytes.count {
            var decoder = KeyDecoder()
            let keys = decoder.feed(Array(bytes[..<cut])) + decoder.feed(Array(bytes[cut...]))
            #expect(keys == expected, "cut at \(cut)")
            #expect(!decoder.hasPendingBytes)
        }
        var decoder = KeyDecoder()
        let oneByOne = bytes.flatMap { decoder.feed([$0]) }
        #expect(oneByOne == expected)
    }

    @Test func combiningSequenceIsOneKeyPerScalar() {
        #expect(decode(Array("e\u{301}".utf8)) == [.character("e"), .character("\u{301}")])
    }

    @Test func invalidUTF8BecomesUnknown() {
        #expect(decode([0xFF]) == [.unknown([0xFF])])
        #expect(decode([0x80, 0x61]) == [.unknown([0x80]), .character("a")])
        #expect(decode([0xC0, 0xAF]) == [.unknown([0xC0]), .unknown([0xAF])])  // overlong "/"
        #expect(decode([0xED, 0xA0, 0x80]) == [.unknown([0xED]), .unknown([0xA0]), .unknown([0x80])])  // surrogate
        #expect(decode([0xF4, 0x90, 0x80, 0x80]).count == 4)  // past U+10FFFF
        #expect(decode([0xC3, 0x61]) == [.unknown([0xC3]), .character("a")])
        #expect(decode([0xC2, 0x85]) == [.unknown([0xC2, 0x85])])  // C1 control NEL
    }

    @Test func incompleteUTF8AtFlushIsUnknown() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0xF0, 0x9F, 0x98]) == [])
        #expect(decoder.flushPending() == [.unknown([0xF0, 0x9F, 0x98])])
    }

    @Test func pasteOfMixedInput() {
        let bytes = Array("ok\r".utf8) + [0x1B, 0x5B, 0x41, 0x7F] + Array("ü\n".utf8)
        #expect(decode(bytes) == [.character("o"), .character("k"), .enter, .up, .backspace, .character("ü"), .enter])
    }

    /// Random bytes, weighted toward the bytes that start and continue sequences, fed in
    /// random chunk sizes: never crashes, every Ctrl-C and Ctrl-D byte comes out as its
    /// key, and the pending tail stays bounded.
    @Test func fuzzNeverCrashesNorLosesControlKeys() {
        var random = SplitMix64(seed: 0x5EED_D21C)
        let interesting: [UInt8] = [0x1B, 0x5B, 0x4F, 0x31, 0x3B, 0x7E, 0x41, 0x03, 0x04, 0xC3, 0xE2, 0xF0, 0x80, 0xBF, 0x9F]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(200_000)
        for _ in 0..<200_000 {
            let roll = random.next()
            bytes.append(roll % 3 == 0 ? UInt8(truncatingIfNeeded: roll >> 8)
                                       : interesting[Int((roll >> 8) % UInt64(interesting.count))])
        }
        var decoder = KeyDecoder()
        var keys: [Key] = []
        var offset = 0
        while offset < bytes.count {
            let size = Int(random.next() % 17) + 1
            let end = min(bytes.count, offset + size)
            keys += decoder.feed(Array(bytes[offset..<end]))
            if random.next() % 50 == 0 { keys += decoder.flushPending() }
            offset = end
        }
        keys += decoder.flushPending()
        #expect(keys.filter { $0 == .interrupt }.count == bytes.filter { $0 == 0x03 }.count)
        #expect(keys.filter { $0 == .endOfInput }.count == bytes.filter { $0 == 0x04 }.count)
        for key in keys {
            if case let .unknown(raw) = key { #expect(raw.count <= KeyDecoder.maximumSequenceLength) }
        }
    }
}

