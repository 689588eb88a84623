import Foundation
import JSONText
import SeededRandom
import Testing
@testable import Deck
@testable import Store
@testable import Study
@testable import Progress

/// The byte-level readers of the import (`ByteScanner`, `CardScanner`, `ReviewScanner`)
/// against the general reader they stand in for: whatever they accept, the general way
/// (`JSONParser`, then the section's checks) accepts with the same values, and they do
/// accept what an export writes, so the fast path is really taken.
@Suite struct ByteScannerFuzzTests {
    static var iterations: Int {
        ProcessInfo.processInfo.environment["SYSDRILL_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 100_000
    }

    // MARK: UTF-8 and numbers

    @Test func utf8ValidationIsTheStandardLibrarys() {
        var checked = 0
        func check(_ bytes: [UInt8]) {
            let ours = bytes.withUnsafeBufferPointer { ByteScanner.isValidUTF8($0) }
            let library = String(validating: bytes, as: UTF8.self) != nil
            if ours != library { Issue.record("\(bytes.map { String($0, radix: 16) }): ours \(ours), library \(library)") }
            checked += 1
        }
        for first in 0...255 {
            check([UInt8(first)])
            for second in 0...255 { check([UInt8(first), UInt8(second)]) }
        }
        // Every lead byte of a longer form with the continuation bytes at their edges.
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0,
                              0xF4, 0xF5, 0xFF]
        for lead in 0xE0...0xFF {
            for second in edges {
                for third in edges {
                    check([UInt8(lead), second, third])
                    for fourth in edges { check([UInt8(lead), second, third, fourth]) }
                }
            }
        }
        var generator = SplitMix64(seed: 41)
        for _ in 0..<Self.iterations {
            let count = Int.random(in: 0...12, using: &generator)
            check((0..<count).map { _ in
                Bool.random(using: &generator) ? edges.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            })
        }
        #expect(checked > Self.iterations)
    }

    @Test func numbersAreReadAsTheGeneralReaderReadsThem() throws {
        var generator = SplitMix64(seed: 43)
        var accepted = 0
        let alphabet = Array("0123456789.eE+-".utf8)
        let wellFormed = ["0", "7", "1.3", "1.2999999999999998", "1000", "1000.0000000000001", "2.5e0", "25E-1", "0.0", "0e5",
                          "123456789012345678", "1234567890123456789", "9.999999999999999e22", "1e308", "1e309", "4.9e-324"]
        for index in 0..<Self.iterations {
            let text: [UInt8]
            if index < wellFormed.count {
                text = Array(wellFormed[index].utf8)
            } else {
                text = (0..<Int.random(in: 1...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            }
            let input = text + Array("}".utf8)
            let scanned: (Double, Int)? = input.withUnsafeBufferPointer { buffer in
                var scanner = ByteScanner(buffer, at: 0)
                return scanner.number().map { ($0, scanner.position) }
            }
            guard let (value, end) = scanned else { continue }
            if index < wellFormed.count { accepted += 1 }
            var cursor = JSONCursor(bytes: input)
            let general = try? cursor.readValue(depth: 0)
            guard let general, let number = general.doubleValue else {
                Issue.record("\(String(decoding: text, as: UTF8.self)): scanned \(value), refused by the general reader")
                continue
            }
            #expect(number.bitPattern == value.bitPattern, "\(String(decoding: text, as: UTF8.self))")
            #expect(cursor.position == end)
        }
        #expect(accepted == wellFormed.count - 2)  // all but 1e309 and the 19-digit integer
    }

    // MARK: Cards

    /// Cards as an export writes them, with SM-2 and FSRS states, and hand-made ones in
    /// the forms the scanner must also take (escapes, other languages, keys reordered,
    /// other whitespace, optional keys left out).
    static func sampleCards() throws -> [String] {
        let folder = ProgressTempFolder()
        let store = try ProgressFixture.store(in: folder)
        let cdn = ProgressFixture.cardID(term: "CDN"), shard = ProgressFixture.cardID(term: "Shard")
        try ProgressFixture.review(store, card: cdn, at: "2026-11-20T09:00:00Z", grade: 4, id: ProgressFixture.reviewID(1))
        try ProgressFixture.review(store, card: cdn, at: "2026-11-21T09:00:00Z", grade: 2, id: ProgressFixture.reviewID(2))
        var texts = try Self.cardTexts(of: ProgressFixture.exportText(store))
        try store.setSetting(ConfigKey.scheduler.rawValue, "fsrs")
        try ProgressFixture.review(store, card: shard, at: "2026-11-22T09:00:00Z", grade: 1, id: ProgressFixture.reviewID(3))
        texts += try Self.cardTexts(of: ProgressFixture.exportText(store))
        let id = "0123456789abcdef"
        texts += [
            #"{"id":"\#(id)","deck":"d","section":[],"kind":"question","term":"","front":"Say \"hi\"\\\/\b\f\n\r\t","back":"Ünïcödé “quotes” 😀","retired":true,"state":null}"#,
            "{\r\n\t\"state\" : null ,\"retired\":false,\"back\":\"b\",\"front\":\"f\",\"term\":\"t\",\"kind\":\"list\",\"items\":[\"a\", \"b\\\"\"],\"section\":[\"s\"],\"deck\":\"x\",\"id\":\"\(id)\",\"position\":2147483647,\"source\":{\"line\":0,\"file\":\"\"}\n}",
            #"{"id":"\#(id)","deck":"d","section":["a"],"kind":"drill","term":"t","front":"f","back":"b","retired":false,"state":{"due":"2026-11-25T09:00:00+01:00","reps":0,"lapses":0,"sm2":{"n":0,"ef":1.3,"interval_d":0},"fsrs":{"state":"relearning","step":null,"stability":0,"difficulty":10}}}"#,
            #"{"id":"\#(id)","deck":"d","section":["a"],"kind":"drill","term":"t","front":"f","back":"b","retired":false,"state":{"phase":"new","due":"2026-11-25T09:00:00Z","reps":1,"lapses":2,"last_review":null,"interval_d":3,"sm2":null,"fsrs":{"state":"learning","step":1,"stability":2.5e-3,"difficulty":1}}}"#,
        ]
        return texts
    }

    static func cardTexts(of export: String) throws -> [String] {
        guard let cards = try JSONParser.parse(export)["cards"]?.arrayValue else { throw ProgressError.inputMissing(path: "export") }
        return cards.map { $0.serialized() }
    }

    /// What the general way makes of a card's text: its ID's value when it is valid.
    static func generalCardID(_ text: [UInt8]) -> UInt64?? {
        guard let value = try? JSONParser.parse(bytes: text) else { return .none }
        var section = CardSection()
        section.read(value, index: 0)
        guard section.checker.problems.isEmpty, section.count == 1, let id = value["id"]?.stringValue else { return .some(nil) }
        return .some(KnownCards.value(CardID(rawValue: id)))
    }

    static func scanCard(_ text: [UInt8]) -> UInt64? {
        text.withUnsafeBufferPointer { buffer in
            guard let card = CardScanner.scan(buffer, from: 0), card.end == buffer.count else { return nil }
            return card.id
        }
    }

    @Test func everyCardAnExportWritesIsScanned() throws {
        let samples = try Self.sampleCards()
        #expect(samples.count > 10)
        for text in samples {
            let bytes = Array(text.utf8)
            let scanned = Self.scanCard(bytes)
            #expect(scanned != nil, "not scanned: \(text)")
            #expect(scanned == Self.generalCardID(bytes) ?? nil, "\(text)")
        }
    }

    @Test(arguments: 0..<2)
    func cardsTheScannerAcceptsTheGeneralWayAccepts(shard: Int) throws {
        let samples = try Self.sampleCards().map { Array($0.utf8) }
        let trees = try samples.map { try JSONParser.parse(bytes: $0) }
        var generator = SplitMix64(seed: 47 + UInt64(shard))
        var scanned = 0, fellBack = 0
        // Bytes that change what a card means: structure, escapes, digits, UTF-8 leads.
        let alphabet = Array("{}[],:\" \\/bnu0123456789.eE-+aftrl_xzZ\t\r\n".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF]
        for index in 0..<(Self.iterations / 2) {
            let base = Int.random(in: 0..<samples.count, using: &generator)
            var input = samples[base]
            if index % 2 == 0 {
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    let position = Int.random(in: 0..<input.count, using: &generator)
                    switch Int.random(in: 0...2, using: &generator) {
                    case 0: input[position] = alphabet.randomElement(using: &generator)!
                    case 1: input.remove(at: position)
                    default: input.insert(alphabet.randomElement(using: &generator)!, at: position)
                    }
                }
            } else {
                input = Array(ImportFuzzTests.replaceRandomValue(in: trees[base], using: &generator).serialized().utf8)
            }
            guard let id = Self.scanCard(input) else { fellBack += 1; continue }
            scanned += 1
            let general = Self.generalCardID(input)
            if general != .some(.some(id)) {
                Issue.record("scanned, but the general way gives \(String(describing: general)): \(String(decoding: input, as: UTF8.self))")
            }
        }
        #expect(scanned > 0 && fellBack > 0)
    }

    // MARK: Reviews

    @Test(arguments: 0..<2)
    func reviewsTheScannerAcceptsTheGeneralWayAcceptsWithTheSameValues(shard: Int) throws {
        let samples = [
            #"{"id":"1b4e28ba-2fa1-41d2-883f-0016d3cca427","card":"0123456789abcdef","at":"2026-11-25T09:00:00Z","grade":4,"duration_ms":5200}"#,
            "{ \"duration_ms\" : 0 ,\n\"grade\":0,\"at\":\"2026-11-25T09:00:00.250+05:30\",\"card\":\"ffffffffffffffff\",\"id\":\"1B4E28BA-2FA1-41D2-883F-0016D3CCA427\" }",
        ].map { Array($0.utf8) }
        var generator = SplitMix64(seed: 53 + UInt64(shard))
        var scanned = 0
        let alphabet = Array("{}[],:\" \\0123456789.eE-+abcdefABCDEFZT_".utf8) + [0x00, 0x80, 0xC3]
        for index in 0..<(Self.iterations / 2) {
            var input = samples[index % samples.count]
            if index >= samples.count {
                for _ in 0..<Int.random(in: 1...2, using: &generator) {
                    let position = Int.random(in: 0..<input.count, using: &generator)
                    if Bool.random(using: &generator) {
                        input[position] = alphabet.randomElement(using: &generator)!
                    } else {
                        input.insert(alphabet.randomElement(using: &generator)!, at: position)
                    }
                }
            }
            let review: ReviewScanner.Review? = input.withUnsafeBufferPointer { buffer in
                guard let review = ReviewScanner.scan(buffer, from: 0), review.end == buffer.count else { return nil }
                return review
            }
            guard let review else { continue }
            scanned += 1
            let text = String(decoding: input, as: UTF8.self)
            guard let value = try? JSONParser.parse(bytes: input) else { Issue.record("scanned, not JSON: \(text)"); continue }
            var checker = JSONChecker()
            let card = checker.cardID(value["card"], "card")
            let at = checker.time(value["at"], "at")
            let grade = checker.integer(value["grade"], "grade", in: 0...5)
            let duration = checker.integer(value["duration_ms"], "duration_ms", in: 0...Int64.max)
            let id = String(decoding: input[review.idStart..<review.idStart + 36], as: UTF8.self)
            #expect(checker.problems.isEmpty && value.objectValue?.entries.count == 5, "\(text)")
            #expect(value["id"]?.stringValue == id && RandomIdentifiers.isUUID(id), "\(text)")
            #expect(card.flatMap(KnownCards.value) == review.card, "\(text)")
            #expect(at == review.at && grade == Int64(review.grade) && duration == review.durationMs, "\(text)")
        }
        #expect(scanned >= samples.count)
    }
}
