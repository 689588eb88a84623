import Foundation
import SeededRandom
import JSONText
import Testing
@testable import Deck
@testable import Store
@testable import Study
@testable import Progress

/// The import validator on random and mutated progress files: never a crash, a trap or a
/// hang, and every rejection names where the problem is (line:column for broken JSON, a
/// JSON path for a wrong document). `SYSDRILL_FUZZ_ITERATIONS` raises the count.
@Suite struct ImportFuzzTests {
    static var iterations: Int {
        ProcessInfo.processInfo.environment["SYSDRILL_FUZZ_ITERATIONS"].flatMap(Int.init) ?? 100_000
    }

    /// A small but complete export: one reviewed card, one new card, one retired card
    /// known only to the file, a quiz answer and a drill, so every part of the
    /// validator is reached while each iteration stays cheap in a debug build.
    static func baseDocument() throws -> (text: String, cards: Set<CardID>) {
        let folder = ProgressTempFolder()
        let store = try ProgressFixture.store(in: folder)
        let cdn = ProgressFixture.cardID(term: "CDN")
        try ProgressFixture.review(store, card: cdn, at: "2026-11-20T09:00:00Z", grade: 4, id: ProgressFixture.reviewID(1))
        try ProgressFixture.review(store, card: cdn, at: "2026-11-21T09:00:00Z", grade: 2, id: ProgressFixture.reviewID(2))
        try store.insertQuizResult(QuizResultRecord(id: ProgressFixture.reviewID(3), sessionID: ProgressFixture.reviewID(4),
                                                    at: 1_795_597_200, mode: "typed", cardID: cdn, prompt: "Edge caching",
                                                    expected: "CDN", given: "CDN", correct: true, durationMs: 900))
        try store.saveDrill(DrillResultRecord(id: ProgressFixture.reviewID(5), cardID: nil, name: "URL shortener", minutes: 45,
                                              startedAt: 1_795_590_000, updatedAt: 1_795_597_200, phase: 6, elapsedSeconds: 2700,
                                              phaseScores: [3, 2, 2, 1, 3, 2, 2], total: 70, status: .finished))
        guard case .object(var root) = try JSONParser.parse(try ProgressFixture.exportText(store)),
              case .array(let cards) = root["cards"] else { throw ProgressError.inputMissing(path: "fixture") }
        let kept = cards.filter { ["CDN", "TTL"].contains($0["term"]?.stringValue ?? "") }
        root.set("cards", .array(kept))
        let known = Set(kept.compactMap { $0["id"]?.stringValue }.map(CardID.init(rawValue:)))
        return (JSONValue.object(root).serialized(), known)
    }

    /// Four shards of the iterations with their own seeds, so the cases run in parallel.
    @Test(arguments: 0..<4)
    func mutatedFilesAreAcceptedOrRejectedWithALocation(shard: Int) throws {
        let (text, cards) = try Self.baseDocument()
        let bytes = Array(text.utf8)
        let root = try JSONParser.parse(text)
        var generator = SplitMix64(seed: 7 + UInt64(shard))
        var accepted = 0, syntax = 0, invalid = 0
        let count = Self.iterations / 4
        for index in 0..<count {
            let input: [UInt8]
            switch index % 4 {
            case 0:  // flip, drop or insert a few bytes
                var mutated = bytes
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    let position = Int.random(in: 0..<mutated.count, using: &generator)
                    switch Int.random(in: 0...2, using: &generator) {
                    case 0: mutated[position] = UInt8.random(in: 0...255, using: &generator)
                    case 1: mutated.remove(at: position)
                    default: mutated.insert(Array("{}[],:\"0-e".utf8).randomElement(using: &generator)!, at: position)
                    }
                }
                input = mutated
            case 1:  // cut off anywhere
                input = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            case 2:  // a well-formed document with one value replaced by something else
                input = Array(Self.replaceRandomValue(in: root, using: &generator).serialized().utf8)
            default:  // random JSON-ish noise
                input = (0..<Int.random(in: 0...64, using: &generator)).map { _ in
                    Array("{}[]\":,0123456789.eE-+truefalsnl \\u".utf8).randomElement(using: &generator)!
                }
            }
            do {
                _ = try ProgressImport.document(bytes: input, path: "fuzz.json", localCards: cards)
                accepted += 1
            } catch {
                switch error {
                case .malformedJSON(let path, let position):
                    syntax += 1
                    if path != "fuzz.json" || position.line < 1 || position.column < 1 { Issue.record("bad location: \(error)") }
                case .invalidDocument(_, let problems):
                    invalid += 1
                    if problems.isEmpty || !problems.allSatisfy({ $0.path.hasPrefix("$") && !$0.message.isEmpty }) {
                        Issue.record("problem without a JSON path: \(problems)")
                    }
                default:
                    Issue.record("unexpected error \(error)")
                }
            }
        }
        #expect(accepted + syntax + invalid == count)
        #expect(syntax > 0 && invalid > 0)
    }

    /// The streamed import (`ProgressImport.streamed`, the way into a log with no reviews)
    /// on mutated files, as dry runs on one database: it gives up exactly when reading the
    /// file whole finds a problem, its report is the whole way's, and nothing ever stays.
    @Test(arguments: 0..<2)
    func streamedImportAgreesWithReadingWhole(shard: Int) throws {
        let (text, _) = try Self.baseDocument()
        let bytes = Array(text.utf8)
        let root = try JSONParser.parse(text)
        let folder = ProgressTempFolder()
        let store = try ProgressFixture.store(in: folder)
        let importer = ProgressImport(store: store, bulkReviews: .max)
        let before = try ProgressFixture.snapshot(store)
        var generator = SplitMix64(seed: 101 + UInt64(shard))
        var streamed = 0, refused = 0
        let count = max(200, Self.iterations / 100)
        for index in 0..<count {
            var input = bytes
            switch index % 3 {
            case 0:
                let position = Int.random(in: 0..<input.count, using: &generator)
                input[position] = Array("{}[],:\"0-e5a".utf8).randomElement(using: &generator)!
            case 1:
                input = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            default:
                input = Array(Self.replaceRandomValue(in: root, using: &generator).serialized().utf8)
            }
            let report = try importer.streamed(JSONBytes(copying: input), applySettings: false,
                                               dryRun: true)
            let document = try? ProgressImport.document(bytes: input, path: "fuzz.json", localCards: try store.allCardIDs())
            switch (report, document) {
            case (let report?, let document?):
                streamed += 1
                let whole = try importer.merge(document, applySettings: false, dryRun: true)
                if report.json != whole.json { Issue.record("reports differ for input \(index): \(report.json) vs \(whole.json)") }
            case (nil, nil):
                refused += 1
            default:
                Issue.record("input \(index): streamed \(report != nil), read whole \(document != nil)")
            }
            if try store.reviewCount() != 0 { Issue.record("input \(index) left reviews behind") }
        }
        #expect(streamed > 0 && refused > 0)
        #expect(try ProgressFixture.snapshot(store) == before)
        #expect(try store.connection.pragmaValue("PRAGMA foreign_keys") == "1")
    }

    /// The same document with one value somewhere replaced by a value of another kind.
    static func replaceRandomValue(in value: JSONValue, using generator: inout SplitMix64) -> JSONValue {
        let replacements: [JSONValue] = [.null, .bool(true), .integer(-1), .integer(Int64.max), .number(1e300), .number(-0.5),
                                         .string(""), .string("ffffffffffffffff"), .string("2026-02-30T00:00:00Z"), .array([]),
                                         .object(JSONObject())]
        switch value {
        case .object(var object) where !object.entries.isEmpty:
            let index = Int.random(in: 0..<object.entries.count, using: &generator)
            let key = object.entries[index].key
            if Int.random(in: 0...5, using: &generator) == 0 {
                object[key] = nil  // a missing key
            } else if Bool.random(using: &generator) {
                object.set(key, replaceRandomValue(in: object.entries[index].value, using: &generator))
            } else {
                object.set(key, replacements.randomElement(using: &generator)!)
            }
            return .object(object)
        case .array(var values) where !values.isEmpty:
            let index = Int.random(in: 0..<values.count, using: &generator)
            values[index] = Bool.random(using: &generator) ? replaceRandomValue(in: values[index], using: &generator)
                                                           : replacements.randomElement(using: &generator)!
            return .array(values)
        default:
            return replacements.randomElement(using: &generator)!
        }
    }
}

