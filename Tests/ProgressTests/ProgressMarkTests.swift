import Foundation
import JSONText
import Testing
@testable import Deck
@testable import Scheduling
@testable import Store
@testable import Study
@testable import Progress
import Timekeeping

/// Suspend and flag travel with the export (`marks`), merge by the later change, are
/// checked with JSON paths like the rest of a file, and an older file without them still
/// imports. Stats count leeches, suspended and flagged cards.
@Suite struct ProgressMarkTests {
    let folder = ProgressTempFolder()

    static func time(_ text: String) -> UnixTime { ISO8601.parse(text)! }

    /// The fixture deck with a little history and every kind of mark record.
    func storeWithMarks(named name: String = "a.sqlite") throws -> StudyStore {
        let store = try ProgressFixture.store(in: folder, named: name)
        let cdn = ProgressFixture.cardID(term: "CDN"), ttl = ProgressFixture.cardID(term: "TTL")
        let shard = ProgressFixture.cardID(term: "Shard")
        try ProgressFixture.review(store, card: cdn, at: "2026-11-01T08:00:00Z", grade: 4, id: ProgressFixture.reviewID(1))
        try ProgressFixture.review(store, card: shard, at: "2026-11-02T08:00:00Z", grade: 4, id: ProgressFixture.reviewID(2))
        try store.setMark(.suspended, true, on: cdn, at: Self.time("2026-11-03T08:00:00Z"))
        try store.setMark(.flagged, true, on: cdn, at: Self.time("2026-11-03T08:00:01Z"))
        try store.setMark(.flagged, true, on: ttl, at: Self.time("2026-11-04T08:00:00Z"))
        try store.setMark(.suspended, true, on: shard, at: Self.time("2026-11-04T09:00:00Z"))
        try store.setMark(.suspended, false, on: shard, at: Self.time("2026-11-05T09:00:00Z"))  // unsuspended: kept as a record
        return store
    }

    func marks(_ store: StudyStore) throws -> [String] {
        try store.allMarks().map { "\($0.cardID.rawValue) \($0.mark.rawValue) \($0.isSet) \(ISO8601.format($0.at))" }
    }

    @Test func theExportListsMarksInAFixedOrderAndMatchesTheSchema() throws {
        let store = try storeWithMarks()
        let text = try ProgressFixture.exportText(store)
        let document = try JSONParser.parse(text)
        #expect(SchemaValidator(root: ProgressExportImportTests.schema).errors(of: document) == [])
        let keys = document.objectValue!.entries.map(\.key)
        #expect(keys == ["format", "version", "exported_at", "scheduler", "cards", "renames", "marks", "reviews", "quiz_results",
                         "drill_results"])
        let exported = try #require(document["marks"]?.arrayValue).map { mark in
            "\(mark["card"]!.stringValue!) \(mark["mark"]!.stringValue!) \(mark["set"]! == .bool(true)) \(mark["at"]!.stringValue!)"
        }
        #expect(exported == (try marks(store)))
        #expect(exported == exported.sorted())  // by card, then mark
        #expect(exported.count == 4)
        // The streamed export writes the same bytes.
        var bytes: [UInt8] = []
        _ = try ProgressExport.write(from: store, configuration: .defaults, exportedAt: Self.time("2026-11-25T09:00:00Z")) {
            bytes += $0
        }
        #expect(String(decoding: bytes, as: UTF8.self) == text)
    }

    @Test func roundTripCarriesSuspendAndFlagBothWaysOfImporting() throws {
        let source = try storeWithMarks()
        let text = try ProgressFixture.exportText(source)
        // Into an empty log: the streamed import.
        let fresh = try ProgressFixture.store(in: folder, named: "b.sqlite")
        let report = try ProgressFixture.importText(text, into: fresh)
        #expect(report.marksInFile == 4 && report.marksApplied == 4)
        #expect(try marks(fresh) == marks(source))
        #expect(ProgressFixture.withoutTimestamp(try ProgressFixture.exportText(fresh)) == ProgressFixture.withoutTimestamp(text))
        // Into a log with reviews: the file read whole, then merged.
        let used = try ProgressFixture.store(in: folder, named: "c.sqlite")
        try ProgressFixture.review(used, card: ProgressFixture.cardID(term: "Quorum"), at: "2026-11-06T08:00:00Z", grade: 4,
                                   id: ProgressFixture.reviewID(7))
        #expect(try ProgressFixture.importText(text, into: used).marksApplied == 4)
        #expect(try marks(used) == marks(source))
        // The suspended card is out of the queue there too, its history in.
        let cdn = ProgressFixture.cardID(term: "CDN")
        #expect(try !used.dueRows(before: Self.time("2027-01-01T00:00:00Z"), now: 0).contains { $0.id == cdn })
        #expect(try used.reviews(of: cdn).count == 1)
        // A second import changes nothing.
        let before = try ProgressFixture.snapshot(used)
        #expect(try ProgressFixture.importText(text, into: used).marksApplied == 0)
        #expect(try ProgressFixture.snapshot(used) == before)
        #expect(try StateRebuilder(store: used, scheduler: SM2Scheduler()).mismatches().isEmpty)
    }

    @Test func theLaterChangeWinsWhenTwoMachinesMerge() throws {
        let desk = try ProgressFixture.store(in: folder, named: "desk.sqlite")
        let laptop = try ProgressFixture.store(in: folder, named: "laptop.sqlite")
        let cdn = ProgressFixture.cardID(term: "CDN"), ttl = ProgressFixture.cardID(term: "TTL")
        try desk.setMark(.suspended, true, on: cdn, at: 100)
        try laptop.setMark(.suspended, true, on: cdn, at: 90)
        try laptop.setMark(.suspended, false, on: cdn, at: 200)  // unsuspended later on the laptop
        try desk.setMark(.flagged, true, on: ttl, at: 300)        // flagged later on the desk
        try laptop.setMark(.flagged, false, on: ttl, at: 250)
        let fromDesk = try ProgressFixture.exportText(desk), fromLaptop = try ProgressFixture.exportText(laptop)
        try ProgressFixture.importText(fromLaptop, into: desk)
        try ProgressFixture.importText(fromDesk, into: laptop)
        for store in [desk, laptop] {
            #expect(try !store.marks(of: cdn).isSuspended)
            #expect(try store.marks(of: ttl).isFlagged)
        }
        #expect(try marks(desk) == marks(laptop))
    }

    @Test func anOlderExportWithoutMarksImportsAndLeavesLocalMarksAlone() throws {
        let source = try storeWithMarks()
        var document = try JSONParser.parse(try ProgressFixture.exportText(source)).objectValue!
        document["marks"] = nil
        let old = JSONValue.object(document).serialized(pretty: true)
        #expect(!old.contains("\"marks\""))
        let fresh = try ProgressFixture.store(in: folder, named: "b.sqlite")
        let report = try ProgressFixture.importText(old, into: fresh)
        #expect(report.marksInFile == 0 && report.reviewsAdded == 2)
        #expect(try fresh.allMarks().isEmpty)
        let local = try ProgressFixture.store(in: folder, named: "c.sqlite")
        try local.setMark(.flagged, true, on: ProgressFixture.cardID(term: "Quorum"), at: 5)
        try ProgressFixture.importText(old, into: local)
        #expect(try local.cards(marked: .flagged) == [ProgressFixture.cardID(term: "Quorum")])
    }

    @Test func badMarksAreReportedWithTheirPathsAndChangeNothing() throws {
        let source = try storeWithMarks()
        var document = try JSONParser.parse(try ProgressFixture.exportText(source)).objectValue!
        var list = document["marks"]!.arrayValue!
        func set(_ index: Int, _ key: String, _ value: JSONValue?) {
            var mark = list[index].objectValue!
            mark[key] = value
            list[index] = .object(mark)
        }
        set(0, "card", "ffffffffffffffff")
        set(1, "mark", "starred")
        set(2, "set", "yes")
        set(3, "at", "yesterday")
        list.append(list[3])
        let quorum = JSONValue.object(["card": .string(ProgressFixture.cardID(term: "Quorum").rawValue), "mark": "flagged",
                                       "set": false, "at": "2026-11-09T00:00:00Z"])
        list += [quorum, quorum]
        document["marks"] = .array(list)
        let target = try storeWithMarks(named: "b.sqlite")
        try ProgressFixture.review(target, card: ProgressFixture.cardID(term: "Replica"), at: "2026-11-10T10:00:00Z", grade: 4,
                                   id: ProgressFixture.reviewID(99))
        let before = try ProgressFixture.snapshot(target)
        #expect(before["card_marks"]?.count == 4)
        let text = JSONValue.object(document).serialized(pretty: true)
        do {
            _ = try ProgressImport.document(bytes: Array(text.utf8), path: "f.json", localCards: try target.allCardIDs())
            Issue.record("a bad file was accepted")
        } catch let ProgressError.invalidDocument(_, problems) {
            let quorum = ProgressFixture.cardID(term: "Quorum").rawValue
            #expect(problems.map(\.description) == [
                "$.marks[0].card: card ffffffffffffffff is neither among this file's cards nor in your decks",
                "$.marks[1].mark: expected one of \"suspended\", \"flagged\", got \"starred\"",
                "$.marks[2].set: expected true or false, got \"yes\"",
                "$.marks[3].at: expected an ISO 8601 time such as \"2026-11-25T09:00:00Z\", got \"yesterday\"",
                "$.marks[4].at: expected an ISO 8601 time such as \"2026-11-25T09:00:00Z\", got \"yesterday\"",
                "$.marks[6]: card \(quorum) has a flagged mark twice (also at $.marks[5])",
            ])
        }
        #expect(throws: ProgressError.self) { try ProgressFixture.importText(text, into: target) }
        document["marks"] = "none"
        #expect(throws: ProgressError.self) {
            try ProgressFixture.importText(JSONValue.object(document).serialized(pretty: true), into: target)
        }
        #expect(try ProgressFixture.snapshot(target) == before)
    }

    @Test func aFailedImportLeavesMarksAsTheyWere() throws {
        // A valid file whose last review is bad: the marks before it do not land either,
        // whichever way the file is read.
        let source = try storeWithMarks()
        var document = try JSONParser.parse(try ProgressFixture.exportText(source)).objectValue!
        var reviews = document["reviews"]!.arrayValue!
        var last = reviews.removeLast().objectValue!
        last["grade"] = 9
        document["reviews"] = .array(reviews + [.object(last)])
        let bad = JSONValue.object(document).serialized(pretty: true)
        let empty = try ProgressFixture.store(in: folder, named: "b.sqlite")
        let used = try storeWithMarks(named: "c.sqlite")
        try used.setMark(.suspended, false, on: ProgressFixture.cardID(term: "CDN"), at: 1)
        for target in [empty, used] {
            let before = try ProgressFixture.snapshot(target)
            #expect(throws: ProgressError.self) { try ProgressFixture.importText(bad, into: target) }
            #expect(try ProgressFixture.snapshot(target) == before)
        }
    }

    // MARK: Stats

    @Test func statsCountTagsAndLeaveSuspendedCardsOutOfDueAndForecast() {
        let cards = ["A", "B", "C", "D"].enumerated().map { ProgressStatsTests.card($1, order: $0) }
        let retired = ProgressStatsTests.card("E", retired: true, order: 4)
        func state(lapses: Int) -> CardState {
            CardState(phase: .review, due: Self.time("2026-11-24T09:00:00Z"), reps: lapses * 2 + 1, lapses: lapses,
                      lastReview: nil, intervalDays: 1, sm2: nil, fsrs: nil)
        }
        var configuration = StudyConfiguration.defaults
        configuration.leechLapses = 3
        let input = StatsInput(configuration: configuration, cards: cards + [retired],
                               states: [cards[0].id: state(lapses: 3), cards[1].id: state(lapses: 5), cards[2].id: state(lapses: 2),
                                        retired.id: state(lapses: 9)],
                               reviews: [], suspended: [cards[1].id, retired.id], flagged: [cards[0].id, cards[3].id])
        let report = ProgressStatsTests.report(input, now: "2026-11-25T09:00:00Z")
        // Leeches: A and B (3 and 5 lapses; E is retired). B is suspended: not due.
        #expect(report.tags == StatsReport.Tags(leeches: 2, leechLapses: 3, suspended: 1, flagged: 2))
        #expect(report.today.due == 2)
        #expect(report.forecast.first?.due == 2)
        let json = report.json
        #expect(json["leeches"] == .integer(2))
        #expect(json["leech_lapses"] == .integer(3))
        #expect(json["suspended"] == .integer(1))
        #expect(json["flagged"] == .integer(2))
    }
}
