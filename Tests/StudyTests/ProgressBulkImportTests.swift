import Foundation
import Testing
@testable import Deck
@testable import Scheduling
@testable import Store
@testable import Study
import Timekeeping

/// An import of a whole history takes another way into the database (indexes dropped and
/// built again, foreign keys checked by sysdrill instead of per row): it must leave the
/// same database as the ordinary way, and a failure must still change nothing.
@Suite struct ProgressBulkImportTests {
    let folder = ProgressTempFolder()

    /// A history on two cards, one of them unknown to the target (kept retired).
    func exportedHistory() throws -> String {
        let source = try ProgressFixture.store(in: folder, named: "source.sqlite")
        let cdn = ProgressFixture.cardID(term: "CDN"), shard = ProgressFixture.cardID(term: "Shard")
        let gone = Card(id: CardID(rawValue: "00000000000000aa"), deck: "old", section: ["Old"], kind: .question, term: "Why?",
                        front: "Why?", back: "Because.", items: [], source: SourceLocation(file: "old.md", line: 3), order: 1)
        try source.insertRetiredCard(gone)
        var number = 0
        for (card, day, grade) in [(cdn, 1, 4), (shard, 1, 3), (cdn, 2, 5), (gone.id, 2, 4), (cdn, 8, 1), (shard, 9, 4), (cdn, 8, 3)] {
            number += 1
            try ProgressFixture.review(source, card: card, at: "2026-11-0\(day)T08:00:0\(number)Z", grade: grade,
                                       id: ProgressFixture.reviewID(number, machine: 3))
        }
        try source.insertQuizResult(QuizResultRecord(id: "quiz-1", sessionID: "s", at: 5_000, mode: "typed", cardID: shard,
                                                     prompt: "p", expected: "e", given: "e", correct: true, durationMs: 10))
        return try ProgressFixture.exportText(source)
    }

    func importText(_ text: String, into store: StudyStore, bulk: Bool, dryRun: Bool = false) throws -> ImportReport {
        let document = try ProgressImport.document(bytes: Array(text.utf8), path: "progress.json", localCards: try store.allCardIDs())
        return try ProgressImport(store: store, bulkReviews: bulk ? 1 : .max)
            .merge(document, configuration: try StudyConfiguration.load(from: store), applySettings: false, dryRun: dryRun)
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
            try ProgressFixture.review(store, card: ProgressFixture.cardID(term: "CDN"), at: "2026-11-01T08:00:01Z", grade: 4,
                                       id: ProgressFixture.reviewID(1, machine: 3))
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
            try ProgressImport(store: target, bulkReviews: 1).merge(document, configuration: .defaults, applySettings: false, dryRun: false)
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
            try ProgressImport(store: target, bulkReviews: 1).merge(document, configuration: .defaults, applySettings: false, dryRun: false)
        }
        #expect(try ProgressFixture.snapshot(target) == before)
        #expect(try foreignKeysEnforced(target))
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
