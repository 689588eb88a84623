import Foundation
import JSONText
@testable import Deck
@testable import Scheduling
@testable import Store
@testable import Study
@testable import Progress
import Timekeeping

/// A fresh folder per test (tests run in parallel and must not share databases).
final class ProgressTempFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "sysdrill-progress-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }
}

/// A small deck, stores made from it, and reviews recorded the way a session records them.
enum ProgressFixture {
    static let deckText = """
    # 1. Core

    ## 1.1 Caching

    - CDN: Edge caching close to users.
    - TTL: How long an entry lives.

    # 2. Data

    - Shard: A horizontal piece of the data.
    - Replica: A copy of the data.
    - Quorum: Majority agreement.
    """

    static func cards() -> [Card] {
        try! OutlineParser(deck: "deck", file: "deck.md").parse(deckText).filter { !$0.kind.isDerived }
    }

    /// A database in `folder` with the fixture deck synced.
    static func store(in folder: ProgressTempFolder, named name: String = "db.sqlite") throws -> StudyStore {
        let store = try StudyStore.open(path: folder.file(name))
        _ = try store.sync(deck: "deck", source: "/deck.md", origin: .registered, files: [], cards: cards(), at: 1_000)
        return store
    }

    /// Deterministic UUIDs, so failures are readable and runs repeatable.
    static func reviewID(_ number: Int, machine: Int = 0) -> String {
        let tail = String(number, radix: 16)
        return "00000000-0000-4000-8\(machine)00-" + String(repeating: "0", count: 12 - tail.count) + tail
    }

    /// Records a review as the review session does: the card's next state from its stored
    /// one, with the fuzz seed of its position in the card's log.
    static func review(_ store: StudyStore, card: CardID, at time: String, grade: Int, id: String,
                       durationMs: Int64 = 4_000) throws {
        let configuration = try StudyConfiguration.load(from: store)
        let scheduler = configuration.makeScheduler()
        let review = ReviewRecord(id: id, cardID: card, at: ISO8601.parse(time)!, grade: Quality(rawValue: grade)!,
                                  durationMs: durationMs)
        let previous = try store.state(of: card) ?? .new
        let index = try store.reviews(of: card).count
        let next = scheduler.next(previous, review: review.event, fuzzSeed: FuzzSeed.make(cardID: card.rawValue, reviewIndex: index))
        try store.record(review, newState: next)
    }

    static func exportText(_ store: StudyStore, at time: String = "2026-11-25T09:00:00Z") throws -> String {
        let contents = try ProgressExport.Contents.load(from: store, configuration: try StudyConfiguration.load(from: store))
        return ProgressExport.text(contents, exportedAt: ISO8601.parse(time)!)
    }

    /// Validates and merges export text into `store`.
    @discardableResult
    static func importText(_ text: String, into store: StudyStore, applySettings: Bool = false,
                           dryRun: Bool = false) throws -> ImportReport {
        // Through a file, as `sysdrill import` reads one (`ProgressImport.run`): streamed into
        // the log, or merged as it is read when the log has reviews already.
        let path = store.path + ".import.json"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try ProgressImport(store: store).run(path: path, applySettings: applySettings, dryRun: dryRun)
    }

    /// Export text without its `exported_at` line, for comparing two exports.
    static func withoutTimestamp(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("\"exported_at\"") }.joined(separator: "\n")
    }

    /// Every row of every table, as text: what "the database did not change" means.
    static func snapshot(_ store: StudyStore) throws -> [String: [String]] {
        let tables = ["decks", "deck_files", "cards", "review_log", "card_state", "buried", "settings", "quiz_results",
                      "drill_results", "requeued", "card_renames", "card_marks"]
        var result: [String: [String]] = [:]
        for table in tables {
            let columns = try store.connection.prepare("SELECT name FROM pragma_table_info(?1)").map([table]) { $0.string(0) }
            // Table names come from the fixed list above, never from data.
            // Ordered by the first two columns: `card_marks` has two rows (two marks) per card.
            let statement = try store.connection.prepare("SELECT * FROM \(table) ORDER BY 1, 2")
            result[table] = try statement.map { row in
                (0..<Int32(columns.count)).map { row.isNull($0) ? "NULL" : row.string($0) }.joined(separator: "|")
            }
        }
        return result
    }

    static func cardID(term: String) -> CardID {
        cards().first { $0.term == term }!.id
    }
}
