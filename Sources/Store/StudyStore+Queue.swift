import Deck
import Scheduling
import Timekeeping

/// A card that may enter today's queue, as the queue builder needs it.
public struct QueueRow: Hashable, Sendable {
    public let id: CardID
    public let phase: Phase
    public let due: UnixTime
    /// Deck order across decks, for new cards.
    public let deckOrder: Int

    public init(id: CardID, phase: Phase, due: UnixTime, deckOrder: Int) {
        self.id = id
        self.phase = phase
        self.due = due
        self.deckOrder = deckOrder
    }
}

extension StudyStore {
    /// Reviewed, active, unburied, unsuspended cards due before `end`: a range scan on the
    /// `due` index.
    public func dueRows(before end: UnixTime, now: UnixTime) throws -> [QueueRow] {
        try connection.prepare("""
            SELECT s.card_id, s.phase, s.due, COALESCE(d.sort_order, 1 << 20) * 1048576 + c.position
            FROM card_state s JOIN cards c ON c.id = s.card_id LEFT JOIN decks d ON d.name = c.deck
            WHERE s.due < ?1 AND c.retired = 0
              AND NOT EXISTS (SELECT 1 FROM buried b WHERE b.card_id = s.card_id AND b.until > ?2)
              AND NOT EXISTS (SELECT 1 FROM card_marks m WHERE m.card_id = s.card_id AND m.mark = 'suspended' AND m.is_set = 1)
            ORDER BY s.due
            """).map([end, now]) { row in
            QueueRow(id: CardID(rawValue: row.string(0)), phase: Phase(rawValue: row.string(1)) ?? .review,
                     due: row.int64(2), deckOrder: row.int(3))
        }
    }

    /// The first `limit` never-reviewed, unskipped active cards in deck order, and how
    /// many never-reviewed active cards there are, from one pass over the cards (each
    /// looks up the card's state, which for 100k cards takes ~150 ms). Suspended cards
    /// are neither taken nor counted.
    public func newCards(limit: Int, now: UnixTime) throws -> (rows: [QueueRow], total: Int) {
        var rows: [QueueRow] = []
        var total = 0
        try connection.prepare("""
            SELECT c.id, COALESCE(d.sort_order, 1 << 20) * 1048576 + c.position AS ord,
                   EXISTS (SELECT 1 FROM buried b WHERE b.card_id = c.id AND b.until > ?1)
            FROM cards c LEFT JOIN decks d ON d.name = c.deck
            WHERE c.retired = 0 AND NOT EXISTS (SELECT 1 FROM card_state s WHERE s.card_id = c.id)
              AND NOT EXISTS (SELECT 1 FROM card_marks m WHERE m.card_id = c.id AND m.mark = 'suspended' AND m.is_set = 1)
            ORDER BY ord
            """).forEach([now]) { row in
            total += 1
            if rows.count < limit && !row.bool(2) {
                rows.append(QueueRow(id: CardID(rawValue: row.string(0)), phase: .new, due: 0, deckOrder: row.int(1)))
            }
        }
        return (rows, total)
    }

    /// Up to `limit` never-reviewed, unskipped active cards in no particular order: enough
    /// to count how many new cards today's queue still takes, without the pass over every
    /// card that ordering them and counting them all needs.
    public func someNewCards(limit: Int, now: UnixTime) throws -> [QueueRow] {
        // No query at all for a limit of 0 (today's new cards all taken, the usual case at
        // the end of a session): finding none would still look at every reviewed card.
        guard limit > 0 else { return [] }
        return try connection.prepare("""
            SELECT c.id FROM cards c
            WHERE c.retired = 0 AND NOT EXISTS (SELECT 1 FROM card_state s WHERE s.card_id = c.id)
              AND NOT EXISTS (SELECT 1 FROM buried b WHERE b.card_id = c.id AND b.until > ?1)
              AND NOT EXISTS (SELECT 1 FROM card_marks m WHERE m.card_id = c.id AND m.mark = 'suspended' AND m.is_set = 1)
            LIMIT ?2
            """).map([now, Int64(max(0, limit))]) { row in
            QueueRow(id: CardID(rawValue: row.string(0)), phase: .new, due: 0, deckOrder: 0)
        }
    }

    /// Hides a card until `until` (skip in a session buries it until the next study day).
    public func bury(_ cardID: CardID, until: UnixTime) throws {
        try connection.run("INSERT INTO buried(card_id, until) VALUES (?1, ?2) ON CONFLICT(card_id) DO UPDATE SET until = excluded.until",
                           [cardID.rawValue, until])
    }

    public func unbury(_ cardID: CardID) throws {
        try connection.run("DELETE FROM buried WHERE card_id = ?1", [cardID.rawValue])
    }
}

extension StudyStore {
    /// The earliest due time among active, unskipped, unsuspended cards that have been
    /// reviewed (possibly already past: a card due now), for "next due".
    public func earliestDue(now: UnixTime) throws -> UnixTime? {
        try connection.prepare("""
            SELECT MIN(s.due) FROM card_state s JOIN cards c ON c.id = s.card_id
            WHERE c.retired = 0 AND NOT EXISTS (SELECT 1 FROM buried b WHERE b.card_id = s.card_id AND b.until > ?1)
              AND NOT EXISTS (SELECT 1 FROM card_marks m WHERE m.card_id = s.card_id AND m.mark = 'suspended' AND m.is_set = 1)
            """).first([now]) { $0.optionalInt64(0) } ?? nil
    }
}

extension StudyStore {
    /// Cards hidden at `now` by a skip.
    public func buriedCards(at now: UnixTime) throws -> Set<CardID> {
        Set(try connection.prepare("SELECT card_id FROM buried WHERE until > ?1").map([now]) { CardID(rawValue: $0.string(0)) })
    }
}

extension StudyStore {
    /// Section paths of every active card, for `--section` filters over large decks in
    /// one query instead of one per card.
    public func activeCardSections() throws -> [CardID: [String]] {
        var result: [CardID: [String]] = [:]
        try connection.prepare("SELECT id, section FROM cards WHERE retired = 0").forEach { row in
            result[CardID(rawValue: row.string(0))] = SectionCoding.decode(row.string(1))
        }
        return result
    }
}
