import Deck
import Timekeeping

/// A whole history appended to the review log inside the caller's transaction (an
/// import of a million reviews into a new machine): the log's three indexes are dropped
/// when the load begins, the rows appended one by one with no index to update, and each
/// index built once, by sorting, when it finishes (the schema's own SQL, so the file
/// ends up with the same schema).
///
/// Entered one by one, a million random UUIDs and card IDs cost ~10 s of B-tree inserts
/// that spilled SQLite's cache; sorted once per index they take ~2 s.
///
/// The load checks what the indexes and foreign keys would have: a repeated ID (in the
/// load, or one the log has) fails to build the unique index, and `finish` looks up every
/// card the reviews name, so the caller can run with foreign keys off
/// (`withoutForeignKeyChecks`, which saves a lookup in `cards` per review). Either
/// failure throws, and the caller's transaction rolls everything back.
public final class BulkReviewLoad {
    private let connection: Connection
    private let insert: Statement
    /// `rowsPerInsert` rows in one statement: SQLite opens the table, finds its end and
    /// runs the statement's setup once per 16 rows instead of once per row (appending a
    /// million rows: ~1.5 s → ~0.9 s).
    private let insertMany: Statement
    private static let rowsPerInsert = 16
    /// Rows appended but not inserted yet: their text (ID, then card ID) copied here, so
    /// the caller's bytes need only live through `append`.
    private var pendingText: [UInt8] = []
    private var pending: [(idEnd: Int, cardEnd: Int, at: UnixTime, grade: Int64, durationMs: Int64)] = []

    init(connection: Connection) throws {
        precondition(connection.inTransaction, "a bulk load belongs in the caller's transaction")
        self.connection = connection
        // Even the time index, whose entries would only be appended (a history comes in
        // time order): the inserting thread has as much to do as the reading one, and a
        // sort of sorted times costs a third of a second at the end.
        try connection.execute(script: "DROP INDEX review_log_by_id; DROP INDEX review_log_by_card; DROP INDEX review_log_by_time;")
        // The first reviews are worked out once from the log at the end, not row by row.
        try connection.execute(script: "DROP TRIGGER review_log_first_added;")
        // Appending rows with no index to update touches a few pages at a time: a small
        // cache leaves the memory to the caller (a streamed import reads the file meanwhile).
        try connection.execute(script: "PRAGMA cache_size = -2048;")
        insert = try connection.prepare("INSERT INTO review_log(id, card_id, at, grade, duration_ms) VALUES (?, ?, ?, ?, ?)")
        insertMany = try connection.prepare("""
            INSERT INTO review_log(id, card_id, at, grade, duration_ms) VALUES
                (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?),
                (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?),
                (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?),
                (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)
            """)
        pendingText.reserveCapacity(Self.rowsPerInsert * 52)  // a UUID and a card ID per row
        pending.reserveCapacity(Self.rowsPerInsert)
    }

    deinit {
        insert.clearBindings()
        insertMany.clearBindings()
        try? connection.execute(script: StudyStore.standardCacheSize)
    }

    /// Appends one review; its rowid follows the previous one's, so reviews of the same
    /// second replay in the order they were appended. The bytes are copied.
    public func append(id: UnsafeBufferPointer<UInt8>, card: UnsafeBufferPointer<UInt8>, at: UnixTime, grade: Int,
                       durationMs: Int64) throws {
        pendingText.append(contentsOf: id)
        let idEnd = pendingText.count
        pendingText.append(contentsOf: card)
        pending.append((idEnd, pendingText.count, at, Int64(grade), durationMs))
        if pending.count == Self.rowsPerInsert { try insertPending() }
    }

    /// Inserts the pending rows, in order: 16 through `insertMany`, fewer one by one.
    private func insertPending() throws {
        guard !pending.isEmpty else { return }
        let whole = pending.count == Self.rowsPerInsert
        let statement = whole ? insertMany : insert
        try pendingText.withUnsafeBufferPointer { text in
            var textStart = 0
            for (row, entry) in pending.enumerated() {
                let first = Int32(whole ? row * 5 : 0)
                try statement.bindText(first + 1, borrowing: UnsafeBufferPointer(rebasing: text[textStart..<entry.idEnd]))
                try statement.bindText(first + 2, borrowing: UnsafeBufferPointer(rebasing: text[entry.idEnd..<entry.cardEnd]))
                try statement.bindInt64(first + 3, entry.at)
                try statement.bindInt64(first + 4, entry.grade)
                try statement.bindInt64(first + 5, entry.durationMs)
                textStart = entry.cardEnd
                guard !whole || row == Self.rowsPerInsert - 1 else { continue }
                // Bound to `pendingText`, which changes next: no binding may outlive the step.
                defer { statement.clearBindings() }
                _ = try statement.step()
            }
        }
        pending.removeAll(keepingCapacity: true)
        pendingText.removeAll(keepingCapacity: true)
    }

    /// Checks that each of `cards` (every card the appended reviews name) exists, then
    /// builds the indexes. A repeated review ID throws `StoreError.sqlite` with code
    /// `SQLITE_CONSTRAINT_UNIQUE` (see `isRepeatedID`).
    public func finish<Cards: Sequence<CardID>>(cards: Cards) throws {
        try insertPending()
        try StudyStore.requireCards(cards, on: connection)
        // SQLite sorts in memory up to the cache's size before it merges runs from a
        // temporary file: 4 MiB keeps an import of a million reviews under 64 MiB for
        // about the time 16 take. One helper thread sorts beside it (~0.2 s of 1.9).
        try connection.execute(script: "PRAGMA cache_size = -4096; PRAGMA threads = 1;")
        defer {
            try? connection.execute(script: "PRAGMA threads = 0;")
            try? connection.execute(script: StudyStore.standardCacheSize)
        }
        try connection.execute(script: StudyStore.reviewLogIndexes)
        try connection.execute(script: StudyStore.firstReviewsFromTheLog)
        try connection.execute(script: StudyStore.firstReviewTrigger)
    }

    /// Whether `error` (from `finish`) says two reviews have the same ID.
    public static func isRepeatedID(_ error: any Error) -> Bool {
        guard case .sqlite(let code, _, _) = error as? StoreError else { return false }
        return code == 2067  // SQLITE_CONSTRAINT_UNIQUE
    }
}

extension StudyStore {
    /// Throws unless each of `cards` is stored: the check foreign keys make, for reviews
    /// written with them off (a bulk load, or a big merge that added few reviews).
    public func requireCards<Cards: Sequence<CardID>>(_ cards: Cards) throws {
        try Self.requireCards(cards, on: connection)
    }

    static func requireCards<Cards: Sequence<CardID>>(_ cards: Cards, on connection: Connection) throws {
        let lookup = try connection.prepare("SELECT 1 FROM cards WHERE id = ?1")
        for card in cards {
            guard try lookup.first([card.rawValue], { _ in true }) == true else {
                throw StoreError.inconsistent("review of card \(card), which is not in the database")
            }
        }
    }

    /// Starts a `BulkReviewLoad` inside the caller's transaction.
    public func beginBulkReviewLoad() throws -> BulkReviewLoad {
        try BulkReviewLoad(connection: connection)
    }

    /// `card_first_review` made again from the log: what the triggers keep it equal to.
    static let firstReviewsFromTheLog: StaticString = """
        DELETE FROM card_first_review;
        INSERT INTO card_first_review(card_id, at) SELECT card_id, MIN(at) FROM review_log GROUP BY card_id;
        """

    /// The trigger as migration 12 made it (same text, so the schema reads the same).
    static let firstReviewTrigger: StaticString = """
        CREATE TRIGGER review_log_first_added AFTER INSERT ON review_log
        BEGIN
            INSERT INTO card_first_review(card_id, at) VALUES (NEW.card_id, NEW.at)
            ON CONFLICT(card_id) DO UPDATE SET at = excluded.at WHERE excluded.at < card_first_review.at;
        END;
        """

    /// The log's indexes, as schema migrations 3 and 11 create them.
    static let reviewLogIndexes: StaticString = """
        CREATE UNIQUE INDEX review_log_by_id ON review_log(id);
        CREATE INDEX review_log_by_card ON review_log(card_id, at, grade);
        CREATE INDEX review_log_by_time ON review_log(at, card_id, duration_ms);
        """
}
