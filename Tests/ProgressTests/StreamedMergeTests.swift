import Foundation
import JSONText
import Testing
@testable import Deck
@testable import Scheduling
@testable import Store
@testable import Study
@testable import Progress
import Timekeeping

/// A file imported into a log that has reviews is merged as it is read
/// (`ProgressImport.streamedMerge`). It must leave the database, and give the report, that
/// reading the file whole and merging it gives (`ProgressImport.merge`), and refuse what
/// that refuses with the same words.
@Suite struct StreamedMergeTests {
    let folder = ProgressTempFolder()
    static let cdn = ProgressFixture.cardID(term: "CDN"), shard = ProgressFixture.cardID(term: "Shard")
    static let ttl = ProgressFixture.cardID(term: "TTL")

    /// A machine with six reviews on three cards.
    func laptop() throws -> StudyStore {
        let store = try ProgressFixture.store(in: folder, named: "laptop.sqlite")
        let reviews = [(Self.cdn, "01T08:00:00", 4), (Self.shard, "01T09:00:00", 3), (Self.cdn, "02T08:00:00", 5),
                       (Self.ttl, "02T09:00:00", 4), (Self.cdn, "08T08:00:00", 1), (Self.shard, "08T08:00:00", 4)]
        for (number, (card, time, grade)) in reviews.enumerated() {
            try ProgressFixture.review(store, card: card, at: "2026-11-\(time)Z", grade: grade,
                                       id: ProgressFixture.reviewID(number + 1, machine: 1))
        }
        return store
    }

    /// A desktop that has two of the laptop's reviews (one of them with another grade) and
    /// one of its own.
    func desktop(_ name: String) throws -> StudyStore {
        let store = try ProgressFixture.store(in: folder, named: name)
        try ProgressFixture.review(store, card: Self.cdn, at: "2026-11-01T07:00:00Z", grade: 3, id: ProgressFixture.reviewID(1, machine: 2))
        try ProgressFixture.review(store, card: Self.cdn, at: "2026-11-01T08:00:00Z", grade: 4, id: ProgressFixture.reviewID(1, machine: 1))
        try ProgressFixture.review(store, card: Self.shard, at: "2026-11-01T09:00:00Z", grade: 2, id: ProgressFixture.reviewID(2, machine: 1))
        return store
    }

    func write(_ text: String, _ name: String) throws -> String {
        let path = folder.file(name)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// The file read whole, then merged.
    func mergedWhole(_ text: String, into store: StudyStore, bulkReviews: Int, applySettings: Bool = false,
                     dryRun: Bool = false) throws -> ImportReport {
        let importer = ProgressImport(store: store, bulkReviews: bulkReviews)
        let document = try importer.read(path: try write(text, "whole.json"))
        return try importer.merge(document, applySettings: applySettings, dryRun: dryRun)
    }

    /// The file merged as it is read (`streamedMerge`, which `run` takes when the log has
    /// reviews): it must not fall back to the whole-file merge.
    func mergedStreamed(_ text: String, into store: StudyStore, bulkReviews: Int, applySettings: Bool = false,
                        dryRun: Bool = false) throws -> ImportReport {
        #expect(try store.hasReviews())
        let importer = ProgressImport(store: store, bulkReviews: bulkReviews)
        let (bytes, _) = try importer.open(try write(text, "streamed.json"))
        return try #require(try importer.streamedMerge(bytes, applySettings: applySettings, dryRun: dryRun))
    }

    /// `run`, as `sysdrill import` takes the file (a file with a problem is read whole).
    func imported(_ text: String, into store: StudyStore, bulkReviews: Int) throws -> ImportReport {
        try ProgressImport(store: store, bulkReviews: bulkReviews).run(path: try write(text, "streamed.json"),
                                                                     applySettings: false, dryRun: false)
    }

    func rowids(_ store: StudyStore) throws -> String? {
        try store.connection.prepare("SELECT group_concat(rowid || ':' || id, ' ') FROM (SELECT rowid, id FROM review_log ORDER BY rowid)")
            .first { $0.string(0) }
    }

    func schema(_ store: StudyStore) throws -> [String] {
        try store.connection.prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name")
            .map { $0.string(0) }
    }

    func temporaryTables(_ store: StudyStore) throws -> Int {
        try store.connection.prepare("SELECT count(*) FROM sqlite_temp_master").first { $0.int(0) } ?? -1
    }

    /// Both ways on two copies of `desktop`, expecting the same report and database.
    func expectBothWaysAgree(_ text: String, bulkReviews: Int, applySettings: Bool = false, dryRun: Bool = false,
                             setUp: (StudyStore) throws -> Void = { _ in }) throws -> ImportReport {
        let whole = try desktop("whole-\(bulkReviews).sqlite"), streamed = try desktop("streamed-\(bulkReviews).sqlite")
        try setUp(whole)
        try setUp(streamed)
        let before = try ProgressFixture.snapshot(streamed)
        let brokenBefore = try streamed.foreignKeyProblems()
        let viaWhole = try mergedWhole(text, into: whole, bulkReviews: bulkReviews, applySettings: applySettings, dryRun: dryRun)
        let viaStream = try mergedStreamed(text, into: streamed, bulkReviews: bulkReviews, applySettings: applySettings,
                                           dryRun: dryRun)
        #expect(viaStream.json == viaWhole.json)
        #expect(viaStream.addedTerms == viaWhole.addedTerms)
        #expect(try ProgressFixture.snapshot(streamed) == ProgressFixture.snapshot(whole))
        if dryRun { #expect(try ProgressFixture.snapshot(streamed) == before) }
        #expect(try rowids(streamed) == rowids(whole))
        #expect(try schema(streamed) == schema(whole))
        #expect(try temporaryTables(streamed) == 0)
        #expect(try streamed.connection.pragmaValue("PRAGMA foreign_keys") == "1")
        // No reference broken by the import (one broken before it stays as it was).
        #expect(try streamed.foreignKeyProblems() == brokenBefore)
        let scheduler = try StudyConfiguration.load(from: streamed).makeScheduler()
        #expect(try StateRebuilder(store: streamed, scheduler: scheduler).mismatches().isEmpty)
        return viaStream
    }

    @Test(arguments: [Int.max, 1])
    func anExportMergesAsReadingItWholeDoes(bulkReviews: Int) throws {
        let text = try ProgressFixture.exportText(try laptop())
        let report = try expectBothWaysAgree(text, bulkReviews: bulkReviews)
        #expect(report.reviewsInFile == 6)
        #expect(report.reviewsAdded == 4)
        #expect(report.reviewsAlreadyPresent == 2)
        #expect(report.reviewsConflicting == 1)
        #expect(report.cardsReplayed == 3)
    }

    /// With `--settings` the file's scheduler (FSRS) replays every card, as the whole-file
    /// merge does.
    @Test(arguments: [Int.max, 1])
    func theFilesSettingsReplayEveryCardTheSameWay(bulkReviews: Int) throws {
        let source = try laptop()
        try source.setSetting(ConfigKey.scheduler.rawValue, "fsrs")
        let report = try expectBothWaysAgree(try ProgressFixture.exportText(source), bulkReviews: bulkReviews, applySettings: true)
        #expect(report.settingsApplied && report.scheduler == .fsrs)
        #expect(report.cardsReplayed == 3)
    }

    /// A reference broken before the import (a skipped card that no longer exists) is not
    /// the import's to refuse: the merge goes in, with foreign keys on, as before.
    @Test func aReferenceBrokenBeforeTheImportDoesNotStopIt() throws {
        let text = try ProgressFixture.exportText(try laptop())
        let report = try expectBothWaysAgree(text, bulkReviews: .max) { store in
            try store.withoutForeignKeyChecks {
                try store.connection.run("INSERT INTO buried(card_id, until) VALUES ('00000000000000bd', 1)")
            }
        }
        #expect(report.reviewsAdded == 4)
        #expect(report.json["reviews"] == ["in_file": 6, "added": 4, "already_present": 2, "conflicting": 1])
    }

    @Test(arguments: [Int.max, 1])
    func aDryRunReportsTheSameAndChangesNothing(bulkReviews: Int) throws {
        let text = try ProgressFixture.exportText(try laptop())
        let report = try expectBothWaysAgree(text, bulkReviews: bulkReviews, dryRun: true)
        #expect(report.dryRun && report.reviewsAdded == 4)
    }

    @Test func aFileWhoseReviewsAreAllHereAddsNothing() throws {
        let store = try laptop()
        let text = try ProgressFixture.exportText(store)
        let before = try ProgressFixture.snapshot(store)
        let report = try mergedStreamed(text, into: store, bulkReviews: 1)
        #expect(report.reviewsAdded == 0 && report.reviewsAlreadyPresent == 6 && report.reviewsConflicting == 0)
        #expect(report.cardsReplayed == 0)
        #expect(try ProgressFixture.snapshot(store) == before)
        #expect(try temporaryTables(store) == 0)
    }

    /// The file names a review on a card that its renames move: the comparison is made
    /// after the move, as when the file is read whole and its renames applied first.
    @Test(arguments: [false, true])
    func reviewsMovedByTheFilesRenamesAreComparedAfterTheMove(listedOnTheOldCard: Bool) throws {
        let renamed = ProgressFixture.deckText.replacingOccurrences(of: "- CDN:", with: "- CDN edge:")
        let source = try laptop()
        let scheduler = SM2Scheduler()
        let cards = try OutlineParser(deck: "deck", file: "deck.md").parse(renamed).filter { !$0.kind.isDerived }
        let report = try source.sync(deck: "deck", source: "/deck.md", origin: .registered, files: [], cards: cards,
                                     at: ISO8601.parse("2026-11-10T12:00:00Z")!,
                                     replay: { scheduler.replay($1, cardID: $0.rawValue) })
        #expect(report.renamed == 1)
        var text = try ProgressFixture.exportText(source)
        if listedOnTheOldCard {
            // A hand-made file: the desktop's own review, with the same content, on the old card.
            var root = try JSONParser.parse(text).objectValue!
            let reviews = root["reviews"]!.arrayValue!.map { review -> JSONValue in
                guard review["id"]?.stringValue == ProgressFixture.reviewID(1, machine: 1) else { return review }
                var object = review.objectValue!
                object.set("card", .string(Self.cdn.rawValue))
                return .object(object)
            }
            root.set("reviews", .array(reviews))
            text = JSONValue.object(root).serialized(pretty: true)
        }
        let merged = try expectBothWaysAgree(text, bulkReviews: .max)
        #expect(merged.renamesApplied == 1)
        // Moved to the new card, the review is the file's when the file has it there too.
        #expect(merged.reviewsConflicting == (listedOnTheOldCard ? 2 : 1))
        #expect(merged.reviewsAlreadyPresent == 2)
    }

    @Test(arguments: [Int.max, 1], [false, true])
    func aRepeatedReviewIDIsRefusedWithTheSameWordsAndNothingChanges(bulkReviews: Int, idIsHere: Bool) throws {
        var root = try JSONParser.parse(try ProgressFixture.exportText(try laptop())).objectValue!
        var reviews = root["reviews"]!.arrayValue!
        // Review 1 of the laptop is on the desktop already; review 3 is not.
        reviews.append(reviews[idIsHere ? 0 : 2])
        root.set("reviews", .array(reviews))
        let text = JSONValue.object(root).serialized(pretty: true)
        let store = try desktop("repeated.sqlite")
        let before = try ProgressFixture.snapshot(store)
        func message(_ body: () throws -> ImportReport) -> String {
            do {
                _ = try body()
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        // `run` streams, meets the repeated ID, rolls back and reads the file whole.
        let streamed = message { try imported(text, into: store, bulkReviews: bulkReviews) }
        let whole = message { try mergedWhole(text, into: store, bulkReviews: bulkReviews) }
        #expect(streamed.contains("appears twice"))
        #expect(streamed.replacingOccurrences(of: folder.file("streamed.json"), with: "F")
                    == whole.replacingOccurrences(of: folder.file("whole.json"), with: "F"))
        #expect(try ProgressFixture.snapshot(store) == before)
        #expect(try temporaryTables(store) == 0)
    }

    @Test func aLogWithRowidsBeyondTheMergesBitsIsMergedTheOrdinaryWay() throws {
        let text = try ProgressFixture.exportText(try laptop())
        let far = StreamedReviewMerge.largestRowid + 1
        let store = try desktop("far.sqlite")
        try store.connection.run("UPDATE review_log SET rowid = rowid + ?1 WHERE id = ?2", [far, ProgressFixture.reviewID(2, machine: 1)])
        #expect(try !streamedMergeIsPossible(store))
        let whole = try desktop("far-whole.sqlite")
        try whole.connection.run("UPDATE review_log SET rowid = rowid + ?1 WHERE id = ?2", [far, ProgressFixture.reviewID(2, machine: 1)])
        let viaRun = try imported(text, into: store, bulkReviews: .max)
        #expect(viaRun.json == (try mergedWhole(text, into: whole, bulkReviews: .max)).json)
        #expect(viaRun.reviewsAdded == 4)
        #expect(try ProgressFixture.snapshot(store) == ProgressFixture.snapshot(whole))
    }
}
