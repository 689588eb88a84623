import Deck
import Timekeeping

/// What a user can put on a card besides answering it.
public enum CardMark: String, Sendable, CaseIterable, Comparable {
    /// Out of every queue (review, due counts, new cards) until unsuspended; history kept.
    case suspended
    /// A note to self ("rewrite this one"); changes no queue.
    case flagged

    public static func < (a: CardMark, b: CardMark) -> Bool { a.rawValue < b.rawValue }
}

/// A mark's latest value on one card and when it was set or cleared. A cleared mark is
/// kept (`isSet` false) so that an import can tell which of two machines changed it last.
public struct CardMarkRecord: Hashable, Sendable {
    public let cardID: CardID
    public let mark: CardMark
    public let isSet: Bool
    public let at: UnixTime

    public init(cardID: CardID, mark: CardMark, isSet: Bool, at: UnixTime) {
        self.cardID = cardID
        self.mark = mark
        self.isSet = isSet
        self.at = at
    }

    /// Whether this record wins over `other` (the same card and mark) in a merge: the
    /// later change, and at the same second a set mark, so two machines importing each
    /// other's files end up with the same value.
    public func supersedes(_ other: CardMarkRecord) -> Bool {
        (at, isSet ? 1 : 0) > (other.at, other.isSet ? 1 : 0)
    }
}

/// The marks of one card, for `card ID`, `cards` and the review screen.
public struct CardMarks: Hashable, Sendable {
    public var suspended: CardMarkRecord?
    public var flagged: CardMarkRecord?

    public init(suspended: CardMarkRecord? = nil, flagged: CardMarkRecord? = nil) {
        self.suspended = suspended
        self.flagged = flagged
    }

    public var isSuspended: Bool { suspended?.isSet ?? false }
    public var isFlagged: Bool { flagged?.isSet ?? false }
}

extension StudyStore {
    static func decodeMark(_ row: Row) -> CardMarkRecord? {
        guard let mark = CardMark(rawValue: row.string(1)) else { return nil }
        return CardMarkRecord(cardID: row.cardID(0), mark: mark, isSet: row.bool(2), at: row.int64(3))
    }

    /// Sets or clears `mark` on a card at `time`, in one transaction; returns the record it
    /// replaced (nil: the card never had this mark), which `restoreMark` puts back (undo).
    @discardableResult
    public func setMark(_ mark: CardMark, _ isSet: Bool, on cardID: CardID, at time: UnixTime) throws -> CardMarkRecord? {
        try connection.transaction {
            let previous = try markRecord(mark, of: cardID)
            try connection.run("""
                INSERT INTO card_marks(card_id, mark, is_set, at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT(card_id, mark) DO UPDATE SET is_set = excluded.is_set, at = excluded.at
                """, [cardID.rawValue, mark.rawValue, isSet, time])
            return previous
        }
    }

    /// Flips `mark` on a card, reading its value inside the write's transaction (another
    /// terminal may have changed it); returns the new value.
    public func toggleMark(_ mark: CardMark, on cardID: CardID, at time: UnixTime) throws -> Bool {
        try connection.transaction {
            let isSet = !(try markRecord(mark, of: cardID)?.isSet ?? false)
            try setMark(mark, isSet, on: cardID, at: time)
            return isSet
        }
    }

    /// Puts back what `setMark` returned: the earlier record, or no record at all.
    public func restoreMark(_ mark: CardMark, on cardID: CardID, to previous: CardMarkRecord?) throws {
        try connection.transaction {
            if let previous {
                try connection.run("""
                    INSERT INTO card_marks(card_id, mark, is_set, at) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT(card_id, mark) DO UPDATE SET is_set = excluded.is_set, at = excluded.at
                    """, [cardID.rawValue, mark.rawValue, previous.isSet, previous.at])
            } else {
                try connection.run("DELETE FROM card_marks WHERE card_id = ?1 AND mark = ?2", [cardID.rawValue, mark.rawValue])
            }
        }
    }

    /// Merges a record from another machine (an import): it replaces the local one only
    /// when it `supersedes` it. True when it was written.
    public func mergeMark(_ record: CardMarkRecord) throws -> Bool {
        try connection.run("""
            INSERT INTO card_marks(card_id, mark, is_set, at) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT(card_id, mark) DO UPDATE SET is_set = excluded.is_set, at = excluded.at
            WHERE excluded.at > card_marks.at OR (excluded.at = card_marks.at AND excluded.is_set > card_marks.is_set)
            """, [record.cardID.rawValue, record.mark.rawValue, record.isSet, record.at])
        return connection.changes > 0
    }

    public func markRecord(_ mark: CardMark, of cardID: CardID) throws -> CardMarkRecord? {
        try connection.prepare("SELECT card_id, mark, is_set, at FROM card_marks WHERE card_id = ?1 AND mark = ?2")
            .first([cardID.rawValue, mark.rawValue]) { Self.decodeMark($0) } ?? nil
    }

    public func marks(of cardID: CardID) throws -> CardMarks {
        CardMarks(suspended: try markRecord(.suspended, of: cardID), flagged: try markRecord(.flagged, of: cardID))
    }

    /// The cards on which `mark` is set now.
    public func cards(marked mark: CardMark) throws -> Set<CardID> {
        Set(try connection.prepare("SELECT card_id FROM card_marks WHERE mark = ?1 AND is_set = 1")
            .map([mark.rawValue]) { $0.cardID(0) })
    }

    /// Every record, set or cleared, by card ID then mark: the export's order.
    public func allMarks() throws -> [CardMarkRecord] {
        try connection.prepare("SELECT card_id, mark, is_set, at FROM card_marks ORDER BY card_id, mark")
            .map { Self.decodeMark($0) }.compactMap { $0 }
    }
}
