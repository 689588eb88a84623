import Foundation
import JSONText
import SeededRandom
import Testing
@testable import Deck
@testable import Scheduling
@testable import Store
@testable import Study
@testable import Progress
import Timekeeping

/// An import of a whole history takes another way into the database (indexes dropped and
/// built again, foreign keys checked by sysdrill instead of per row): it must leave the
/// same database as the ordinary way, and a failure must still change nothing.
/// An export of seven reviews on three cards, one of them unknown to the target (kept
/// retired), two of the reviews in the same second (their order is the file's), and a
/// quiz answer.
func historyWithARetiredCard(in folder: ProgressTempFolder) throws -> String {
    let source = try ProgressFixture.store(in: folder, named: "source.sqlite")
    let cdn = ProgressFixture.cardID(term: "CDN"), shard = ProgressFixture.cardID(term: "Shard")
    let gone = Card(id: CardID(rawValue: "00000000000000aa"), deck: "old", section: ["Old"], kind: .question, term: "Why?",
                    front: "Why?", back: "Because.", items: [], source: SourceLocation(file: "old.md", line: 3), order: 1)
    try source.insertRetiredCard(gone)
    var number = 0
    for (card, time, grade) in [(cdn, "01T08:00:00", 4), (shard, "01T09:00:00", 3), (cdn, "02T08:00:00", 5), (gone.id, "02T09:00:00", 4),
                                (cdn, "08T08:00:00", 1), (shard, "09T08:00:00", 4), (cdn, "09T08:00:00", 3)] {
        number += 1
        try ProgressFixture.review(source, card: card, at: "2026-11-\(time)Z", grade: grade, id: ProgressFixture.reviewID(number, machine: 5))
    }
    try source.insertQuizResult(QuizResultRecord(id: "quiz-1", sessionID: "s", at: 5_000, mode: "typed", cardID: shard,
                                                 prompt: "p", expected: "e", given: "e", correct: true, durationMs: 10))
    return try ProgressFixture.exportText(source)
}

@Suite struct ProgressBulkImportTests {
    let folder = ProgressTempFolder()

    func exportedHistory() throws -> String { try historyWithARetiredCard(in: folder) }

    func importText(_ text: String, into store: StudyStore, bulk: Bool, dryRun: Bool = false) throws -> ImportReport {
        let document = try ProgressImport.document(bytes: Array(text.utf8), path: "progress.json", localCards: try store.allCardIDs())
        return try ProgressImport(store: store, bulkReviews: bulk ? 1 : .max)
            .merge(document, applySettings: false, dryRun: dryRun)
    }

    func schema(_ store: StudyStore) throws -> [String] {
        try store.connection.prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name")
            .map { $0.string(0) }
    }

    func foreignKeysEnforced(_ store: StudyStore) throws -> Bool {
        try store.connection.pragmaValue("PRAGMA foreign_keys") == "1"
    }

    @Test(arguments: [false, true])
    func bothWaysLeaveTheSameDatabase(logHadReviews: Bool) throws {
        let text = try exportedHistory()
        let ordinary = try ProgressFixture.store(in: folder, named: "ordinary.sqlite")
        let bulk = try ProgressFixture.store(in: folder, named: "bulk.sqlite")
        for store in [ordinary, bulk] where logHadReviews {
            // A review of its own and one the file has too: the merge keeps one of each.
            try ProgressFixture.review(store, card: ProgressFixture.cardID(term: "CDN"), at: "2026-11-01T07:00:00Z", grade: 4,
                                       id: ProgressFixture.reviewID(1, machine: 4))
            try ProgressFixture.review(store, card: ProgressFixture.cardID(term: "CDN"), at: "2026-11-01T08:00:00Z", grade: 4,
                                       id: ProgressFixture.reviewID(1, machine: 5))
        }
        let viaOrdinary = try importText(text, into: ordinary, bulk: false)
        let viaBulk = try importText(text, into: bulk, bulk: true)
        #expect(viaBulk.json == viaOrdinary.json)
        #expect(viaBulk.reviewsAdded == (logHadReviews ? 6 : 7))
        #expect(try ProgressFixture.snapshot(bulk) == ProgressFixture.snapshot(ordinary))
        // Rowids too: they order reviews of the same second.
        let rowids = "SELECT group_concat(rowid || ':' || id, ' ') FROM (SELECT rowid, id FROM review_log ORDER BY rowid)"
        #expect(try bulk.connection.prepare(rowids).first { $0.string(0) } == ordinary.connection.prepare(rowids).first { $0.string(0) })
        #expect(try schema(bulk) == schema(ordinary))
        #expect(try bulk.integrityCheck() == ["ok"])
        #expect(try bulk.foreignKeyProblems().isEmpty)
        #expect(try StateRebuilder(store: bulk, scheduler: SM2Scheduler()).mismatches().isEmpty)
        #expect(try foreignKeysEnforced(bulk))
        // And again: nothing new, nothing changed.
        let before = try ProgressFixture.snapshot(bulk)
        #expect(try importText(text, into: bulk, bulk: true).reviewsAdded == 0)
        #expect(try ProgressFixture.snapshot(bulk) == before)
    }

    @Test func aBulkDryRunChangesNothing() throws {
        let text = try exportedHistory()
        let target = try ProgressFixture.store(in: folder, named: "target.sqlite")
        let before = try ProgressFixture.snapshot(target), schemaBefore = try schema(target)
        let report = try importText(text, into: target, bulk: true, dryRun: true)
        #expect(report.reviewsAdded == 7)
        #expect(try ProgressFixture.snapshot(target) == before)
        #expect(try schema(target) == schemaBefore)
        #expect(try foreignKeysEnforced(target))
    }

    @Test func aReviewOfAMissingCardIsRefusedAndChangesNothing() throws {
        let target = try ProgressFixture.store(in: folder, named: "target.sqlite")
        let before = try ProgressFixture.snapshot(target), schemaBefore = try schema(target)
        // Bypasses validation, which would refuse the file: with foreign keys off, the bulk
        // way must catch the reference itself.
        let document = ProgressDocument(
            exportedAt: 0, settings: .init(kind: .sm2, fsrs: .defaults, fuzz: true, rolloverHour: 4, limits: .defaults),
            cards: [],
            reviews: [ReviewRecord(id: ProgressFixture.reviewID(1), cardID: ProgressFixture.cardID(term: "CDN"), at: 1_000,
                                   grade: Quality(rawValue: 4)!, durationMs: 1),
                      ReviewRecord(id: ProgressFixture.reviewID(2), cardID: CardID(rawValue: "00000000000000cc"), at: 2_000,
                                   grade: Quality(rawValue: 4)!, durationMs: 1)],
            quizResults: [], drillResults: [])
        #expect(throws: StoreError.self) {
            try ProgressImport(store: target, bulkReviews: 1).merge(document, applySettings: false, dryRun: false)
        }
        #expect(try ProgressFixture.snapshot(target) == before)
        #expect(try schema(target) == schemaBefore)
        #expect(try foreignKeysEnforced(target))
    }

    @Test func aRepeatedIDIsRefusedAndChangesNothing() throws {
        let target = try ProgressFixture.store(in: folder, named: "target.sqlite")
        let before = try ProgressFixture.snapshot(target)
        let cdn = ProgressFixture.cardID(term: "CDN")
        let document = ProgressDocument(
            exportedAt: 0, settings: .init(kind: .sm2, fsrs: .defaults, fuzz: true, rolloverHour: 4, limits: .defaults),
            cards: [],
            reviews: [ReviewRecord(id: ProgressFixture.reviewID(1), cardID: cdn, at: 1_000, grade: Quality(rawValue: 4)!, durationMs: 1),
                      ReviewRecord(id: ProgressFixture.reviewID(1), cardID: cdn, at: 2_000, grade: Quality(rawValue: 1)!, durationMs: 1)],
            quizResults: [], drillResults: [])
        #expect(throws: StoreError.self) {
            try ProgressImport(store: target, bulkReviews: 1).merge(document, applySettings: false, dryRun: false)
        }
        #expect(try ProgressFixture.snapshot(target) == before)
        #expect(try foreignKeysEnforced(target))
    }
}

/// Into a log with no reviews, `sysdrill import` streams the file (`ProgressImport.run`):
/// reviews go into the log as they are read, and a file with a problem is rolled back and
/// read again whole, for the exact messages. Both ways must leave the same database.
@Suite struct StreamedImportTests {
    let folder = ProgressTempFolder()

    func history() throws -> String { try historyWithARetiredCard(in: folder) }

    /// The same history written by hand: the lists in another order (reviews before the
    /// cards they name), reviews newest first, and one review spelled with an escape, so
    /// it is read the general way.
    func handMade(_ text: String) throws -> String {
        let document = try JSONParser.parse(text).objectValue!
        var reordered = JSONObject()
        for key in ["format", "version", "exported_at", "scheduler", "reviews", "quiz_results", "drill_results", "cards"] {
            let value = document[key]!
            reordered.set(key, key == "reviews" ? .array(value.arrayValue!.reversed()) : value)
        }
        let plain = "\"" + ProgressFixture.reviewID(3, machine: 5) + "\""
        let escaped = "\"" + ProgressFixture.reviewID(3, machine: 5).dropLast() + "\\u0033\""
        let written = JSONValue.object(reordered).serialized(pretty: true)
        #expect(written.contains(plain))
        return written.replacingOccurrences(of: plain, with: escaped)
    }

    func file(_ text: String) throws -> String {
        let path = folder.file("import-\(UUID().uuidString).json")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    func wholeThenMerged(_ text: String, into store: StudyStore, applySettings: Bool = false) throws -> ImportReport {
        let document = try ProgressImport.document(bytes: Array(text.utf8), path: "f.json", localCards: try store.allCardIDs())
        return try ProgressImport(store: store, bulkReviews: .max)
            .merge(document, applySettings: applySettings, dryRun: false)
    }

    func rows(_ store: StudyStore) throws -> String? {
        try store.connection.prepare("SELECT group_concat(rowid || ':' || id, ' ') FROM (SELECT rowid, id FROM review_log ORDER BY rowid)")
            .first { $0.string(0) }
    }

    @Test(arguments: [false, true], [false, true])
    func bothWaysLeaveTheSameDatabase(handWritten: Bool, applySettings: Bool) throws {
        var text = try history()
        if applySettings {
            // A scheduler change replays every card after the reviews are in.
            text = text.replacingOccurrences(of: "\"name\": \"sm2\"", with: "\"name\": \"fsrs\"")
        }
        if handWritten { text = try handMade(text) }
        let streamedStore = try ProgressFixture.store(in: folder, named: "streamed.sqlite")
        let wholeStore = try ProgressFixture.store(in: folder, named: "whole.sqlite")
        let (bytes, _) = try ProgressImport(store: streamedStore).open(try file(text))
        let streamed = try #require(try ProgressImport(store: streamedStore).streamed(bytes, applySettings: applySettings, dryRun: false))
        let whole = try wholeThenMerged(text, into: wholeStore, applySettings: applySettings)
        #expect(streamed.json == whole.json)
        #expect(streamed.reviewsAdded == 7)
        #expect(streamed.cardsAdded == 1)
        #expect(streamed.scheduler == (applySettings ? .fsrs : .sm2))
        #expect(try ProgressFixture.snapshot(streamedStore) == ProgressFixture.snapshot(wholeStore))
        #expect(try rows(streamedStore) == rows(wholeStore))
        #expect(try streamedStore.integrityCheck() == ["ok"])
        #expect(try streamedStore.foreignKeyProblems().isEmpty)
        #expect(try streamedStore.connection.pragmaValue("PRAGMA foreign_keys") == "1")
        let scheduler = try StudyConfiguration.load(from: streamedStore).scheduler.makeScheduler()
        #expect(try StateRebuilder(store: streamedStore, scheduler: scheduler).mismatches().isEmpty)
    }

    /// `--settings` with another scheduler: replayed as the reviews come when the settings
    /// come first (as an export writes them), else every card afterwards; either way a
    /// state left without any review goes back to new, as the whole-file way does.
    @Test(arguments: [true, false])
    func newSchedulerSettingsLeaveTheSameDatabase(settingsFirst: Bool) throws {
        let exported = try JSONParser.parse(try history()).objectValue!
        var document = JSONObject()
        let order = settingsFirst ? ["format", "version", "exported_at", "scheduler", "cards", "reviews", "quiz_results", "drill_results"]
                                  : ["format", "version", "exported_at", "cards", "reviews", "quiz_results", "drill_results", "scheduler"]
        for key in order { document.set(key, exported[key]!) }
        let text = JSONValue.object(document).serialized(pretty: true)
            .replacingOccurrences(of: "\"name\": \"sm2\"", with: "\"name\": \"fsrs\"")
        #expect((ProgressReader.leadingSettings(JSONBytes(copying: Array(text.utf8)))?.kind == .fsrs) == settingsFirst)
        let streamedStore = try ProgressFixture.store(in: folder, named: "streamed.sqlite")
        let wholeStore = try ProgressFixture.store(in: folder, named: "whole.sqlite")
        let ttl = ProgressFixture.cardID(term: "TTL")
        for store in [streamedStore, wholeStore] {
            // A state with no review behind it (a log entry lost): the replay resets it.
            try store.saveState(SM2Scheduler().replay([ReviewEvent(at: 1_000, quality: Quality(rawValue: 4)!)], cardID: ttl.rawValue),
                                for: ttl)
        }
        let (bytes, _) = try ProgressImport(store: streamedStore).open(try file(text))
        let streamed = try #require(try ProgressImport(store: streamedStore).streamed(
            bytes, applySettings: true, dryRun: false))
        let whole = try wholeThenMerged(text, into: wholeStore, applySettings: true)
        #expect(streamed.json == whole.json)
        #expect(streamed.scheduler == .fsrs)
        #expect(try streamedStore.state(of: ttl) == nil)
        #expect(try ProgressFixture.snapshot(streamedStore) == ProgressFixture.snapshot(wholeStore))
        let scheduler = try StudyConfiguration.load(from: streamedStore).scheduler.makeScheduler()
        #expect(try StateRebuilder(store: streamedStore, scheduler: scheduler).mismatches().isEmpty)
    }

    /// Runs `sysdrill import` on `text` into a new database and returns its problems; the
    /// database must be as it was.
    func problems(_ text: String) throws -> [String] {
        let store = try ProgressFixture.store(in: folder, named: "target-\(UUID().uuidString).sqlite")
        let before = try ProgressFixture.snapshot(store)
        let indexes = "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master ORDER BY name)"
        let schemaBefore = try store.connection.prepare(indexes).first { $0.string(0) }
        defer {
            #expect(try! ProgressFixture.snapshot(store) == before)
            #expect(try! store.connection.prepare(indexes).first { $0.string(0) } == schemaBefore)
            #expect(try! store.connection.pragmaValue("PRAGMA foreign_keys") == "1")
        }
        do {
            _ = try ProgressFixture.importText(text, into: store)
            Issue.record("the file was accepted")
            return []
        } catch let error as ProgressError {
            guard case .invalidDocument(_, let problems) = error else { return ["\(error)"] }
            return problems.map { "\($0.path): \($0.message)" }
        }
    }

    @Test func aRepeatedReviewIDIsNamedAndChangesNothing() throws {
        let text = try history()
        let second = ProgressFixture.reviewID(2, machine: 5), fifth = ProgressFixture.reviewID(5, machine: 5)
        let repeated = text.replacingOccurrences(of: fifth, with: second)
        #expect(try problems(repeated) == ["$.reviews[4].id: review \(second) appears twice (also at $.reviews[1])"])
    }

    @Test func aProblemAtTheEndChangesNothing() throws {
        var document = try JSONParser.parse(try history()).objectValue!
        var reviews = document["reviews"]!.arrayValue!
        var last = reviews.removeLast().objectValue!
        last["grade"] = 9
        document["reviews"] = .array(reviews + [.object(last)])
        #expect(try problems(JSONValue.object(document).serialized(pretty: true)) == ["$.reviews[6].grade: expected an integer 0-5, got 9"])
    }

    @Test func aCutOffFileChangesNothing() throws {
        let text = try history()
        let cut = String(text.utf8.prefix(text.utf8.count * 3 / 4))!
        #expect(try problems(cut).count == 1)
    }

    @Test func aLogWithReviewsIsNotStreamed() throws {
        let store = try ProgressFixture.store(in: folder, named: "target.sqlite")
        try ProgressFixture.review(store, card: ProgressFixture.cardID(term: "TTL"), at: "2026-11-20T08:00:00Z", grade: 4,
                                   id: ProgressFixture.reviewID(1, machine: 6))
        let (bytes, _) = try ProgressImport(store: store).open(try file(try history()))
        #expect(try ProgressImport(store: store).streamed(bytes, applySettings: false, dryRun: false) == nil)
        #expect(try store.reviewCount() == 1)
        // The ordinary way merges it.
        #expect(try ProgressFixture.importText(try history(), into: store).reviewsAdded == 7)
    }
}

/// The reviews of a streamed import go into the log through a second thread, or, when
/// no thread is to be had, on the reading thread as each chunk fills: the same rows in
/// the same order either way, and `finish` may come twice.
@Suite struct ReviewInserterTests {
    @Test(arguments: [true, false])
    func everyReviewIsInsertedInOrder(threaded: Bool) throws {
        let folder = ProgressTempFolder()
        let store = try ProgressFixture.store(in: folder)
        let cards = ProgressFixture.cards().map(\.id)
        let count = 20_003  // a few chunks and a part, and a part of 16 rows (`BulkReviewLoad`)
        try store.withoutForeignKeyChecks {
            try store.connection.transaction {
                let load = try store.beginBulkReviewLoad()
                let stream = ReviewStream(load: load, replay: LiveReplay(scheduler: SM2Scheduler()), threaded: threaded)
                for number in 0..<count {
                    var id = ProgressFixture.reviewID(number + 1)
                    id.withUTF8 { stream.add(id: $0, card: KnownCards.value(cards[number % cards.count])!, at: 1_700_000_000 + Int64(number),
                                             grade: 4, durationMs: 1) }
                }
                try stream.finish()
                try stream.finish()
                try load.finish(cards: cards)
            }
        }
        #expect(try store.reviewCount() == count)
        let ids = try store.connection.prepare("SELECT id FROM review_log ORDER BY rowid").map { $0.string(0) }
        #expect(ids == (0..<count).map { ProgressFixture.reviewID($0 + 1) })
        #expect(try store.integrityCheck() == ["ok"])
    }
}

/// States replayed one review at a time as a history streams in are the states of
/// replaying each card's whole log.
@Suite struct LiveReplayTests {
    @Test(arguments: [SchedulerKind.sm2, .fsrs])
    func reviewsInTimeOrderGiveTheReplayedStates(kind: SchedulerKind) {
        let scheduler: any Scheduler = kind == .sm2 ? SM2Scheduler(fuzz: true) : FSRSScheduler(fuzz: true)
        var generator = SplitMix64(seed: 42)
        let cards = (0..<40).map { KnownCards.cardID(UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
        var logs = [[ReviewEvent]](repeating: [], count: cards.count)
        let live = LiveReplay(scheduler: scheduler)
        var numbers: [Int] = []  // card index -> number, in order of first appearance
        var time: UnixTime = 1_700_000_000
        for _ in 0..<2_000 {
            let card = Int.random(in: 0..<cards.count, using: &generator)
            // Sometimes in the same second as the review before.
            if Int.random(in: 0..<4, using: &generator) > 0 { time += Int64.random(in: 1...400_000, using: &generator) }
            let event = ReviewEvent(at: time, quality: Quality(rawValue: Int.random(in: 0...5, using: &generator))!)
            logs[card].append(event)
            if !numbers.contains(card) { numbers.append(card) }
            var id = cards[card].rawValue
            id.withUTF8 { live.apply(card: numbers.firstIndex(of: card)!, cardID: $0, at: event.at, quality: event.quality) }
        }
        for (number, card) in numbers.enumerated() {
            #expect(!live.outOfOrder[number])
            #expect(live.states[number] == scheduler.replay(logs[card], cardID: cards[card].rawValue))
        }
    }

    @Test func aReviewOlderThanTheOneBeforeMarksItsCard() {
        let live = LiveReplay(scheduler: SM2Scheduler())
        var first = "0000000000000001", second = "0000000000000002"
        first.withUTF8 { live.apply(card: 0, cardID: $0, at: 2_000, quality: Quality(rawValue: 4)!) }
        second.withUTF8 { live.apply(card: 1, cardID: $0, at: 1_000, quality: Quality(rawValue: 4)!) }
        first.withUTF8 { live.apply(card: 0, cardID: $0, at: 1_500, quality: Quality(rawValue: 4)!) }
        second.withUTF8 { live.apply(card: 1, cardID: $0, at: 1_000, quality: Quality(rawValue: 3)!) }
        #expect(live.outOfOrder == [true, false])
    }
}

/// A big export is read from a mapped file whose passed pages are handed back: what is
/// read, and where an error is reported, must not depend on that.
@Suite struct MappedImportFileTests {
    let folder = ProgressTempFolder()

    /// An export of `count` reviews of one card, written plainly, with `tail` after the list.
    func bigExport(count: Int, tail: String) -> String {
        let card = ProgressFixture.cardID(term: "CDN").rawValue
        var text = "{\n\"format\": \"sysdrill-progress\",\n\"version\": 1,\n\"exported_at\": \"2026-11-25T09:00:00Z\",\n"
        text += "\"scheduler\": {\"name\": \"sm2\", \"fuzz\": true, \"day_rollover_hour\": 4, \"new_per_day\": 20, \"reviews_per_day\": 200, "
        text += "\"fsrs\": {\"parameters\": [\(FSRSParameters.defaults.weights.map { "\($0)" }.joined(separator: ", "))], "
        text += "\"desired_retention\": 0.9, \"learning_steps_s\": [60, 600], \"relearning_steps_s\": [600], \"maximum_interval_d\": 36500}},\n"
        text += "\"cards\": [],\n\"reviews\": [\n"
        for number in 0..<count {
            let at = ISO8601.format(1_700_000_000 + Int64(number) * 60)
            text += "{\"id\": \"\(ProgressFixture.reviewID(number + 1))\", \"card\": \"\(card)\", \"at\": \"\(at)\", \"grade\": 4, \"duration_ms\": 1000}"
            text += number == count - 1 ? "\n" : ",\n"
        }
        return text + "]" + tail
    }

    @Test func aBigFileIsReadWhole() throws {
        let store = try ProgressFixture.store(in: folder)
        let path = folder.file("big.json")
        // ~13 MB: several of the 4 MiB steps at which passed pages are handed back.
        try bigExport(count: 100_000, tail: ",\n\"quiz_results\": [],\n\"drill_results\": []\n}\n").write(toFile: path, atomically: false, encoding: .utf8)
        let document = try ProgressImport(store: store).read(path: path)
        #expect(document.reviews.count == 100_000)
        #expect(document.reviews[99_999].id == ProgressFixture.reviewID(100_000))
        #expect(document.reviews[99_999].at == 1_700_000_000 + 99_999 * 60)
    }

    @Test func aBigFileIsStreamedIntoAnEmptyLog() throws {
        let store = try ProgressFixture.store(in: folder)
        let path = folder.file("big.json")
        // Many of the chunks the inserting thread takes at a time.
        let count = 50_000
        try bigExport(count: count, tail: ",\n\"quiz_results\": [],\n\"drill_results\": []\n}\n").write(toFile: path, atomically: false, encoding: .utf8)
        let (bytes, _) = try ProgressImport(store: store).open(path)
        let report = try #require(try ProgressImport(store: store).streamed(bytes, applySettings: false,
                                                                             dryRun: false))
        #expect(report.reviewsAdded == count)
        #expect(report.cardsReplayed == 1)
        #expect(try store.reviewCount() == count)
        // In file order: the rowids follow the IDs' numbers.
        let last = try store.connection.prepare("SELECT id FROM review_log ORDER BY rowid DESC LIMIT 1").first { $0.string(0) }
        #expect(last == ProgressFixture.reviewID(count))
        #expect(try StateRebuilder(store: store, scheduler: SM2Scheduler()).mismatches().isEmpty)
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test func anErrorAtTheEndOfABigFileNamesItsLine() throws {
        let store = try ProgressFixture.store(in: folder)
        let path = folder.file("big.json")
        // The line count runs from the start of the file, over pages already handed back.
        try bigExport(count: 100_000, tail: ",\n\"quiz_results\": [] \"drill_results\": []\n}\n").write(toFile: path, atomically: false, encoding: .utf8)
        do {
            _ = try ProgressImport(store: store).read(path: path)
            Issue.record("a syntax error was accepted")
        } catch let error as ProgressError {
            guard case .malformedJSON(_, let parseError) = error else { Issue.record("\(error)"); return }
            // 7 lines before the reviews, one per review, "]," and then the line at fault,
            // where `"drill_results"` starts in column 20.
            #expect((parseError.line, parseError.column) == (7 + 100_000 + 2, 20))
        }
    }
}

extension ProgressBulkImportTests {
    /// A merge keeps of the file's cards only those it may add (unknown here), and counts
    /// them all: the report is the same as when every card was kept.
    @Test func aMergeKeepsOnlyTheCardsItMayAdd() throws {
        let text = try exportedHistory()
        let path = folder.file("history.json")
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let store = try ProgressFixture.store(in: folder, named: "merge.sqlite")
        let whole = try ProgressImport.document(bytes: Array(text.utf8), path: path, localCards: try store.allCardIDs())
        let kept = try ProgressImport(store: store).read(path: path)
        #expect(kept.cards.map(\.card.id) == [CardID(rawValue: "00000000000000aa")])
        #expect(whole.cards.count > 1 && kept.cardsInFile == whole.cards.count)
        let report = try ProgressImport(store: store).run(path: path, applySettings: false, dryRun: false)
        #expect(report.cardsInFile == whole.cards.count && report.cardsAdded == 1)
    }

    /// A history imported again adds nothing, and leaves the log's indexes as they were
    /// (rebuilding them cost a million-review re-import 3 s): the schema was not changed,
    /// which dropping an index or a trigger would have counted.
    @Test func aHistoryImportedAgainLeavesTheLogsIndexes() throws {
        let text = try exportedHistory()
        let store = try ProgressFixture.store(in: folder, named: "again.sqlite")
        _ = try importText(text, into: store, bulk: true)
        let before = try store.connection.pragmaValue("PRAGMA schema_version")
        let report = try importText(text, into: store, bulk: true)
        #expect(report.reviewsAdded == 0 && report.reviewsAlreadyPresent == 7 && report.statesChanged == 0)
        #expect(try store.connection.pragmaValue("PRAGMA schema_version") == before)
    }

    /// A big file (foreign keys off) that adds only a few reviews, too few for the bulk
    /// load, still refuses a review of a card the database does not have: the cards of the
    /// reviews added are looked up as the bulk load looks up its own.
    @Test func aBigFileThatAddsAFewReviewsChecksTheirCards() throws {
        let text = try exportedHistory()
        let store = try ProgressFixture.store(in: folder, named: "few.sqlite")
        _ = try importText(text, into: store, bulk: false)
        var document = try JSONParser.parse(text).objectValue!
        var reviews = document["reviews"]!.arrayValue!
        var stray = reviews[0].objectValue!
        let missing = CardID(rawValue: "00000000000000ee")
        stray["id"] = .string(ProgressFixture.reviewID(99, machine: 7))
        stray["card"] = .string(missing.rawValue)
        reviews.append(.object(stray))
        document["reviews"] = .array(reviews)
        let changed = JSONValue.object(document).serialized(pretty: true)
        // Read as if the card were known here (a list of cards gone stale before the merge).
        let read = try ProgressImport.document(bytes: Array(changed.utf8), path: "f.json",
                                               localCards: try store.allCardIDs().union([missing]))
        // Refused as the review it is (before, only the state replayed for its card was
        // caught, by the check of the other tables).
        #expect(throws: StoreError.inconsistent("review of card \(missing), which is not in the database")) {
            try ProgressImport(store: store, bulkReviews: 3).merge(read, applySettings: false, dryRun: false)
        }
        #expect(try store.reviewCount() == 7)
        #expect(try store.connection.pragmaValue("PRAGMA foreign_keys") == "1")
    }
}

