import Foundation
import JSONText
import Testing
@testable import Deck
@testable import Scheduling
@testable import Store
@testable import Study
@testable import Progress
import Timekeeping

/// The progress export carries renames; an import applies them to the history the
/// importing database has, before the reviews are merged.
@Suite struct ProgressRenameTests {
    let folder = ProgressTempFolder()

    /// The fixture deck with the term CDN corrected (same answer: a rename).
    static let renamedDeckText = ProgressFixture.deckText.replacingOccurrences(of: "- CDN:", with: "- CDN edge:")

    static func cards(_ text: String) throws -> [Card] {
        try OutlineParser(deck: "deck", file: "deck.md").parse(text).filter { !$0.kind.isDerived }
    }

    static let cdn = ProgressFixture.cardID(term: "CDN")
    static let cdnEdge = try! cards(renamedDeckText).first { $0.term == "CDN edge" }!.id
    static let renameTime = ISO8601.parse("2026-11-10T12:00:00Z")!

    /// Syncs the fixture deck's `text` as `sysdrill` does, renames included.
    @discardableResult
    static func sync(_ store: StudyStore, _ text: String, at time: UnixTime = renameTime) throws -> SyncReport {
        let scheduler = try StudyConfiguration.load(from: store).scheduler.makeScheduler()
        return try store.sync(deck: "deck", source: "/deck.md", origin: .registered, files: [], cards: try cards(text), at: time,
                              replay: { scheduler.replay($1, cardID: $0.rawValue) })
    }

    func store(_ name: String, deck text: String = ProgressFixture.deckText) throws -> StudyStore {
        let store = try StudyStore.open(path: folder.file(name))
        try Self.sync(store, text, at: 1_000)
        return store
    }

    /// A machine that reviewed CDN, renamed it to "CDN edge" and reviewed that too.
    func renamingMachine(_ name: String = "laptop.sqlite") throws -> StudyStore {
        let store = try store(name)
        try ProgressFixture.review(store, card: Self.cdn, at: "2026-11-01T08:00:00Z", grade: 4, id: ProgressFixture.reviewID(1, machine: 1))
        try ProgressFixture.review(store, card: Self.cdn, at: "2026-11-03T08:00:00Z", grade: 5, id: ProgressFixture.reviewID(2, machine: 1))
        #expect(try Self.sync(store, Self.renamedDeckText).renamed == 1)
        try ProgressFixture.review(store, card: Self.cdnEdge, at: "2026-11-12T08:00:00Z", grade: 5, id: ProgressFixture.reviewID(3, machine: 1))
        return store
    }

    func expectConsistent(_ store: StudyStore) throws {
        let scheduler = try StudyConfiguration.load(from: store).scheduler.makeScheduler()
        #expect(try StateRebuilder(store: store, scheduler: scheduler).mismatches().isEmpty)
        #expect(try store.foreignKeyProblems().isEmpty)
    }

    // MARK: Export

    @Test func theExportListsRenamesAfterTheCardsAndMatchesTheSchema() throws {
        let store = try renamingMachine()
        let text = try ProgressFixture.exportText(store)
        let document = try JSONParser.parse(text)
        #expect(document.objectValue?.keys == ["format", "version", "exported_at", "scheduler", "cards", "renames", "marks",
                                               "reviews", "quiz_results", "drill_results"])
        #expect(document["renames"] == .array([["old": .string(Self.cdn.rawValue), "new": .string(Self.cdnEdge.rawValue),
                                                "at": "2026-11-10T12:00:00Z"]]))
        #expect(SchemaValidator(root: ProgressExportImportTests.schema).errors(of: document) == [])
        // A rename naming something else than two card IDs and a time is not what version 1 writes.
        var object = document.objectValue!
        object["renames"] = .array([["old": .string(Self.cdn.rawValue), "new": "x", "at": "2026-11-10T12:00:00Z"]])
        #expect(!SchemaValidator(root: ProgressExportImportTests.schema).errors(of: .object(object)).isEmpty)
        object["renames"] = nil
        #expect(!SchemaValidator(root: ProgressExportImportTests.schema).errors(of: .object(object)).isEmpty)

        // The streamed export writes the same bytes.
        let configuration = try StudyConfiguration.load(from: store)
        let time = ISO8601.parse("2026-11-25T09:00:00Z")!
        var streamed: [UInt8] = []
        let counts = try ProgressExport.write(from: store, configuration: configuration, exportedAt: time) { streamed += $0 }
        #expect(counts.renames == 1)
        #expect(String(decoding: streamed, as: UTF8.self) == text)
    }

    // MARK: Import

    @Test func aRoundTripIntoAFreshDatabaseCarriesTheRenames() throws {
        let source = try renamingMachine()
        let first = try ProgressFixture.exportText(source)
        // A new machine with today's deck: the log is empty, so the file streams in.
        let target = try store("new.sqlite", deck: Self.renamedDeckText)
        let report = try ProgressFixture.importText(first, into: target)
        #expect(report.renamesInFile == 1 && report.renamesApplied == 1)
        #expect(report.json["renames"] == ["in_file": 1, "applied": 1, "already_present": 0])
        #expect(try target.allRenames() == source.allRenames())
        #expect(try target.reviews(of: Self.cdnEdge).count == 3)
        #expect(try target.renamedFrom(Self.cdnEdge) == [RenamedFrom(id: Self.cdn, term: "CDN", at: Self.renameTime)])
        #expect(ProgressFixture.withoutTimestamp(try ProgressFixture.exportText(target)) == ProgressFixture.withoutTimestamp(first))
        try expectConsistent(target)

        // The same file read whole and merged leaves the same database.
        let whole = try store("whole.sqlite", deck: Self.renamedDeckText)
        let document = try ProgressImport.document(bytes: Array(first.utf8), path: "f", localCards: try whole.allCardIDs())
        #expect(document.renames == [CardRename(old: Self.cdn, new: Self.cdnEdge, at: Self.renameTime)])
        _ = try ProgressImport(store: whole).merge(document, applySettings: false, dryRun: false)
        #expect(try ProgressFixture.snapshot(whole) == ProgressFixture.snapshot(target))
    }

    @Test func aSecondMachinesHistoryMovesToTheNewCardWithoutDuplicates() throws {
        let laptop = try renamingMachine()
        // The desktop still has the old deck. It got the laptop's first review earlier (an
        // import before the rename), then reviewed CDN itself.
        let desktop = try store("desktop.sqlite")
        try ProgressFixture.review(desktop, card: Self.cdn, at: "2026-11-01T08:00:00Z", grade: 4, id: ProgressFixture.reviewID(1, machine: 1))
        try ProgressFixture.review(desktop, card: Self.cdn, at: "2026-11-05T21:00:00Z", grade: 3, id: ProgressFixture.reviewID(1, machine: 2))
        try desktop.bury(Self.cdn, until: 2_000_000_000)

        let report = try ProgressFixture.importText(try ProgressFixture.exportText(laptop), into: desktop)
        #expect(report.renamesApplied == 1)
        #expect(report.reviewsAdded == 2)
        #expect(report.reviewsAlreadyPresent == 1)
        #expect(report.reviewsConflicting == 0)
        #expect(try desktop.reviews(of: Self.cdnEdge).map(\.id) == [ProgressFixture.reviewID(1, machine: 1), ProgressFixture.reviewID(2, machine: 1),
                                                                  ProgressFixture.reviewID(1, machine: 2), ProgressFixture.reviewID(3, machine: 1)])
        #expect(try desktop.reviews(of: Self.cdn).isEmpty)
        #expect(try desktop.state(of: Self.cdn) == nil)
        #expect(try desktop.card(id: Self.cdn)?.retired == true)
        #expect(try desktop.buriedCards(at: 1_900_000_000) == [Self.cdnEdge])
        #expect(try desktop.allRenames() == laptop.allRenames())
        try expectConsistent(desktop)

        // Again: nothing new. And back to the laptop: the desktop's own review arrives on the new card.
        let again = try ProgressFixture.snapshot(desktop)
        let second = try ProgressFixture.importText(try ProgressFixture.exportText(laptop), into: desktop)
        #expect(second.renamesApplied == 0 && second.reviewsAdded == 0)
        #expect(try ProgressFixture.snapshot(desktop) == again)
        let intoLaptop = try ProgressFixture.importText(try ProgressFixture.exportText(desktop), into: laptop)
        #expect(intoLaptop.renamesApplied == 0)
        #expect(intoLaptop.reviewsAdded == 1)
        #expect(try laptop.reviews(of: Self.cdnEdge) == desktop.reviews(of: Self.cdnEdge))
        try expectConsistent(laptop)
    }

    @Test func aRenameAlreadyHereDoesNotMoveTheHistoryOfARevivedCard() throws {
        let store = try renamingMachine()
        // Renamed back: the old card is revived (not renamed), and studied again.
        #expect(try Self.sync(store, ProgressFixture.deckText, at: Self.renameTime + 86_400).revived == 1)
        try ProgressFixture.review(store, card: Self.cdn, at: "2026-11-20T08:00:00Z", grade: 4, id: ProgressFixture.reviewID(9, machine: 1))
        let before = try ProgressFixture.snapshot(store)
        let report = try ProgressFixture.importText(try ProgressFixture.exportText(store), into: store)
        #expect(report.renamesInFile == 1 && report.renamesApplied == 0)
        #expect(try ProgressFixture.snapshot(store) == before)
        #expect(try store.reviews(of: Self.cdn).count == 1)
    }

    @Test func anOlderExportWithoutRenamesStillImports() throws {
        let source = try renamingMachine()
        var document = try JSONParser.parse(try ProgressFixture.exportText(source)).objectValue!
        document["renames"] = nil
        let text = JSONValue.object(document).serialized(pretty: true)
        #expect(!text.contains("\"renames\""))
        // Streamed into an empty log, and merged into one with reviews.
        let fresh = try store("fresh.sqlite", deck: Self.renamedDeckText)
        let report = try ProgressFixture.importText(text, into: fresh)
        #expect(report.renamesInFile == 0 && report.reviewsAdded == 3)
        #expect(try fresh.allRenames().isEmpty)
        try expectConsistent(fresh)
        let used = try store("used.sqlite")
        try ProgressFixture.review(used, card: ProgressFixture.cardID(term: "TTL"), at: "2026-11-02T08:00:00Z", grade: 4,
                                   id: ProgressFixture.reviewID(1, machine: 3))
        #expect(try ProgressFixture.importText(text, into: used).reviewsAdded == 3)
        try expectConsistent(used)
    }

    @Test func aFailureAfterTheRenamesRollsThemBack() throws {
        let desktop = try store("desktop.sqlite")
        try ProgressFixture.review(desktop, card: Self.cdn, at: "2026-11-05T21:00:00Z", grade: 3, id: ProgressFixture.reviewID(1, machine: 2))
        let before = try ProgressFixture.snapshot(desktop)
        let edge = try Self.cards(Self.renamedDeckText).first { $0.id == Self.cdnEdge }!
        // Bypasses validation: a quiz mode the database refuses, after the rename moved the history.
        let document = ProgressDocument(
            exportedAt: 0, settings: .init(kind: .sm2, fsrs: .defaults, fuzz: true, rolloverHour: 4, limits: .defaults),
            cards: [.init(card: edge, retired: false)], renames: [CardRename(old: Self.cdn, new: edge.id, at: Self.renameTime)],
            reviews: [], quizResults: [QuizResultRecord(id: "q", sessionID: "s", at: 1, mode: "poem", cardID: nil, prompt: "",
                                                         expected: "", given: "", correct: false, durationMs: 0)],
            drillResults: [])
        #expect(throws: StoreError.self) {
            try ProgressImport(store: desktop).merge(document, applySettings: false, dryRun: false)
        }
        #expect(try ProgressFixture.snapshot(desktop) == before)
        // A dry run of a good file moves nothing either.
        let laptop = try renamingMachine()
        let dry = try ProgressFixture.importText(try ProgressFixture.exportText(laptop), into: desktop, dryRun: true)
        #expect(dry.renamesApplied == 1)
        #expect(try ProgressFixture.snapshot(desktop) == before)
    }

    // MARK: Validation

    func problems(_ text: String, local: Set<CardID>) -> [String] {
        do {
            _ = try ProgressImport.document(bytes: Array(text.utf8), path: "f.json", localCards: local)
            return []
        } catch {
            if case .invalidDocument(_, let problems) = error { return problems.map(\.description) }
            return ["\(error)"]
        }
    }

    @Test func everyRenameProblemIsNamedByItsPathInFileOrder() throws {
        let source = try renamingMachine()
        var document = try JSONParser.parse(try ProgressFixture.exportText(source)).objectValue!
        let old = JSONValue.string(Self.cdn.rawValue), new = JSONValue.string(Self.cdnEdge.rawValue)
        document["renames"] = [
            ["old": "ffffffffffffffff", "new": new, "at": "2026-11-10T12:00:00Z"],
            ["old": new, "new": new, "at": "2026-11-10T12:00:00Z"],
            ["old": old, "new": new, "at": "yesterday"],
            ["old": old, "new": new, "at": "2026-11-10T12:00:00Z"],
            "CDN",
        ]
        var reviews = document["reviews"]!.arrayValue!
        var review = reviews[0].objectValue!
        review["grade"] = 9
        reviews[0] = .object(review)
        document["reviews"] = .array(reviews)
        let text = JSONValue.object(document).serialized(pretty: true)
        let local = try source.allCardIDs()
        let expected = [
            "$.renames[0].old: card ffffffffffffffff is neither among this file's cards nor in your decks",
            "$.renames[1].new: card \(Self.cdnEdge) cannot be renamed to itself",
            #"$.renames[2].at: expected an ISO 8601 time such as "2026-11-25T09:00:00Z", got "yesterday""#,
            "$.renames[3].old: card \(Self.cdn) is renamed twice (also at $.renames[2])",
            #"$.renames[4]: expected an object, got "CDN""#,
            "$.reviews[0].grade: expected an integer 0-5, got 9",
        ]
        #expect(problems(text, local: local) == expected)
        // The validator of a parsed tree says the same.
        let tree = try JSONParser.parse(text)
        do {
            _ = try ImportValidator(localCards: local).validate(tree)
            Issue.record("accepted")
        } catch {
            #expect(error.problems.map(\.description) == expected)
        }
        document["renames"] = ["old": old]
        #expect(problems(JSONValue.object(document).serialized(pretty: true), local: local).first
                == "$.renames: expected an array of renames, got an object")
    }
}
