import Deck
import Timekeeping

/// A file's reviews merged into a log that has reviews already, one at a time as the file
/// is read, inside the caller's transaction: an export of a million reviews imported back
/// into the machine that made it is never held in memory (as a `ReviewBatch` with its
/// table of IDs it took 164 MB).
///
/// Each review is looked up by ID as it comes. One the log has is only counted, unless
/// its content differs; one the log lacks is set aside in a temporary table (SQLite's
/// temporary file, not memory), because the file's renames, read with the rest of the
/// file, must move this log's reviews before anything is added (see `ProgressImport`).
/// `finish` then compares again what may have changed and appends what was set aside in
/// file order: as a `BulkReviewLoad` from `bulkReviews` new reviews on, else row by row.
///
/// A review ID the file gives twice is found either here (the log's row is met twice) or
/// by the log's unique index when the reviews set aside go in; the caller then reads the
/// file the ordinary way, which names the problem.
public final class StreamedReviewMerge {
    private let connection: Connection
    private let lookup: Statement
    private let setAside: Statement
    /// Per rowid of the log: whether the file has that review, and whether it was set aside
    /// to be compared again (its content differed).
    private var found: RowBits
    private var setAsideForComparison: RowBits
    public private(set) var count = 0
    public private(set) var alreadyPresent = 0
    /// Reviews the log lacks, set aside to be added.
    public private(set) var added = 0
    /// The first failure (a SQLite error, or a repeated ID); later reviews are ignored.
    private var failure: (any Error)?

    /// The largest rowid the per-row bits cover (64M reviews, 8 MB a bit set): a log with
    /// a larger one is merged the ordinary way.
    static let largestRowid: Int64 = 1 << 26

    /// Nil when the log's rowids are beyond `largestRowid` (or below 0).
    init?(connection: Connection) throws {
        precondition(connection.inTransaction, "a merge belongs in the caller's transaction")
        let (smallest, largest) = try connection.prepare("SELECT min(rowid), max(rowid) FROM review_log")
            .first([]) { ($0.int64(0), $0.int64(1)) } ?? (0, 0)
        guard smallest >= 0, largest <= Self.largestRowid else { return nil }
        self.connection = connection
        found = RowBits(largest: largest)
        setAsideForComparison = RowBits(largest: largest)
        try connection.execute(script: """
            CREATE TEMP TABLE import_set_aside (
                is_new      INTEGER NOT NULL,
                id          TEXT NOT NULL,
                card_id     TEXT NOT NULL,
                at          INTEGER NOT NULL,
                grade       INTEGER NOT NULL,
                duration_ms INTEGER NOT NULL
            );
            """)
        lookup = try connection.prepare("SELECT rowid, card_id, at, grade, duration_ms FROM review_log WHERE id = ?1")
        setAside = try connection.prepare("""
            INSERT INTO temp.import_set_aside(is_new, id, card_id, at, grade, duration_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            """)
    }

    deinit {
        lookup.clearBindings()
        setAside.clearBindings()
    }

    /// Looks one review up and counts it, or sets it aside. Errors are kept for
    /// `checkReading`; the bytes need only live through the call.
    public func add(id: UnsafeBufferPointer<UInt8>, card: UnsafeBufferPointer<UInt8>, at: UnixTime, grade: Int,
                    durationMs: Int64) {
        guard failure == nil else { return }
        count += 1
        do {
            try lookup.bindText(1, borrowing: id)
            defer { lookup.reset() }
            guard let row = try lookup.step() else {
                added += 1
                try putAside(new: true, id: id, card: card, at: at, grade: grade, durationMs: durationMs)
                return
            }
            let rowid = row.int64(0)
            guard !found.testAndSet(rowid) else { throw RepeatedID() }
            alreadyPresent += 1
            let same = row.text(1, equals: card) && row.int64(2) == at && row.int(3) == grade && row.int64(4) == durationMs
            if !same {
                setAsideForComparison.testAndSet(rowid)
                try putAside(new: false, id: id, card: card, at: at, grade: grade, durationMs: durationMs)
            }
        } catch {
            failure = error
        }
    }

    private func putAside(new: Bool, id: UnsafeBufferPointer<UInt8>, card: UnsafeBufferPointer<UInt8>, at: UnixTime,
                          grade: Int, durationMs: Int64) throws {
        try setAside.bindInt64(1, new ? 1 : 0)
        try setAside.bindText(2, borrowing: id)
        try setAside.bindText(3, borrowing: card)
        try setAside.bindInt64(4, at)
        try setAside.bindInt64(5, Int64(grade))
        try setAside.bindInt64(6, durationMs)
        defer { setAside.reset() }
        _ = try setAside.step()
    }

    /// Thrown by `checkReading` (and so by the caller) when the file gives a review ID twice.
    public struct RepeatedID: Error, CustomStringConvertible {
        public var description: String { "the file gives a review ID twice" }
    }

    /// Rethrows what went wrong while the reviews were added: a database error, or
    /// `RepeatedID`.
    public func checkReading() throws {
        if let failure { throw failure }
    }

    /// Before renames move this log's reviews of `cards` to other cards: the reviews of
    /// theirs that the file has with the same content are set aside to be compared again,
    /// as the move may make them differ (the file may have them on the old card).
    public func compareAgainAfterMoving(reviewsOf cards: [CardID]) throws {
        let reviews = try connection.prepare("SELECT rowid, id, card_id, at, grade, duration_ms FROM review_log WHERE card_id = ?1")
        for card in cards {
            try reviews.forEach([card.rawValue]) { row in
                let rowid = row.int64(0)
                guard found.contains(rowid), !setAsideForComparison.testAndSet(rowid) else { return }
                try setAside.run([0, row.string(1), row.string(2), row.int64(3), row.int64(4), row.int64(5)])
            }
        }
    }

    /// What `finish` did: `conflicting` of the reviews already here differ from the log's
    /// (the log's are kept); `touched` are the cards that got a new review.
    public struct Outcome {
        public let conflicting: Int
        public let touched: Set<CardID>
    }

    /// Compares again the reviews set aside for it, then appends the new ones in file
    /// order (see the type's note), the cards they name looked up first (a missing one is
    /// named, not a bare foreign-key failure). A repeated ID throws `StoreError.sqlite`
    /// with `SQLITE_CONSTRAINT_UNIQUE` (`BulkReviewLoad.isRepeatedID`).
    public func finish(bulkReviews: Int) throws -> Outcome {
        try checkReading()
        let conflicting = try connection.prepare("""
            SELECT count(*) FROM temp.import_set_aside AS file
            WHERE file.is_new = 0 AND NOT EXISTS (
                SELECT 1 FROM review_log AS log
                WHERE log.id = file.id AND log.card_id = file.card_id AND log.at = file.at
                  AND log.grade = file.grade AND log.duration_ms = file.duration_ms)
            """).first([]) { $0.int(0) } ?? 0
        var touched = Set<CardID>()
        try connection.prepare("SELECT DISTINCT card_id FROM temp.import_set_aside WHERE is_new = 1").forEach { row in
            touched.insert(row.cardID(0))
        }
        try StudyStore.requireCards(touched, on: connection)
        if added >= bulkReviews {
            let load = try BulkReviewLoad(connection: connection)
            try connection.execute(script: Self.appendNewReviews)
            try load.finish(cards: [])
        } else {
            try connection.execute(script: Self.appendNewReviews)
        }
        try connection.execute(script: "DROP TABLE temp.import_set_aside;")
        return Outcome(conflicting: conflicting, touched: touched)
    }

    /// In the order they were set aside (rowid), which is the file's: it breaks ties
    /// between reviews of the same second.
    private static let appendNewReviews: StaticString = """
        INSERT INTO review_log(id, card_id, at, grade, duration_ms)
            SELECT id, card_id, at, grade, duration_ms FROM temp.import_set_aside WHERE is_new = 1 ORDER BY rowid;
        """
}

extension StudyStore {
    /// Starts a `StreamedReviewMerge` inside the caller's transaction; nil when the log's
    /// rowids are too large for it (the caller merges the ordinary way).
    public func beginStreamedReviewMerge() throws -> StreamedReviewMerge? {
        try StreamedReviewMerge(connection: connection)
    }
}

/// One bit per rowid from 0 to a largest one.
struct RowBits {
    private var words: [UInt64]

    init(largest: Int64) {
        words = [UInt64](repeating: 0, count: Int(max(largest, 0) >> 6) + 1)
    }

    func contains(_ rowid: Int64) -> Bool {
        guard rowid >= 0, Int(rowid >> 6) < words.count else { return false }
        return words[Int(rowid >> 6)] & (1 << UInt64(rowid & 63)) != 0
    }

    /// Sets the bit and says whether it was set already.
    @discardableResult
    mutating func testAndSet(_ rowid: Int64) -> Bool {
        precondition(rowid >= 0 && Int(rowid >> 6) < words.count, "rowid beyond the bits")
        let bit: UInt64 = 1 << UInt64(rowid & 63)
        let word = Int(rowid >> 6)
        defer { words[word] |= bit }
        return words[word] & bit != 0
    }
}
