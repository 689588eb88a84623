import CSQLite
import Foundation
import Testing
@testable import Deck
@testable import Scheduling
@testable import Store

/// Schema migrations keep every row: a database made by an older sysdrill opens with its
/// history intact.
@Suite struct MigrationTests {
    /// A database at schema version `version`, made by running the migrations up to it.
    func database(at version: Int32, in dir: TemporaryDirectory) throws -> String {
        let path = dir.file("old.sqlite")
        let connection = try Connection(path: path)
        for migration in Schema.migrations where migration.version <= version {
            try connection.execute(script: migration.script)
        }
        return path
    }

    @Test func version3KeepsEveryReviewWithItsRowidAndTheIDsStayUnique() throws {
        let dir = TemporaryDirectory()
        let path = try database(at: 2, in: dir)
        do {
            let old = try Connection(path: path)
            try old.run("""
                INSERT INTO cards(id, deck, section, kind, term, front, back, source_file, source_line, position)
                VALUES ('00000000000000aa', 'd', 's', 'definition', 't', 'f', 'b', 'd.md', 1, 0)
                """)
            // Rowids out of insertion order and two reviews in the same second: the order
            // the log replays them in depends on the rowids.
            for (rowid, id, at, grade) in [(7, "b", 100, 4), (3, "a", 100, 1), (12, "c", 50, 5)] as [(Int64, String, Int64, Int64)] {
                try old.run("INSERT INTO review_log(rowid, id, card_id, at, grade, duration_ms) VALUES (?1, ?2, '00000000000000aa', ?3, ?4, 9)",
                            [rowid, id, at, grade])
            }
            #expect(try old.pragmaValue("PRAGMA user_version") == "2")
        }
        let store = try StudyStore.open(path: path)
        #expect(try store.userVersion() == 3)
        let rows = try store.connection.prepare("SELECT rowid, id, at, grade, duration_ms FROM review_log ORDER BY rowid")
            .map { "\($0.int64(0)) \($0.string(1)) \($0.int64(2)) \($0.int64(3)) \($0.int64(4))" }
        #expect(rows == ["3 a 100 1 9", "7 b 100 4 9", "12 c 50 5 9"])
        let replayOrder = try store.reviews(of: CardID(rawValue: "00000000000000aa")).map(\.id)
        #expect(replayOrder == ["c", "a", "b"])
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.foreignKeyProblems().isEmpty)
        let indexes = try store.connection.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'review_log' ORDER BY name")
            .map { $0.string(0) }
        #expect(indexes == ["review_log_by_card", "review_log_by_id", "review_log_by_time"])
        // The ID is still a key: a second review with it is refused, and the insert the
        // session uses keeps the first.
        #expect(throws: StoreError.self) {
            try store.connection.run("INSERT INTO review_log(id, card_id, at, grade, duration_ms) VALUES ('a', '00000000000000aa', 1, 1, 1)")
        }
        #expect(try store.insertReview(ReviewRecord(id: "a", cardID: CardID(rawValue: "00000000000000aa"), at: 1,
                                                    grade: Quality(rawValue: 1)!, durationMs: 1)) == false)
    }

    @Test func aNewDatabaseAndAMigratedOneHaveTheSameSchema() throws {
        let dir = TemporaryDirectory()
        let migrated = try StudyStore.open(path: try database(at: 1, in: dir))
        let fresh = try StudyStore.open(path: dir.file("new.sqlite"))
        func schema(_ store: StudyStore) throws -> [String] {
            try store.connection.prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name")
                .map { $0.string(0) }
        }
        #expect(try schema(migrated) == schema(fresh))
        #expect(try migrated.userVersion() == fresh.userVersion())
    }
}
