import Foundation
import JSONText
import Testing
@testable import Deck
@testable import Scheduling
@testable import Store
@testable import Study
@testable import Progress
import Timekeeping

/// Export, import and merge: schema, round trip, idempotence, divergent histories, and
/// files that must change nothing.
@Suite struct ProgressExportImportTests {
    let folder = ProgressTempFolder()

    static let schema: JSONValue = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/export-schema.json").path
        return try! JSONParser.parse(bytes: Array(FileManager.default.contents(atPath: path)!))
    }()

    /// A history with a bit of everything: several reviews per card, a lapse, a quiz
    /// answer, a finished and an unfinished drill, and a retired card with history.
    func storeWithHistory(named name: String = "a.sqlite") throws -> StudyStore {
        let store = try ProgressFixture.store(in: folder, named: name)
        let cdn = ProgressFixture.cardID(term: "CDN"), shard = ProgressFixture.cardID(term: "Shard")
        try ProgressFixture.review(store, card: cdn, at: "2026-11-01T08:00:00Z", grade: 4, id: ProgressFixture.reviewID(1))
        try ProgressFixture.review(store, card: cdn, at: "2026-11-02T08:00:00Z", grade: 5, id: ProgressFixture.reviewID(2))
        try ProgressFixture.review(store, card: cdn, at: "2026-11-08T09:30:00Z", grade: 1, id: ProgressFixture.reviewID(3), durationMs: 12_345)
        try ProgressFixture.review(store, card: cdn, at: "2026-11-08T09:40:00Z", grade: 3, id: ProgressFixture.reviewID(4))
        try ProgressFixture.review(store, card: shard, at: "2026-11-03T20:00:00Z", grade: 4, id: ProgressFixture.reviewID(5))
        try store.insertQuizResult(QuizResultRecord(id: "quiz-1", sessionID: "s-1", at: ISO8601.parse("2026-11-04T10:00:00Z")!,
                                                    mode: "typed", cardID: shard, prompt: "Shard?", expected: "A piece",
                                                    given: "a \"piece\"\tof\ndata", correct: true, durationMs: 8_000))
        try store.insertQuizResult(QuizResultRecord(id: "quiz-2", sessionID: "s-1", at: ISO8601.parse("2026-11-04T10:01:00Z")!,
                                                    mode: "estimate", cardID: nil, prompt: "QPS?", expected: "1000",
                                                    given: "900", correct: false, durationMs: 20_000))
        try store.saveDrill(DrillResultRecord(id: "drill-1", cardID: shard, name: "Design a shard map", minutes: 45,
                                              startedAt: ISO8601.parse("2026-11-05T18:00:00Z")!, updatedAt: ISO8601.parse("2026-11-05T18:40:00Z")!,
                                              phase: 3, elapsedSeconds: 2_400, phaseScores: [3, 2, 1], total: 66.66666666666667, status: .finished,
                                              notesJSON: #"[{"phase":"requirements","text":"read-heavy"},{"phase":"deep-dives","probe":2,"text":"\"quoted\"\nnote"}]"#,
                                              referenceCovered: 3, referencePoints: 8))
        try store.saveDrill(DrillResultRecord(id: "drill-2", cardID: nil, name: "Rate limiter", minutes: 30,
                                              startedAt: ISO8601.parse("2026-11-06T18:00:00Z")!, updatedAt: ISO8601.parse("2026-11-06T18:05:00Z")!,
                                              phase: 1, elapsedSeconds: 300, phaseScores: [2], total: nil, status: .inProgress))
        // A card that later left its deck keeps its history.
        let gone = Card(id: CardID(rawValue: "00000000000000aa"), deck: "old", section: ["9. Old", "Gone"], kind: .question,
                        term: "Why?", front: "Why \"this\"?", back: "Because\tof\nthat.", items: [],
                        source: SourceLocation(file: "old.md", line: 7), order: 2)
        try store.insertRetiredCard(gone)
        try ProgressFixture.review(store, card: gone.id, at: "2026-10-30T07:00:00Z", grade: 4, id: ProgressFixture.reviewID(6))
        return store
    }

    // MARK: Schema

    @Test func exportMatchesTheSchema() throws {
        let store = try storeWithHistory()
        let document = try JSONParser.parse(try ProgressFixture.exportText(store))
        #expect(SchemaValidator(root: Self.schema).errors(of: document) == [])

        // FSRS states have the other memory object.
        try store.setSetting(ConfigKey.scheduler.rawValue, "fsrs")
        try StateRebuilder(store: store, scheduler: try StudyConfiguration.load(from: store).scheduler.makeScheduler()).rebuild()
        let fsrsDocument = try JSONParser.parse(try ProgressFixture.exportText(store))
        #expect(SchemaValidator(root: Self.schema).errors(of: fsrsDocument) == [])
        let firstState = fsrsDocument["cards"]?.arrayValue?.compactMap { $0["state"]?.objectValue }.first
        #expect(firstState?["sm2"] == .null)
        #expect(firstState?["fsrs"]?["state"] != nil)
    }

    /// `export` streams (reviews written straight as bytes); it must give exactly the
    /// bytes of the document built whole, whatever the IDs hold.
    @Test func streamedExportIsTheDocumentByteForByte() throws {
        let store = try storeWithHistory()
        let card = ProgressFixture.cardID(term: "CDN")
        for (index, id) in ["quote \" and \\ back", "tab\tnew\nline", "line\u{2028}sep", "ünïcödé 🙂", ""].enumerated() {
            try ProgressFixture.review(store, card: card, at: "2026-11-1\(index)T08:00:00Z", grade: index % 6, id: id,
                                       durationMs: Int64(index) * 1_000_000_007)
        }
        let configuration = try StudyConfiguration.load(from: store)
        let time = ISO8601.parse("2026-11-25T09:00:00Z")!
        var streamed: [UInt8] = []
        let counts = try ProgressExport.write(from: store, configuration: configuration, exportedAt: time) { streamed += $0 }
        let whole = ProgressExport.text(try ProgressExport.Contents.load(from: store, configuration: configuration), exportedAt: time)
        #expect(counts.reviews == 11)
        #expect(String(decoding: streamed, as: UTF8.self) == whole)
        #expect(whole.contains(#""id": "quote \" and \\ back""#))
    }

    @Test func theSchemaValidatorRejectsWrongDocuments() throws {
        let store = try storeWithHistory()
        let good = try JSONParser.parse(try ProgressFixture.exportText(store))
        let validator = SchemaValidator(root: Self.schema)
        func mutated(_ change: (inout JSONObject) -> Void) -> JSONValue {
            var object = good.objectValue!
            change(&object)
            return .object(object)
        }
        func firstReview(_ change: @escaping (inout JSONObject) -> Void) -> (inout JSONObject) -> Void {
            { object in
                var reviews = object["reviews"]!.arrayValue!
                var review = reviews[0].objectValue!
                change(&review)
                reviews[0] = .object(review)
                object["reviews"] = .array(reviews)
            }
        }
        let wrong: [(String, JSONValue)] = [
            ("version 2", mutated { $0["version"] = 2 }),
            ("no reviews", mutated { $0["reviews"] = nil }),
            ("extra key", mutated { $0["extra"] = true }),
            ("grade 7", mutated(firstReview { $0["grade"] = 7 })),
            ("grade as text", mutated(firstReview { $0["grade"] = "4" })),
            ("id not a UUID", mutated(firstReview { $0["id"] = "r1" })),
            ("time without zone", mutated(firstReview { $0["at"] = "2026-11-01T08:00:00" })),
            ("card ID too short", mutated(firstReview { $0["card"] = "abc" })),
            ("scheduler unknown", mutated { object in
                var scheduler = object["scheduler"]!.objectValue!
                scheduler["name"] = "leitner"
                object["scheduler"] = .object(scheduler)
            }),
        ]
        #expect(validator.errors(of: good).isEmpty)
        for (name, document) in wrong {
            #expect(!validator.errors(of: document).isEmpty, "\(name) passed the schema")
        }
    }

    // MARK: Round trip, idempotence, merge

    @Test func roundTripIntoAnEmptyDatabaseIsIdentical() throws {
        let source = try storeWithHistory()
        let first = try ProgressFixture.exportText(source, at: "2026-11-25T09:00:00Z")
        let target = try ProgressFixture.store(in: folder, named: "b.sqlite")
        let report = try ProgressFixture.importText(first, into: target)
        #expect(report.reviewsAdded == 6)
        #expect(report.cardsAdded == 1)
        let second = try ProgressFixture.exportText(target, at: "2026-12-01T10:00:00Z")
        #expect(second != first)
        #expect(ProgressFixture.withoutTimestamp(second) == ProgressFixture.withoutTimestamp(first))
        #expect(try StateRebuilder(store: target, scheduler: SM2Scheduler()).mismatches().isEmpty)
    }

    @Test func roundTripWithFSRSSettingsAppliedIsIdentical() throws {
        let source = try storeWithHistory()
        var configuration = try StudyConfiguration.load(from: source)
        try ConfigKey.scheduler.apply("fsrs", to: &configuration)
        try ConfigKey.desiredRetention.apply("0.85", to: &configuration)
        try ConfigKey.learningSteps.apply("2m 15m", to: &configuration)
        try ConfigKey.newPerDay.apply("7", to: &configuration)
        for key in ProgressDocument.Settings.keys { try source.setSetting(key.rawValue, key.value(in: configuration)) }
        try StateRebuilder(store: source, scheduler: configuration.scheduler.makeScheduler()).rebuild()
        let first = try ProgressFixture.exportText(source)

        let target = try ProgressFixture.store(in: folder, named: "b.sqlite")
        let report = try ProgressFixture.importText(first, into: target, applySettings: true)
        #expect(report.settingsApplied)
        #expect(report.scheduler == .fsrs)
        #expect(Set(report.settingDifferences.map(\.key)) == [.scheduler, .desiredRetention, .learningSteps, .newPerDay])
        #expect(try StudyConfiguration.load(from: target) == configuration)
        #expect(ProgressFixture.withoutTimestamp(try ProgressFixture.exportText(target)) == ProgressFixture.withoutTimestamp(first))
    }

    @Test func settingsAreNotAppliedWithoutTheFlag() throws {
        let source = try storeWithHistory()
        try source.setSetting(ConfigKey.newPerDay.rawValue, "5")
        let target = try ProgressFixture.store(in: folder, named: "b.sqlite")
        let report = try ProgressFixture.importText(try ProgressFixture.exportText(source), into: target)
        #expect(!report.settingsApplied)
        #expect(report.settingDifferences == [ImportReport.SettingDifference(key: .newPerDay, local: "20", file: "5")])
        #expect(try target.setting(ConfigKey.newPerDay.rawValue) == nil)
    }

    @Test func importingTheSameFileTwiceChangesNothingTheSecondTime() throws {
        let source = try storeWithHistory()
        let text = try ProgressFixture.exportText(source)
        let target = try ProgressFixture.store(in: folder, named: "b.sqlite")
        try ProgressFixture.importText(text, into: target)
        let afterFirst = try ProgressFixture.snapshot(target)
        let second = try ProgressFixture.importText(text, into: target)
        #expect(second.reviewsAdded == 0)
        #expect(second.reviewsAlreadyPresent == 6)
        #expect(second.reviewsConflicting == 0)
        #expect(second.cardsAdded == 0)
        #expect(second.quizResultsAdded == 0)
        #expect(second.drillsAdded == 0)
        #expect(second.statesChanged == 0)
        #expect(try ProgressFixture.snapshot(target) == afterFirst)
        // Importing a machine's own export into itself is the same no-op.
        let before = try ProgressFixture.snapshot(source)
        #expect(try ProgressFixture.importText(text, into: source).reviewsAdded == 0)
        #expect(try ProgressFixture.snapshot(source) == before)
    }

    @Test func twoDivergentHistoriesMergeIntoTheSameUnion() throws {
        let laptop = try ProgressFixture.store(in: folder, named: "laptop.sqlite")
        let desktop = try ProgressFixture.store(in: folder, named: "desktop.sqlite")
        let cdn = ProgressFixture.cardID(term: "CDN"), ttl = ProgressFixture.cardID(term: "TTL")
        let quorum = ProgressFixture.cardID(term: "Quorum")
        // Both studied CDN on different days: the merged log interleaves them.
        try ProgressFixture.review(laptop, card: cdn, at: "2026-11-01T08:00:00Z", grade: 4, id: ProgressFixture.reviewID(1, machine: 1))
        try ProgressFixture.review(desktop, card: cdn, at: "2026-11-02T21:00:00Z", grade: 5, id: ProgressFixture.reviewID(1, machine: 2))
        try ProgressFixture.review(laptop, card: cdn, at: "2026-11-09T08:00:00Z", grade: 1, id: ProgressFixture.reviewID(2, machine: 1))
        try ProgressFixture.review(laptop, card: ttl, at: "2026-11-03T08:00:00Z", grade: 4, id: ProgressFixture.reviewID(3, machine: 1))
        try ProgressFixture.review(desktop, card: quorum, at: "2026-11-04T21:00:00Z", grade: 3, id: ProgressFixture.reviewID(2, machine: 2))
        try desktop.insertQuizResult(QuizResultRecord(id: "desk-quiz", sessionID: "d", at: ISO8601.parse("2026-11-05T21:00:00Z")!,
                                                      mode: "choice", cardID: quorum, prompt: "p", expected: "e", given: "e",
                                                      correct: true, durationMs: 1_000))

        let laptopExport = try ProgressFixture.exportText(laptop)
        let desktopExport = try ProgressFixture.exportText(desktop)
        let intoLaptop = try ProgressFixture.importText(desktopExport, into: laptop)
        let intoDesktop = try ProgressFixture.importText(laptopExport, into: desktop)
        #expect(intoLaptop.reviewsAdded == 2)
        #expect(intoDesktop.reviewsAdded == 3)
        #expect(intoLaptop.quizResultsAdded == 1)
        #expect(try laptop.reviewCount() == 5)
        #expect(try desktop.reviewCount() == 5)

        // Same data on both machines, and every state is the replay of the merged log.
        #expect(ProgressFixture.withoutTimestamp(try ProgressFixture.exportText(laptop))
                == ProgressFixture.withoutTimestamp(try ProgressFixture.exportText(desktop)))
        for store in [laptop, desktop] {
            #expect(try StateRebuilder(store: store, scheduler: SM2Scheduler()).mismatches().isEmpty)
        }
        let merged = try laptop.reviews(of: cdn)
        #expect(merged.map(\.grade.rawValue) == [4, 5, 1])
        #expect(try laptop.state(of: cdn) == SM2Scheduler().replay(merged.map(\.event), cardID: cdn.rawValue))
        #expect(try laptop.state(of: cdn)?.lapses == 1)
    }

    // MARK: Files that must change nothing

    @Test func truncatedOrCorruptedFilesChangeNothing() throws {
        let source = try storeWithHistory()
        let text = try ProgressFixture.exportText(source)
        let target = try ProgressFixture.store(in: folder, named: "b.sqlite")
        try ProgressFixture.review(target, card: ProgressFixture.cardID(term: "Replica"), at: "2026-11-10T10:00:00Z", grade: 4,
                                   id: ProgressFixture.reviewID(99))
        let before = try ProgressFixture.snapshot(target)
        let bytes = Array(text.utf8)
        for length in [0, 1, bytes.count / 3, bytes.count / 2, bytes.count - 2] {
            let cut = String(decoding: bytes[0..<length], as: UTF8.self)
            #expect(throws: ProgressError.self) { try ProgressFixture.importText(cut, into: target) }
        }
        // Valid JSON with one bad value at the very end: nothing before it lands either.
        var document = try JSONParser.parse(text).objectValue!
        var reviews = document["reviews"]!.arrayValue!
        var last = reviews.removeLast().objectValue!
        last["grade"] = 9
        document["reviews"] = .array(reviews + [.object(last)])
        let badGrade = JSONValue.object(document).serialized(pretty: true)
        #expect(throws: ProgressError.self) { try ProgressFixture.importText(badGrade, into: target) }
        #expect(try ProgressFixture.snapshot(target) == before)
    }

    @Test func aFailureDuringTheMergeRollsEverythingBack() throws {
        let target = try ProgressFixture.store(in: folder, named: "b.sqlite")
        let before = try ProgressFixture.snapshot(target)
        let cdn = ProgressFixture.cardID(term: "CDN")
        let unknown = Card(id: CardID(rawValue: "00000000000000bb"), deck: "elsewhere", section: ["X"], kind: .definition,
                           term: "New", front: "f", back: "b", items: [], source: SourceLocation(file: "x.md", line: 1), order: 0)
        // Bypasses validation: a mode the database refuses, after reviews and a card went in.
        let document = ProgressDocument(
            exportedAt: 0,
            settings: .init(kind: .sm2, fsrs: .defaults, fuzz: true, rolloverHour: 4, limits: .defaults),
            cards: [.init(card: unknown, retired: false)],
            reviews: [ReviewRecord(id: ProgressFixture.reviewID(1), cardID: cdn, at: 1_000_000, grade: Quality(rawValue: 4)!, durationMs: 1)],
            quizResults: [QuizResultRecord(id: "q", sessionID: "s", at: 1_000_001, mode: "poem", cardID: nil, prompt: "", expected: "",
                                           given: "", correct: false, durationMs: 0)],
            drillResults: [])
        #expect(throws: StoreError.self) {
            try ProgressImport(store: target).merge(document, applySettings: false, dryRun: false)
        }
        #expect(try ProgressFixture.snapshot(target) == before)
    }

    @Test func aDryRunReportsTheImportAndChangesNothing() throws {
        let source = try storeWithHistory()
        let text = try ProgressFixture.exportText(source)
        let target = try ProgressFixture.store(in: folder, named: "b.sqlite")
        let before = try ProgressFixture.snapshot(target)
        let dry = try ProgressFixture.importText(text, into: target, dryRun: true)
        #expect(dry.dryRun)
        #expect(try ProgressFixture.snapshot(target) == before)
        var real = try ProgressFixture.importText(text, into: target)
        real.dryRun = true
        #expect(dry.json == real.json)
        #expect(real.reviewsAdded == 6)
        #expect(real.cardsReplayed == 3)
    }

    @Test func unknownCardsAreKeptRetiredWithTheirText() throws {
        let source = try storeWithHistory()
        let target = try ProgressFixture.store(in: folder, named: "b.sqlite")
        try ProgressFixture.importText(try ProgressFixture.exportText(source), into: target)
        let gone = try #require(try target.card(id: CardID(rawValue: "00000000000000aa")))
        #expect(gone.retired)
        #expect(gone.card.front == "Why \"this\"?")
        #expect(gone.card.back == "Because\tof\nthat.")
        #expect(gone.card.section == ["9. Old", "Gone"])
        #expect(try target.reviews(of: gone.id).count == 1)
        #expect(try target.state(of: gone.id)?.phase == .review)
        // Retired cards never enter the queue.
        #expect(!(try target.cards().contains { $0.id == gone.id }))
    }

    // MARK: Validation messages

    func problems(_ text: String, store: StudyStore) -> [String] {
        do {
            _ = try ProgressImport.document(bytes: Array(text.utf8), path: "f.json", localCards: try store.allCardIDs())
            return []
        } catch let error as ProgressError {
            if case .invalidDocument(_, let problems) = error { return problems.map(\.description) }
            return ["\(error)"]
        } catch {
            return ["\(error)"]
        }
    }

    @Test func everyProblemIsReportedWithItsPath() throws {
        let source = try storeWithHistory()
        var document = try JSONParser.parse(try ProgressFixture.exportText(source)).objectValue!
        var reviews = document["reviews"]!.arrayValue!
        func setReview(_ index: Int, _ key: String, _ value: JSONValue?) {
            var review = reviews[index].objectValue!
            review[key] = value
            reviews[index] = .object(review)
        }
        setReview(3, "grade", 7)
        setReview(1, "card", "ffffffffffffffff")
        setReview(2, "duration_ms", nil)
        setReview(4, "id", reviews[0]["id"])
        document["reviews"] = .array(reviews)
        var scheduler = document["scheduler"]!.objectValue!
        scheduler["day_rollover_hour"] = 24
        document["scheduler"] = .object(scheduler)
        let target = try ProgressFixture.store(in: folder, named: "b.sqlite")
        let found = problems(JSONValue.object(document).serialized(pretty: true), store: target)
        let reviewID0 = reviews[0]["id"]!.stringValue!
        #expect(found == [
            "$.scheduler.day_rollover_hour: expected an integer 0-23, got 24",
            "$.reviews[1].card: card ffffffffffffffff is neither among this file's cards nor in your decks",
            "$.reviews[2].duration_ms: missing; expected an integer 0-86400000",
            "$.reviews[3].grade: expected an integer 0-5, got 7",
            "$.reviews[4].id: review \(reviewID0) appears twice (also at $.reviews[0])",
        ])
    }

    /// Reviews written plainly are read straight from the bytes; any other spelling goes
    /// the general way. Both must give the same reviews.
    @Test func reviewsReadTheSameHoweverTheyAreSpelled() throws {
        let source = try storeWithHistory()
        let plainText = try ProgressFixture.exportText(source)
        var document = try JSONParser.parse(plainText).objectValue!
        let reviews = document["reviews"]!.arrayValue!
        // Keys in reverse order and one card ID with an escaped letter: the same values,
        // spelled otherwise.
        var respelled: [JSONValue] = []
        for review in reviews {
            var object = JSONObject()
            for entry in review.objectValue!.entries.reversed() { object.set(entry.key, entry.value) }
            respelled.append(.object(object))
        }
        document["reviews"] = .array(respelled)
        var text = JSONValue.object(document).serialized(pretty: false)
        // Escape the first letter of one card ID: still the same string to a JSON reader.
        let card = reviews[0]["card"]!.stringValue!
        let escaped = String(format: "\\u%04x", card.unicodeScalars.first!.value) + card.dropFirst()
        text = text.replacingOccurrences(of: "\"card\":\"\(card)\"", with: "\"card\":\"\(escaped)\"")
        #expect(text.contains(escaped))
        let target = try ProgressFixture.store(in: folder, named: "b.sqlite")
        let local = try target.allCardIDs()
        let plain = try ProgressImport.document(bytes: Array(plainText.utf8), path: "plain.json", localCards: local)
        let other = try ProgressImport.document(bytes: Array(text.utf8), path: "other.json", localCards: local)
        #expect(plain.reviews.count == reviews.count)
        #expect(Array(plain.reviews) == Array(other.reviews))
    }

    @Test func foreignFormatsAndVersionsAreRefusedByName() throws {
        let store = try ProgressFixture.store(in: folder)
        #expect(problems(#"{"format": "anki", "version": 1}"#, store: store)
                == [#"$.format: expected "sysdrill-progress", got "anki"; this is not a sysdrill progress export"#])
        #expect(problems(#"{"format": "sysdrill-progress", "version": 2}"#, store: store)
                == ["$.version: version 2 is not supported; this sysdrill reads version 1 (a file from a newer sysdrill needs a newer sysdrill)"])
        #expect(problems("[1, 2]", store: store) == ["$: expected an object, got an array"])
    }

    @Test func syntaxErrorsNameLineAndColumn() throws {
        let store = try ProgressFixture.store(in: folder)
        let text = "{\"format\": \"x\",\n \"version\": 1 \"cards\": []}"
        do {
            _ = try ProgressImport.document(bytes: Array(text.utf8), path: "f.json", localCards: try store.allCardIDs())
            Issue.record("a syntax error was accepted")
        } catch let error as ProgressError {
            guard case .malformedJSON(let path, let parseError) = error else { Issue.record("\(error)"); return }
            #expect(path == "f.json")
            #expect((parseError.line, parseError.column) == (2, 15))
            #expect(error.description.hasPrefix("f.json:2:15: expected ',' or '}' in object"))
        }
    }

    @Test func aMissingFileAndAFolderAreNotInputs() throws {
        let store = try ProgressFixture.store(in: folder)
        #expect(throws: ProgressError.inputMissing(path: folder.file("nope.json"))) {
            _ = try ProgressImport(store: store).read(path: folder.file("nope.json"))
        }
        #expect(throws: ProgressError.inputUnreadable(path: folder.path, reason: "it is a folder, not a file")) {
            _ = try ProgressImport(store: store).read(path: folder.path)
        }
    }
}
