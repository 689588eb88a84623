import Deck
import Timekeeping

/// One answered quiz or estimation question.
public struct QuizResultRecord: Hashable, Sendable {
    public let id: String
    public let sessionID: String
    public let at: UnixTime
    /// choice, typed, cloze or estimate.
    public let mode: String
    public let cardID: CardID?
    public let prompt: String
    public let expected: String
    public let given: String
    public let correct: Bool
    public let durationMs: Int64
    /// The kind of an estimation question (`storage`, `latency`...); nil for the others
    /// and for answers saved before kinds were kept.
    public let kind: String?

    public init(id: String, sessionID: String, at: UnixTime, mode: String, cardID: CardID?, prompt: String,
                expected: String, given: String, correct: Bool, durationMs: Int64, kind: String? = nil) {
        self.id = id
        self.sessionID = sessionID
        self.at = at
        self.mode = mode
        self.cardID = cardID
        self.prompt = prompt
        self.expected = expected
        self.given = given
        self.correct = correct
        self.durationMs = durationMs
        self.kind = kind
    }
}

/// A timed design drill, finished or in progress.
public struct DrillResultRecord: Hashable, Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case inProgress = "in-progress", finished, abandoned
    }

    public let id: String
    public let cardID: CardID?
    public let name: String
    public let minutes: Int
    public let startedAt: UnixTime
    public var updatedAt: UnixTime
    /// Index of the phase being worked on (or the number of phases when scoring is done).
    public var phase: Int
    /// Seconds spent so far, so a resumed drill continues its clock.
    public var elapsedSeconds: Int64
    /// 0-3 per scored phase, in phase order.
    public var phaseScores: [Int]
    /// Weighted score 0-100 once finished.
    public var total: Double?
    public var status: Status
    /// The notes typed during the drill (per phase and per probe), as a JSON array the
    /// Practice module writes and reads; the store keeps it as it is.
    public var notesJSON: String
    /// Points of the rubric's reference outline the learner marked as covered, and how
    /// many it has (both nil until marked, or when the exercise has no reference).
    public var referenceCovered: Int?
    public var referencePoints: Int?

    public init(id: String, cardID: CardID?, name: String, minutes: Int, startedAt: UnixTime, updatedAt: UnixTime,
                phase: Int, elapsedSeconds: Int64, phaseScores: [Int], total: Double?, status: Status,
                notesJSON: String = "[]", referenceCovered: Int? = nil, referencePoints: Int? = nil) {
        self.id = id
        self.cardID = cardID
        self.name = name
        self.minutes = minutes
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.phase = phase
        self.elapsedSeconds = elapsedSeconds
        self.phaseScores = phaseScores
        self.total = total
        self.status = status
        self.notesJSON = notesJSON
        self.referenceCovered = referenceCovered
        self.referencePoints = referencePoints
    }
}

extension StudyStore {
    // MARK: Quiz results

    /// Stores a quiz answer; false when its ID is already there (import merges).
    @discardableResult
    public func insertQuizResult(_ result: QuizResultRecord) throws -> Bool {
        try connection.run("""
            INSERT INTO quiz_results(id, session_id, at, mode, card_id, prompt, expected, given, correct, duration_ms, kind)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT(id) DO NOTHING
            """, [result.id, result.sessionID, result.at, result.mode, result.cardID?.rawValue, result.prompt, result.expected,
                  result.given, result.correct, result.durationMs, result.kind])
        return connection.changes == 1
    }

    /// Quiz answers in time order, optionally from `start` on.
    public func quizResults(since start: UnixTime = .min) throws -> [QuizResultRecord] {
        try connection.prepare("""
            SELECT id, session_id, at, mode, card_id, prompt, expected, given, correct, duration_ms, kind FROM quiz_results
            WHERE at >= ?1 ORDER BY at, rowid
            """).map([start]) { row in
            QuizResultRecord(id: row.string(0), sessionID: row.string(1), at: row.int64(2), mode: row.string(3),
                             cardID: row.optionalString(4).map(CardID.init(rawValue:)), prompt: row.string(5),
                             expected: row.string(6), given: row.string(7), correct: row.bool(8), durationMs: row.int64(9),
                             kind: row.optionalString(10))
        }
    }

    // MARK: Drill results

    /// Inserts or updates a drill (saved after every phase).
    public func saveDrill(_ drill: DrillResultRecord) throws {
        try connection.run("""
            INSERT INTO drill_results(id, card_id, name, minutes, started_at, updated_at, phase, elapsed_s, phase_scores, total, status,
                                      notes, reference_covered, reference_points)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
            ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at, phase = excluded.phase,
                elapsed_s = excluded.elapsed_s, phase_scores = excluded.phase_scores, total = excluded.total,
                status = excluded.status, notes = excluded.notes, reference_covered = excluded.reference_covered,
                reference_points = excluded.reference_points
            """, [drill.id, drill.cardID?.rawValue, drill.name, drill.minutes, drill.startedAt, drill.updatedAt, drill.phase,
                  drill.elapsedSeconds, DrillScoresCoding.encode(drill.phaseScores), drill.total, drill.status.rawValue,
                  drill.notesJSON, drill.referenceCovered, drill.referencePoints])
    }

    /// What merging one drill from another machine did.
    public enum DrillMerge: Sendable {
        case added, updated, unchanged
    }

    /// Import merge of a drill: a new ID is added; a known one is replaced only when the
    /// incoming copy was saved later (a drill finished on the other machine after an
    /// earlier export), so the most advanced state of each drill wins on both sides.
    @discardableResult
    public func mergeDrill(_ drill: DrillResultRecord) throws -> DrillMerge {
        let stored = try connection.prepare("SELECT updated_at FROM drill_results WHERE id = ?1").first([drill.id]) { $0.int64(0) }
        guard let stored else {
            try saveDrill(drill)
            return .added
        }
        guard drill.updatedAt > stored else { return .unchanged }
        try saveDrill(drill)
        return .updated
    }

    public func drills(named name: String? = nil) throws -> [DrillResultRecord] {
        try connection.prepare("""
            SELECT id, card_id, name, minutes, started_at, updated_at, phase, elapsed_s, phase_scores, total, status,
                   notes, reference_covered, reference_points
            FROM drill_results WHERE ?1 IS NULL OR name = ?1 ORDER BY started_at, rowid
            """).map([name]) { row in
            DrillResultRecord(id: row.string(0), cardID: row.optionalString(1).map(CardID.init(rawValue:)), name: row.string(2),
                              minutes: row.int(3), startedAt: row.int64(4), updatedAt: row.int64(5), phase: row.int(6),
                              elapsedSeconds: row.int64(7), phaseScores: DrillScoresCoding.decode(row.string(8)),
                              total: row.optionalDouble(9),
                              status: DrillResultRecord.Status(rawValue: row.string(10)) ?? .abandoned,
                              notesJSON: row.string(11), referenceCovered: row.optionalInt(12), referencePoints: row.optionalInt(13))
        }
    }

    // MARK: Cards sent back to review

    public func requeue(_ cardID: CardID, at time: UnixTime) throws {
        try connection.run("INSERT INTO requeued(card_id, at) VALUES (?1, ?2) ON CONFLICT(card_id) DO UPDATE SET at = excluded.at",
                           [cardID.rawValue, time])
    }

    /// Cards sent back to review, not reviewed since, and not skipped at `now`; of `decks` only.
    public func requeuedCards(at now: UnixTime, decks: DeckScope = .every) throws -> [CardID] {
        // CROSS JOIN keeps `requeued` (nearly always empty) the outer loop: with a plain
        // join SQLite chose to scan every card and look each up in `requeued`.
        try connection.prepare("""
            SELECT q.card_id FROM requeued q CROSS JOIN cards c ON c.id = q.card_id
            WHERE c.retired = 0 AND NOT EXISTS (SELECT 1 FROM review_log r WHERE r.card_id = q.card_id AND r.at >= q.at)
              AND NOT EXISTS (SELECT 1 FROM decks d WHERE d.name = c.deck AND d.disabled = 1)
              AND NOT EXISTS (SELECT 1 FROM buried b WHERE b.card_id = q.card_id AND b.until > ?1)
              AND (?2 IS NULL OR c.deck IN (SELECT value FROM json_each(?2)))
            ORDER BY q.at
            """).map([now, decks.parameter]) { $0.cardID(0) }
    }
}

/// `[3,2,1]` <-> [3, 2, 1]: small enough to store as text without a JSON dependency here.
enum DrillScoresCoding {
    static func encode(_ scores: [Int]) -> String {
        "[" + scores.map(String.init).joined(separator: ",") + "]"
    }

    static func decode(_ text: String) -> [Int] {
        text.dropFirst().dropLast().split(separator: ",").compactMap { Int($0.filter { $0 != " " }) }
    }
}
