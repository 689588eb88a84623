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
        #expect(try store.userVersion() == Schema.latestVersion)
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

    /// Every row of every table of a version-3 database, as text (the new column left out).
    static let version3Tables = ["decks", "deck_files", "cards", "review_log", "card_state", "buried", "settings",
                                 "quiz_results", "drill_results", "requeued"]

    /// Columns added after version 5 (version 6: derived_from; version 8: the drill's notes
    /// and coverage, and quiz_results.kind, left out by `rows` for that table only; version
    /// 13: each state's copy of its card, checked by `version13CopiesEachCardIntoItsState`).
    static let laterColumns: Set<String> = ["derived_from", "introduced", "disabled", "notes", "reference_covered", "reference_points",
                                            "card_deck", "card_position", "card_kind", "card_retired", "card_from", "card_row"]

    func rows(_ connection: Connection, _ table: String, keepingLinks: Bool = false) throws -> [String] {
        let columns = try connection.prepare("SELECT name FROM pragma_table_info(?1)").map([table]) { $0.string(0) }
        // Table names come from the fixed list above, never from data.
        return try connection.prepare("SELECT * FROM \(table) ORDER BY 1").map { row in
            // Columns added by later migrations (with their defaults) are not the old rows'.
            columns.indices.filter { (keepingLinks || columns[$0] != "links") && !Self.laterColumns.contains(columns[$0])
                && !(table == "quiz_results" && columns[$0] == "kind") }.map { Int32($0) }
                .map { row.isNull($0) ? "NULL" : row.string($0) }.joined(separator: "|")
        }
    }

    @Test func version4KeepsEveryRowAndAddsLinksAndRenames() throws {
        let dir = TemporaryDirectory()
        let path = try database(at: 3, in: dir)
        var before: [String: [String]] = [:]
        do {
            let old = try Connection(path: path)
            try old.execute(script: """
                INSERT INTO decks VALUES ('d', '/d.md', 'registered', 1, 5);
                INSERT INTO deck_files VALUES ('d', '/d.md', 10, 20);
                INSERT INTO cards(id, deck, section, kind, term, front, back, items, source_file, source_line, position, retired)
                VALUES ('00000000000000aa', 'd', 'S', 'list', 't', 'f', 'b', 'x' || char(31) || 'y', 'd.md', 3, 0, 0),
                       ('00000000000000bb', 'd', 'S', 'definition', 'u', 'f', 'b', '', 'd.md', 4, 1, 1);
                INSERT INTO review_log(rowid, id, card_id, at, grade, duration_ms) VALUES (5, 'r', '00000000000000aa', 100, 4, 9);
                INSERT INTO card_state(card_id, phase, due, reps, lapses, last_review, interval_days, sm2_n, sm2_ef, sm2_interval, sm2_extra)
                VALUES ('00000000000000aa', 'review', 86500, 1, 0, 100, 1, 1, 2.6, 1, 0);
                INSERT INTO buried VALUES ('00000000000000aa', 200);
                INSERT INTO settings VALUES ('scheduler', 'sm2');
                INSERT INTO quiz_results VALUES ('q', 's', 300, 'typed', '00000000000000aa', 'p', 'e', 'g', 1, 7);
                INSERT INTO drill_results VALUES ('dr', '00000000000000bb', 'n', 5, 1, 2, 0, 0, '[]', NULL, 'in-progress');
                INSERT INTO requeued VALUES ('00000000000000aa', 400);
                """)
            #expect(try old.pragmaValue("PRAGMA user_version") == "3")
            for table in Self.version3Tables { before[table] = try rows(old, table) }
        }
        let store = try StudyStore.open(path: path)
        #expect(try store.userVersion() == Schema.latestVersion)
        for table in Self.version3Tables {
            #expect(try rows(store.connection, table) == before[table], "\(table) changed")
            #expect(before[table]?.isEmpty == false, "\(table) had no row to keep")
        }
        #expect(try store.cards(includeRetired: true).map(\.card.links) == [[], []])
        #expect(try store.cards(includeRetired: true).map(\.card.from) == [[], []])
        #expect(try store.card(id: CardID(rawValue: "00000000000000aa"))?.card.items == ["x", "y"])
        #expect(try store.allRenames().isEmpty)
        try store.moveHistory(from: CardID(rawValue: "00000000000000aa"), to: CardID(rawValue: "00000000000000bb"), at: 500) { _, _ in .new }
        #expect(try store.allRenames() == [CardRename(old: CardID(rawValue: "00000000000000aa"), new: CardID(rawValue: "00000000000000bb"), at: 500)])
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.foreignKeyProblems().isEmpty)
    }

    /// Every table of a version-4 database.
    static let version4Tables = version3Tables + ["card_renames"]

    @Test func version5KeepsEveryRowAndAddsCardMarks() throws {
        let dir = TemporaryDirectory()
        let path = try database(at: 4, in: dir)
        var before: [String: [String]] = [:]
        do {
            let old = try Connection(path: path)
            try old.execute(script: """
                INSERT INTO decks VALUES ('d', '/d.md', 'registered', 1, 5);
                INSERT INTO deck_files VALUES ('d', '/d.md', 10, 20);
                INSERT INTO cards(id, deck, section, kind, term, front, back, items, source_file, source_line, position, retired, links)
                VALUES ('00000000000000aa', 'd', 'S', 'list', 't', 'f', 'b', 'x' || char(31) || 'y', 'd.md', 3, 0, 0, 'https://a.example'),
                       ('00000000000000bb', 'd', 'S', 'definition', 'u', 'f', 'b', '', 'd.md', 4, 1, 1, '');
                INSERT INTO review_log(rowid, id, card_id, at, grade, duration_ms) VALUES (5, 'r', '00000000000000aa', 100, 4, 9);
                INSERT INTO card_state(card_id, phase, due, reps, lapses, last_review, interval_days, sm2_n, sm2_ef, sm2_interval, sm2_extra)
                VALUES ('00000000000000aa', 'review', 86500, 1, 0, 100, 1, 1, 2.6, 1, 0);
                INSERT INTO buried VALUES ('00000000000000aa', 200);
                INSERT INTO settings VALUES ('scheduler', 'sm2');
                INSERT INTO quiz_results VALUES ('q', 's', 300, 'typed', '00000000000000aa', 'p', 'e', 'g', 1, 7);
                INSERT INTO drill_results VALUES ('dr', '00000000000000bb', 'n', 5, 1, 2, 0, 0, '[]', NULL, 'in-progress');
                INSERT INTO requeued VALUES ('00000000000000aa', 400);
                INSERT INTO card_renames VALUES ('00000000000000bb', '00000000000000aa', 450);
                """)
            #expect(try old.pragmaValue("PRAGMA user_version") == "4")
            for table in Self.version4Tables { before[table] = try rows(old, table, keepingLinks: true) }
        }
        let store = try StudyStore.open(path: path)
        #expect(try store.userVersion() == Schema.latestVersion)
        for table in Self.version4Tables {
            #expect(try rows(store.connection, table, keepingLinks: true) == before[table], "\(table) changed")
            #expect(before[table]?.isEmpty == false, "\(table) had no row to keep")
        }
        let card = CardID(rawValue: "00000000000000aa")
        // Version 7: the card with a state is marked introduced (it is not a new card).
        #expect(try store.connection.prepare("SELECT id FROM cards WHERE introduced = 1").map { $0.string(0) } == [card.rawValue])
        #expect(try store.allMarks().isEmpty)
        try store.setMark(.suspended, true, on: card, at: 600)
        #expect(try store.cards(marked: .suspended) == [card])
        #expect(try store.integrityCheck() == ["ok"])
        #expect(try store.foreignKeyProblems().isEmpty)
        // A mark must name a card.
        #expect(throws: StoreError.self) { try store.setMark(.flagged, true, on: CardID(rawValue: "00000000000000cc"), at: 1) }
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

    @Test func version12ListsEachReviewedCardsFirstReview() throws {
        let dir = TemporaryDirectory()
        let path = try database(at: 11, in: dir)
        do {
            let old = try Connection(path: path)
            for card in ["00000000000000aa", "00000000000000bb", "00000000000000cc"] {
                try old.run("""
                    INSERT INTO cards(id, deck, section, kind, term, front, back, source_file, source_line, position)
                    VALUES (?1, 'd', 's', 'definition', 't', 'f', 'b', 'd.md', 1, 0)
                    """, [card])
            }
            for (id, card, at) in [("a", "00000000000000aa", 300), ("b", "00000000000000aa", 100), ("c", "00000000000000bb", 200)]
                as [(String, String, Int64)] {
                try old.run("INSERT INTO review_log(id, card_id, at, grade, duration_ms) VALUES (?1, ?2, ?3, 4, 9)", [id, card, at])
            }
        }
        let store = try StudyStore.open(path: path)
        #expect(try store.userVersion() == Schema.latestVersion)
        let first = try store.connection.prepare("SELECT card_id, at FROM card_first_review ORDER BY card_id").map { "\($0.string(0))@\($0.int64(1))" }
        #expect(first == ["00000000000000aa@100", "00000000000000bb@200"])
        let studied = try store.cardsStudied(since: 150)
        #expect(studied.introduced == 1 && studied.reviewed == 1)
    }

    @Test func version13CopiesEachCardIntoItsState() throws {
        let dir = TemporaryDirectory()
        let path = try database(at: 12, in: dir)
        do {
            let old = try Connection(path: path)
            try old.execute(script: """
                INSERT INTO cards(id, deck, section, kind, term, front, back, source_file, source_line, position, retired, derived_from)
                VALUES ('00000000000000aa', 'd', 's', 'definition', 't', 'f', 'b', 'd.md', 1, 4, 0, ''),
                       ('00000000000000bb', 'e', 's', 'reverse', 't', 'f', 'b', 'e.md', 2, 9, 1, '00000000000000aa');
                INSERT INTO card_state(card_id, phase, due, reps, lapses, interval_days)
                VALUES ('00000000000000aa', 'review', 50, 1, 0, 1), ('00000000000000bb', 'learning', 60, 1, 0, 0);
                """)
        }
        let store = try StudyStore.open(path: path)
        #expect(try store.userVersion() == Schema.latestVersion)
        let copies = try store.connection.prepare("""
            SELECT s.card_id, s.card_deck, s.card_position, s.card_kind, s.card_retired, s.card_from, s.card_row = c.rowid
            FROM card_state s JOIN cards c ON c.id = s.card_id ORDER BY s.card_id
            """).map { row in (0..<7).map { row.string(Int32($0)) }.joined(separator: " ") }
        #expect(copies == ["00000000000000aa d 4 definition 0  1", "00000000000000bb e 9 reverse 1 00000000000000aa 1"])
        #expect(try store.stateCopyMismatches() == 0)
        // The retired card stays out of the queue.
        #expect(try store.dueRows(before: 100, now: 0).map(\.id.rawValue) == ["00000000000000aa"])
    }

    @Test func version8KeepsDrillsAndAddsTheirNotesAndCoverage() throws {
        let dir = TemporaryDirectory()
        let path = try database(at: 6, in: dir)
        do {
            let old = try Connection(path: path)
            try old.execute(script: """
                INSERT INTO drill_results VALUES ('dr', NULL, 'n', 5, 1, 2, 6, 300, '[2,2,2,2,2,2,2]', 66.7, 'finished');
                """)
        }
        let store = try StudyStore.open(path: path)
        #expect(try store.userVersion() == Schema.latestVersion)
        var drill = try #require(try store.drills().first)
        #expect(drill.phaseScores == [2, 2, 2, 2, 2, 2, 2] && drill.total == 66.7 && drill.elapsedSeconds == 300)
        #expect(drill.notesJSON == "[]" && drill.referenceCovered == nil && drill.referencePoints == nil)
        drill.notesJSON = #"[{"phase":"requirements","text":"read-heavy"}]"#
        drill.referenceCovered = 3
        drill.referencePoints = 8
        try store.saveDrill(drill)
        #expect(try store.drills() == [drill])
        let estimate = QuizResultRecord(id: "q", sessionID: "s", at: 5, mode: "estimate", cardID: nil, prompt: "p", expected: "e",
                                        given: "g", correct: false, durationMs: 1, kind: "storage")
        try store.insertQuizResult(estimate)
        #expect(try store.quizResults() == [estimate])
    }
}
