import Deck
import Scheduling
import Timekeeping

extension StudyStore {
    /// The columns `decodeState` reads, in its order (also after a card's in joined queries).
    static let stateColumns = """
        s.card_id, s.phase, s.due, s.reps, s.lapses, s.last_review, s.interval_days, s.sm2_n, s.sm2_ef,
        s.sm2_interval, s.sm2_extra, s.fsrs_phase, s.fsrs_step, s.fsrs_stability, s.fsrs_difficulty
        """
    static let selectState = "SELECT " + stateColumns + " FROM card_state s"

    /// Decodes the `selectState` columns, starting at column `first` (0 when the state
    /// columns come alone, later when they follow another table's).
    static func decodeState(_ row: Row, from first: Int32 = 0) -> (CardID, CardState) {
        (row.cardID(first), decodeState(row: row, from: first))
    }

    /// The state alone, when the card's ID is known already.
    static func decodeState(row: Row, from first: Int32) -> CardState {
        var sm2: SM2Memory?
        if let n = row.optionalInt(first + 7) {
            sm2 = SM2Memory(n: n, ef: row.double(first + 8), intervalDays: row.int(first + 9), inExtraLoop: row.bool(first + 10))
        }
        var fsrs: FSRSMemory?
        if let phase = row.optionalString(first + 11).flatMap(Phase.init(rawValue:)) {
            fsrs = FSRSMemory(phase: phase, step: row.optionalInt(first + 12), stability: row.double(first + 13),
                              difficulty: row.double(first + 14))
        }
        return CardState(phase: row.phase(first + 1) ?? .review, due: row.int64(first + 2),
                         reps: row.int(first + 3), lapses: row.int(first + 4), lastReview: row.optionalInt64(first + 5),
                         intervalDays: row.int(first + 6), sm2: sm2, fsrs: fsrs)
    }

    /// Stores (or, for a state back at `.new`, removes) a card's state.
    public func saveState(_ state: CardState, for cardID: CardID) throws {
        if state.phase == .new && state.reps == 0 {
            try connection.run("DELETE FROM card_state WHERE card_id = ?1", [cardID.rawValue])
            return
        }
        let upsert = try connection.prepare("""
            INSERT INTO card_state(card_id, phase, due, reps, lapses, last_review, interval_days, sm2_n, sm2_ef, sm2_interval,
                                   sm2_extra, fsrs_phase, fsrs_step, fsrs_stability, fsrs_difficulty)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
            ON CONFLICT(card_id) DO UPDATE SET phase = excluded.phase, due = excluded.due, reps = excluded.reps,
                lapses = excluded.lapses, last_review = excluded.last_review, interval_days = excluded.interval_days,
                sm2_n = excluded.sm2_n, sm2_ef = excluded.sm2_ef, sm2_interval = excluded.sm2_interval,
                sm2_extra = excluded.sm2_extra, fsrs_phase = excluded.fsrs_phase, fsrs_step = excluded.fsrs_step,
                fsrs_stability = excluded.fsrs_stability, fsrs_difficulty = excluded.fsrs_difficulty
            """)
        // Bound one by one, not as an array of boxed values: an import saves 87,000 states.
        upsert.reset()
        try upsert.bind(1, cardID.rawValue)
        try upsert.bind(2, state.phase.rawValue)
        try upsert.bind(3, state.due)
        try upsert.bind(4, state.reps)
        try upsert.bind(5, state.lapses)
        try upsert.bind(6, state.lastReview)
        try upsert.bind(7, state.intervalDays)
        try upsert.bind(8, state.sm2?.n)
        try upsert.bind(9, state.sm2?.ef)
        try upsert.bind(10, state.sm2?.intervalDays)
        try upsert.bind(11, state.sm2?.inExtraLoop)
        try upsert.bind(12, state.fsrs?.phase.rawValue)
        try upsert.bind(13, state.fsrs?.step)
        try upsert.bind(14, state.fsrs?.stability)
        try upsert.bind(15, state.fsrs?.difficulty)
        defer { upsert.reset() }
        _ = try upsert.step()
    }

    public func state(of cardID: CardID) throws -> CardState? {
        try connection.prepare(Self.selectState + " WHERE s.card_id = ?1").first([cardID.rawValue]) { Self.decodeState($0).1 }
    }

    /// Whether any card has a stored state (a database where nothing was answered yet, or
    /// imported, has none).
    public func hasStates() throws -> Bool {
        try connection.prepare("SELECT EXISTS (SELECT 1 FROM card_state)").first([]) { $0.bool(0) } ?? false
    }

    /// Every stored state (cards never reviewed have none).
    public func allStates() throws -> [CardID: CardState] {
        var result: [CardID: CardState] = [:]
        try connection.prepare(Self.selectState).forEach { row in
            let (id, state) = Self.decodeState(row)
            result[id] = state
        }
        return result
    }

    /// Replaces the states of the given cards in one transaction (scheduler switch,
    /// import, repair). A `.new` state removes the row.
    public func replaceStates(_ states: [(CardID, CardState)]) throws {
        try connection.transaction {
            for (id, state) in states { try saveState(state, for: id) }
        }
    }
}

extension StudyStore {
    /// Cards whose stored state counts at least `lapses` lapses (leeches, for a threshold).
    public func cards(withLapsesAtLeast lapses: Int) throws -> Set<CardID> {
        Set(try connection.prepare("SELECT card_id FROM card_state WHERE lapses >= ?1").map([lapses]) { $0.cardID(0) })
    }
}
