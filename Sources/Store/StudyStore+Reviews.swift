import Deck
import Scheduling
import Timekeeping

/// Whether a review about to be imported is in the log already.
public enum ReviewPresence: Sendable {
    case absent
    /// Same ID, same content.
    case same
    /// Same ID, other content: the local review is kept.
    case conflicting
}

extension StudyStore {
    static let selectReview = "SELECT r.id, r.card_id, r.at, r.grade, r.duration_ms FROM review_log r"

    static func decodeReview(_ row: Row) -> ReviewRecord {
        ReviewRecord(id: row.string(0), cardID: row.cardID(1), at: row.int64(2),
                     grade: Quality(rawValue: row.int(3)) ?? Quality(rawValue: 0)!, durationMs: row.int64(4))
    }

    /// Appends an answer to the log and stores the card's new state, atomically: after a
    /// crash either both are there or neither.
    public func record(_ review: ReviewRecord, newState: CardState) throws {
        try connection.transaction {
            try insertReview(review)
            try saveState(newState, for: review.cardID)
        }
    }

    /// Inserts a review row (no state change); false when a review with that ID exists.
    @discardableResult
    public func insertReview(_ review: ReviewRecord) throws -> Bool {
        try connection.run("""
            INSERT INTO review_log(id, card_id, at, grade, duration_ms) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT(id) DO NOTHING
            """, [review.id, review.cardID.rawValue, review.at, review.grade.rawValue, review.durationMs])
        return connection.changes == 1
    }

    /// The time of the first review of an active card (nil: none reviewed).
    public func earliestReviewOfActiveCards() throws -> UnixTime? {
        try connection.prepare("""
            SELECT MIN(r.at) FROM review_log r JOIN cards c ON c.id = r.card_id WHERE c.retired = 0
            """).first([]) { $0.optionalInt64(0) } ?? nil
    }

    /// A card's reviews in the order they happened.
    public func reviews(of cardID: CardID) throws -> [ReviewRecord] {
        try connection.prepare(Self.selectReview + " WHERE r.card_id = ?1 ORDER BY r.at, r.rowid")
            .map([cardID.rawValue]) { Self.decodeReview($0) }
    }

    /// Every review in time order, then arrival (export, replay), streamed to `body`; with
    /// `decks`, only the reviews of those decks' cards (`export --only`). The time index
    /// gives the time order; the reviews of one second are put in arrival order by
    /// `RunsInOrder`, not by SQLite's sorter. One snapshot (`readSnapshot`), so that a long
    /// second read again after the scan sees the same log.
    public func forEachReview(decks: DeckScope = .every, _ body: (ReviewRecord) throws -> Void) throws {
        try readSnapshot { try forEachReviewInSnapshot(decks: decks, body) }
    }

    private func forEachReviewInSnapshot(decks: DeckScope, _ body: (ReviewRecord) throws -> Void) throws {
        let oneSecond = try connection.prepare(Self.selectReview + " WHERE r.at = ?2 AND " + Self.reviewOfDecks + " ORDER BY r.rowid")
        try withoutActuallyEscaping(body) { body in
            var seconds = RunsInOrder<UnixTime, (row: Int64, review: ReviewRecord)>(
                largestRunHeld: Self.largestRunHeld, precedes: { $0.row < $1.row }, emit: { try body($0.review) },
                readRun: { at in try oneSecond.forEach([decks.parameter, at]) { try body(Self.decodeReview($0)) } })
            try connection.prepare(Self.selectReviewsByTime).forEach([decks.parameter]) { row in
                try seconds.add(key: row.int64(2)) { (row.int64(5), Self.decodeReview(row)) }
            }
            try seconds.finish()
        }
    }

    /// The most rows that share a key `RunsInOrder` holds to order them (the reviews of
    /// one second, the cards at one place of a deck).
    static let largestRunHeld = 4_096

    /// `forEachReview`'s scan: the reviews (with their row, the arrival order) in the time
    /// index's order; ?1 the decks (a JSON array, NULL for all).
    static let selectReviewsByTime = "SELECT r.id, r.card_id, r.at, r.grade, r.duration_ms, r.rowid FROM review_log r WHERE "
        + reviewOfDecks + " ORDER BY r.at"

    /// A review `r` of a card of the decks ?1 (a JSON array; NULL: any card).
    static let reviewOfDecks = "(?1 IS NULL OR r.card_id IN (SELECT c.id FROM cards c WHERE c.deck IN (SELECT value FROM json_each(?1))))"

    /// Every card that has reviews, with how many (retired cards included), in no
    /// particular order: one pass over the log's card index.
    public func forEachReviewCount(_ body: (CardID, Int) throws -> Void) throws {
        try connection.prepare("SELECT card_id, COUNT(*) FROM review_log GROUP BY card_id")
            .forEach { try body($0.cardID(0), $0.int(1)) }
    }

    /// Reviews with `start <= at < end`, in time order.
    public func reviews(from start: UnixTime, to end: UnixTime) throws -> [ReviewRecord] {
        try connection.prepare(Self.selectReview + " WHERE r.at >= ?1 AND r.at < ?2 ORDER BY r.at, r.rowid")
            .map([start, end]) { Self.decodeReview($0) }
    }

    /// How many cards have at least one review.
    public func reviewedCardCount() throws -> Int {
        try connection.prepare("SELECT COUNT(DISTINCT card_id) FROM review_log").first { $0.int(0) } ?? 0
    }

    public func reviewCount() throws -> Int {
        try connection.prepare("SELECT COUNT(*) FROM review_log").first { $0.int(0) } ?? 0
    }

    /// Whether a review ID is in the log.
    public func hasReview(id: String) throws -> Bool {
        try connection.prepare("SELECT 1 FROM review_log WHERE id = ?1").first([id]) { _ in true } ?? false
    }

    /// The cards reviewed at or after `start`, split by whether they had been reviewed
    /// before it: new cards introduced this study day, and review cards done (for the daily
    /// limits). A card is new today when its first review is (`card_first_review`), so
    /// no card's earlier log is looked up: after a break, 30,000 cards failed in the
    /// morning took 30,000 lookups.
    public func cardsStudied(since start: UnixTime) throws -> (introduced: Int, reviewed: Int) {
        let counts = try connection.prepare("""
            SELECT (SELECT COUNT(DISTINCT card_id) FROM review_log WHERE at >= ?1),
                   (SELECT COUNT(*) FROM card_first_review WHERE at >= ?1)
            """).first([start]) { (cards: $0.int(0), introduced: $0.int(1)) } ?? (cards: 0, introduced: 0)
        return (introduced: counts.introduced, reviewed: counts.cards - counts.introduced)
    }

    /// How many cards' first review in `card_first_review` is not the log's (missing,
    /// extra or another time): the triggers keep it at 0, unless the file was edited
    /// by hand. `check` reports it and `--repair` rebuilds the table.
    public func firstReviewMismatches() throws -> Int {
        try connection.prepare("""
            SELECT COUNT(DISTINCT card_id) FROM (
                SELECT card_id FROM (SELECT card_id, MIN(at) FROM review_log GROUP BY card_id
                                     EXCEPT SELECT card_id, at FROM card_first_review)
                UNION ALL
                SELECT card_id FROM (SELECT card_id, at FROM card_first_review
                                     EXCEPT SELECT card_id, MIN(at) FROM review_log GROUP BY card_id))
            """).first { $0.int(0) } ?? 0
    }

    /// Makes `card_first_review` again from the log, in one transaction.
    public func rebuildFirstReviews() throws {
        try connection.transaction { try connection.execute(script: Self.firstReviewsFromTheLog) }
    }

    /// Review counts per local day, keyed by the day's start, for streaks and heatmaps:
    /// `dayStart(at)` maps an instant to the start of its study day.
    public func reviewTimes(from start: UnixTime, to end: UnixTime) throws -> [UnixTime] {
        try connection.prepare("SELECT at FROM review_log WHERE at >= ?1 AND at < ?2 ORDER BY at").map([start, end]) { $0.int64(0) }
    }

    /// For each review of `batch`, whether the log has it already (by ID) and with the same
    /// content. An empty log needs no lookups: every review is new.
    public func presence(of batch: ReviewBatch) throws -> [ReviewPresence] {
        var result = [ReviewPresence](repeating: .absent, count: batch.count)
        guard try hasReviews() else { return result }
        let lookup = try connection.prepare("SELECT card_id, at, grade, duration_ms FROM review_log WHERE id = ?1")
        defer { lookup.clearBindings() }
        try batch.idBytes.withUnsafeBufferPointer { ids in
            for (index, entry) in batch.entries.enumerated() {
                try lookup.bindText(1, borrowing: UnsafeBufferPointer(rebasing: ids[entry.idStart..<entry.idStart + Int(entry.idCount)]))
                defer { lookup.reset() }
                guard let row = try lookup.step() else { continue }
                let same = row.string(0) == batch.cards[Int(entry.card)].rawValue && row.int64(1) == entry.at
                    && row.int(2) == Int(entry.grade) && row.int64(3) == entry.durationMs
                result[index] = same ? .same : .conflicting
            }
        }
        return result
    }

    /// Whether the log has any review.
    public func hasReviews() throws -> Bool {
        try connection.prepare("SELECT EXISTS (SELECT 1 FROM review_log)").first([]) { $0.bool(0) } ?? false
    }

    /// Appends the reviews of `batch` whose `presence` is `.absent`, in batch order, so
    /// their rowids keep that order (it breaks ties between reviews of the same second).
    /// Values are bound straight from the batch's buffers: no strings per review. Returns
    /// the indexes of reviews skipped because their ID was there after all: only a batch
    /// that repeats an ID has any (the second one finds the first).
    public func insertAbsentReviews(_ batch: ReviewBatch, presence: [ReviewPresence]) throws -> [Int] {
        let insert = try connection.prepare("""
            INSERT INTO review_log(id, card_id, at, grade, duration_ms) VALUES (?1, ?2, ?3, ?4, ?5)
            ON CONFLICT(id) DO NOTHING
            """)
        defer { insert.clearBindings() }
        var skipped: [Int] = []
        try forEachAbsentReview(batch, presence: presence) { index, id, card, entry in
            try insert.bindText(1, borrowing: id)
            try insert.bindText(2, borrowing: card)
            try insert.bindInt64(3, entry.at)
            try insert.bindInt64(4, Int64(entry.grade))
            try insert.bindInt64(5, entry.durationMs)
            defer { insert.reset() }
            _ = try insert.step()
            if connection.changes == 0 { skipped.append(index) }
        }
        return skipped
    }

    /// `insertAbsentReviews` for a whole history, inside the caller's transaction, through
    /// a `BulkReviewLoad` (see there: indexes built once at the end, cards checked once
    /// each). A batch that repeats an ID throws; `presence` must come from `presence(of:)`.
    public func insertAbsentReviewsInBulk(_ batch: ReviewBatch, presence: [ReviewPresence]) throws {
        let load = try beginBulkReviewLoad()
        var named = [Bool](repeating: false, count: batch.cards.count)
        try forEachAbsentReview(batch, presence: presence) { _, id, card, entry in
            try load.append(id: id, card: card, at: entry.at, grade: Int(entry.grade), durationMs: entry.durationMs)
            named[Int(entry.card)] = true
        }
        try load.finish(cards: batch.cards.indices.lazy.filter { named[$0] }.map { batch.cards[$0] })
    }

    /// Calls `body` with each absent review's index, ID bytes, card ID bytes and entry,
    /// in batch order (the bytes are valid only during the call).
    private func forEachAbsentReview(_ batch: ReviewBatch, presence: [ReviewPresence],
                                     _ body: (Int, UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, ReviewBatch.Entry) throws -> Void) throws {
        precondition(presence.count == batch.count, "one presence per review")
        // The card IDs' bytes, once each, to bind from.
        var cardBytes: [UInt8] = []
        var cardStarts: [Int] = []
        cardStarts.reserveCapacity(batch.cards.count + 1)
        for card in batch.cards {
            cardStarts.append(cardBytes.count)
            card.appendText(to: &cardBytes)
        }
        cardStarts.append(cardBytes.count)
        try batch.idBytes.withUnsafeBufferPointer { ids in
            try cardBytes.withUnsafeBufferPointer { cardText in
                for (index, entry) in batch.entries.enumerated() where presence[index] == .absent {
                    let card = Int(entry.card)
                    try body(index, UnsafeBufferPointer(rebasing: ids[entry.idStart..<entry.idStart + Int(entry.idCount)]),
                             UnsafeBufferPointer(rebasing: cardText[cardStarts[card]..<cardStarts[card + 1]]), entry)
                }
            }
        }
    }

    /// Runs `body` with foreign keys not enforced (SQLite can only switch them outside a
    /// transaction), then on again. The body must check what it writes itself: see
    /// `insertAbsentReviewsInBulk` and `foreignKeyProblems(in:)`.
    public func withoutForeignKeyChecks<T>(_ body: () throws -> T) throws -> T {
        precondition(!connection.inTransaction, "foreign keys can only be switched outside a transaction")
        try connection.execute(script: "PRAGMA foreign_keys = OFF;")
        defer { try? connection.execute(script: "PRAGMA foreign_keys = ON;") }
        return try body()
    }
}
