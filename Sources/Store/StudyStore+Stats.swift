import Deck
import Scheduling
import Timekeeping

/// A card as `stats` needs it: where it counts and its state, without its text.
public struct StatsCard: Sendable {
    public let id: CardID
    public let deck: String
    /// The first heading of its section path (nil: no section).
    public let topSection: String?
    public let order: Int
    public let retired: Bool
    /// nil: never reviewed.
    public let state: CardState?

    /// Where the card stands in deck order: decks in their added order (unknown ones last,
    /// by name), then position, then insertion.
    public struct DeckPlace: Comparable, Sendable {
        let deckOrder: Int64
        let deck: String
        let position: Int64
        let row: Int64

        public static func < (a: DeckPlace, b: DeckPlace) -> Bool {
            (a.deckOrder, a.deck, a.position, a.row) < (b.deckOrder, b.deck, b.position, b.row)
        }
    }
    /// nil: the cards come in deck order.
    public let deckPlace: DeckPlace?
    /// One number for every card of the same deck and top section in a pass (numbered
    /// from 0 as they are met), so a pass can count sections in an array; nil: not given.
    public let sectionNumber: Int?

    public init(id: CardID, deck: String, topSection: String?, order: Int, retired: Bool, state: CardState?, deckPlace: DeckPlace? = nil,
                sectionNumber: Int? = nil) {
        self.id = id
        self.deck = deck
        self.topSection = topSection
        self.order = order
        self.retired = retired
        self.state = state
        self.deckPlace = deckPlace
        self.sectionNumber = sectionNumber
    }
}

// Queries for `stats`, each a pass that holds one row at a time: a history of a million
// reviews and 190k cards is never loaded whole (it took 530 MiB).
extension StudyStore {
    /// Every card, active and retired, with its state, in ID order: each card carries its
    /// place in deck order (`StatsCard.deckPlace`, the order of `cards(includeRetired:)`)
    /// instead, so no sort of every card's row is needed.
    ///
    /// The cards (their ID index, which holds what is read here) and the states (keyed by
    /// card ID) are read as two scans in ID order and merged here: joined in SQL, each of
    /// 190k cards was a lookup in the states' B-tree, two thirds of the pass.
    public func forEachStatsCard(decks: DeckScope = .every, _ body: (StatsCard) throws -> Void) throws {
        var deckRows = try DeckRows(connection)
        let states = try connection.prepare(Self.selectState + " ORDER BY s.card_id")
        try states.bind([])
        defer { states.reset() }
        var stateRow = try states.step()
        var sections = SectionNames()
        try connection.prepare(Self.selectStatsCards).forEach([decks.parameter]) { row in
            var state: CardState?
            while let current = stateRow {
                let order = current.compareText(0, with: row, column: 0)
                if order > 0 { break }
                if order == 0 { state = Self.decodeState(row: current, from: 0) }
                stateRow = try states.step()
                if order == 0 { break }
            }
            // A deck with no row sorts last.
            let deck = deckRows.entry(of: row, column: 1)
            let (name, deckOrder) = (deck.name, deck.sortOrder ?? Int64(1) << 30)
            let section = sections.number(deck: name, row: row, column: 2)
            try body(StatsCard(id: row.cardID(0), deck: name, topSection: sections.names[section].top,
                               order: row.int(3), retired: row.bool(4), state: state,
                               deckPlace: StatsCard.DeckPlace(deckOrder: deckOrder, deck: name, position: row.int64(3), row: row.int64(5)),
                               sectionNumber: section))
        }
    }

    /// The cards of `stats`' card pass (of some decks, `?1`: a JSON array of names), in ID
    /// order from the covering index `cards_stats`, with no sort.
    static let selectStatsCards = """
        SELECT c.id, c.deck, c.section, c.position, c.retired, c.rowid FROM cards c
        WHERE ?1 IS NULL OR c.deck IN (SELECT value FROM json_each(?1))
        ORDER BY c.id
        """

    /// The time of the first review at or after `time` and before `end`, nil when there is
    /// none: one seek on the time index.
    public func firstReviewTime(atOrAfter time: UnixTime, before end: UnixTime = .max) throws -> UnixTime? {
        try connection.prepare("SELECT MIN(at) FROM review_log WHERE at >= ?1 AND at < ?2").first([time, end]) { $0.optionalInt64(0) } ?? nil
    }

    /// How many reviews fall at `start` or later and before `end`, and their answer times
    /// summed: a range of the time index, which holds both (migration 11). Of some decks
    /// only, see `forEachReviewTime(of:)`.
    public func reviewTotals(from start: UnixTime, to end: UnixTime) throws -> (count: Int, durationMs: Double) {
        try connection.prepare("SELECT COUNT(*), TOTAL(duration_ms) FROM review_log WHERE at >= ?1 AND at < ?2")
            .first([start, end]) { ($0.int(0), $0.double(1)) } ?? (0, 0)
    }

    /// The IDs of `decks`' cards, active and retired (nil: every deck, no set needed).
    public func cardIDs(of decks: DeckScope) throws -> Set<CardID>? {
        guard !decks.isEvery else { return nil }
        var result = Set<CardID>()
        try connection.prepare("SELECT id FROM cards WHERE deck IN (SELECT value FROM json_each(?1))").forEach([decks.parameter]) {
            result.insert($0.cardID(0))
        }
        return result
    }

    /// The time and answer time of every review of `cards` (nil: every card), in time order:
    /// one pass over the time index, which holds both, with each review's card looked up in
    /// the set. Looked up in `cards` by SQL, a million reviews took 2 s; this pass, 0.3 s.
    public func forEachReviewTime(of cards: Set<CardID>?, _ body: (UnixTime, Int64) throws -> Void) throws {
        try connection.prepare("SELECT at, card_id, duration_ms FROM review_log ORDER BY at").forEach { row in
            if let cards, !cards.contains(row.cardID(1)) { return }
            try body(row.int64(0), row.int64(2))
        }
    }

    /// The cards reviewed at `start` or later and before `end` (a range on the time index).
    public func cardsReviewed(from start: UnixTime, to end: UnixTime, decks: DeckScope = .every) throws -> Set<CardID> {
        Set(try connection.prepare("""
            SELECT DISTINCT card_id FROM review_log WHERE at >= ?1 AND at < ?2
              AND (?3 IS NULL OR card_id IN (SELECT c.id FROM cards c WHERE c.deck IN (SELECT value FROM json_each(?3))))
            """).map([start, end, decks.parameter]) {
            $0.cardID(0)
        })
    }

    /// The time of each card's first review (cards without one are left out).
    public func firstReviewTimes(of cards: Set<CardID>) throws -> [CardID: UnixTime] {
        let first = try connection.prepare("SELECT MIN(at) FROM review_log WHERE card_id = ?1")
        var result: [CardID: UnixTime] = [:]
        for card in cards {
            if let time = try first.first([card.rawValue], { $0.optionalInt64(0) }) ?? nil { result[card] = time }
        }
        return result
    }

    /// The whole log of each card reviewed at or after `start`, card by card, each in replay
    /// order (time, then arrival): what replaying those cards alone needs.
    /// Of `cards` only when it is not nil: checked here per card, where checking each review
    /// in SQL tripled the pass.
    public func forEachLog(ofCardsReviewedSince start: UnixTime, of cards: Set<CardID>? = nil,
                           _ body: (CardID, [ReviewEvent]) throws -> Void) throws {
        try forEachLog(in: connection.prepare("""
            SELECT r.card_id, r.at, r.grade, r.rowid FROM review_log r
            WHERE r.card_id IN (SELECT card_id FROM review_log WHERE at >= ?1)
            ORDER BY r.card_id, r.at
            """), [start], of: cards, body)
    }

    /// The whole log of every reviewed card (`cards`: of these only), card by card in ID
    /// order, each in replay order: a replay of every card holds one card's log at a time.
    public func forEachLog(of cards: Set<CardID>? = nil, _ body: (CardID, [ReviewEvent]) throws -> Void) throws {
        try forEachLog(in: connection.prepare("SELECT r.card_id, r.at, r.grade, r.rowid FROM review_log r ORDER BY r.card_id, r.at"),
                       [], of: cards, body)
    }

    /// Runs `query`, whose rows are reviews (card ID, time, grade, rowid) by card then time,
    /// and hands over each card's log.
    private func forEachLog(in query: Statement, _ parameters: [any SQLiteBindable], of cards: Set<CardID>?,
                            _ body: (CardID, [ReviewEvent]) throws -> Void) throws {
        var card: String?
        var events: [(event: ReviewEvent, row: Int64)] = []
        func finish() throws {
            guard let card else { return }
            let id = CardID(rawValue: card)
            if let cards, !cards.contains(id) { return }
            // The index gives a card's reviews by time, then grade: reviews of one second
            // (rare) are put back in arrival order here, which in SQL cost a sort of them all.
            if zip(events, events.dropFirst()).contains(where: { $0.event.at == $1.event.at && $0.row > $1.row }) {
                events.sort { ($0.event.at, $0.row) < ($1.event.at, $1.row) }
            }
            try body(id, events.map(\.event))
        }
        try query.forEach(parameters) { row in
            if !row.text(0, equals: card ?? "") || card == nil {
                try finish()
                card = row.string(0)
                events.removeAll(keepingCapacity: true)
            }
            events.append((ReviewEvent(at: row.int64(1), quality: Quality(rawValue: row.int(2)) ?? Quality(rawValue: 0)!), row.int64(3)))
        }
        try finish()
    }

    /// Cards with a stored state but no review (`cards`: of these only): their log was
    /// undone or lost, so a replay gives them none.
    public func statesWithoutReviews(of cards: Set<CardID>? = nil) throws -> [CardID] {
        try connection.prepare("""
            SELECT s.card_id FROM card_state s
            WHERE NOT EXISTS (SELECT 1 FROM review_log r WHERE r.card_id = s.card_id)
            """).map { $0.cardID(0) }.filter { cards?.contains($0) ?? true }
    }
}
