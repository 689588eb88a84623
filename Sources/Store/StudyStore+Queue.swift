import Deck
import JSONText
import Scheduling
import Timekeeping

/// A card that may enter today's queue, as the queue builder needs it.
public struct QueueRow: Hashable, Sendable {
    public let id: CardID
    public let phase: Phase
    public let due: UnixTime
    /// Deck order across decks, for new cards.
    public let deckOrder: Int
    /// For a card made from other cards, those cards (its siblings are the cards that
    /// share one of them, or it).
    public let from: [CardID]
    /// Where the row was read from the store: the card's row in the `cards` table, and
    /// whether `phase` and `due` are its stored state (false: a new card). A listing of the
    /// queue reads the card's text by row and takes its state from here, instead of
    /// looking its ID up twice more. nil: made by the caller (or a row number that does
    /// not pack, never seen: SQLite numbers rows from 1).
    public var stored: StoredRow? { storedBits == 0 ? nil : StoredRow(cardRow: storedBits >> 1, hasState: storedBits & 1 == 1) }
    /// `stored` in one word (row << 1 | has state; 0: none): a queue after a break holds
    /// 90k rows, and the optional pair took 16 bytes more per row.
    private let storedBits: Int64

    public struct StoredRow: Hashable, Sendable {
        public let cardRow: Int64
        public let hasState: Bool
    }

    public init(id: CardID, phase: Phase, due: UnixTime, deckOrder: Int, from: [CardID] = [], stored: StoredRow? = nil) {
        self.id = id
        self.phase = phase
        self.due = due
        self.deckOrder = deckOrder
        self.from = from
        // Row numbers are positive; one that is not cannot be packed, and is read by ID.
        storedBits = stored.map { $0.cardRow > 0 && $0.cardRow < Int64.max >> 1 ? $0.cardRow << 1 | ($0.hasState ? 1 : 0) : 0 } ?? 0
    }

    /// What a listing needs of the row, when it was read from the store (nil: ask the
    /// store by ID).
    public var listingRow: ListingRow? {
        guard let stored else { return nil }
        return ListingRow(cardRow: stored.cardRow, phase: stored.hasState ? phase : nil, due: due)
    }

    /// The IDs a sibling shares with this card: its own and its sources'.
    public var family: [CardID] { [id] + from }
}

/// A queued card as a listing reads it: its row in `cards`, and its stored state's phase
/// (nil: never reviewed) and due time. Small, for a listing keeps one per queued card.
public struct ListingRow: Hashable, Sendable {
    public let cardRow: Int64
    public let phase: Phase?
    let storedDue: UnixTime

    public init(cardRow: Int64, phase: Phase?, due: UnixTime) {
        self.cardRow = cardRow
        self.phase = phase
        storedDue = due
    }

    /// nil when the card was never reviewed.
    public var due: UnixTime? { phase == nil ? nil : storedDue }
}

/// Which stored phases a due query reads (`StudyStore.dueRows`).
public enum DuePhases: Sendable {
    case all
    /// Only cards in review: the ones today's review limit caps.
    case review
    /// Every phase but review: learning and relearning cards, which no limit caps.
    case allButReview

    var parameter: Bool? {
        switch self {
        case .all: nil
        case .review: true
        case .allButReview: false
        }
    }
}

/// Which new cards may be introduced: made-from cards only once their sources were
/// reviewed on an earlier study day, and reverses only when they are on.
public struct NewCardRule: Sendable {
    /// The start of today's study day.
    public let dayStart: UnixTime
    public let reverseCards: Bool
    /// New cards in turn from each deck (true), or deck after deck.
    public let roundRobin: Bool
    /// Only these decks' cards (`--only`).
    public let decks: DeckScope

    public init(dayStart: UnixTime, reverseCards: Bool, roundRobin: Bool = false, decks: DeckScope = .every) {
        self.dayStart = dayStart
        self.reverseCards = reverseCards
        self.roundRobin = roundRobin
        self.decks = decks
    }
}

extension StudyStore {
    /// Reviewed, active, unburied, unsuspended cards due before `end`: a range scan on the
    /// `due` index. `decks` narrows it to those decks' cards (`--only`), `phases` to
    /// the cards in review or to the others.
    public func dueRows(before end: UnixTime, now: UnixTime, reverseCards: Bool = true, decks: DeckScope = .every,
                        phases: DuePhases = .all) throws -> [QueueRow] {
        var rows: [QueueRow] = []
        try forEachDueRow(before: end, now: now, reverseCards: reverseCards, decks: decks, phases: phases) {
            rows.append($0)
            return true
        }
        return rows
    }

    /// The rows of `dueRows`, earliest due first, given to `body` one at a time until it
    /// returns false: today's queue reads reviews only until the day's limit is filled,
    /// where after a break 20k overdue reviews wait behind a full limit.
    public func forEachDueRow(before end: UnixTime, now: UnixTime, reverseCards: Bool = true, decks: DeckScope = .every,
                              phases: DuePhases = .all, _ body: (QueueRow) throws -> Bool) throws {
        // The few skipped and suspended cards are left out here, from one small list: asked
        // per row (`NOT EXISTS`), they took half the time of 50k due cards after a break.
        let hidden = Set(try connection.prepare("""
            SELECT card_id FROM buried WHERE until > ?1
            UNION SELECT card_id FROM card_marks WHERE mark = 'suspended' AND is_set = 1
            """).map([now]) { $0.cardID(0) })
        // Each row's deck (its order, whether it is turned off) is found among the few decks
        // here; a deck with no row comes after the others.
        var deckRows = try DeckRows(connection)
        try connection.prepare(Self.selectDueRows).forEachWhile([end, reverseCards, decks.parameter, phases.parameter]) { row in
            let deck = deckRows.entry(of: row, column: 3)
            guard !deck.disabled else { return true }
            let id = row.cardID(0)
            guard hidden.isEmpty || !hidden.contains(id) else { return true }
            return try body(QueueRow(id: id, phase: row.phase(1) ?? .review,
                                     due: row.int64(2), deckOrder: Int((deck.sortOrder ?? 1 << 20) &* 1_048_576 &+ row.int64(4)),
                                     from: row.cardIDs(5), stored: QueueRow.StoredRow(cardRow: row.int64(6), hasState: true)))
        }
    }

    /// The due rows' query: ?1 the end, ?2 whether reverse cards are on, ?3 the decks (a
    /// JSON array, NULL for all), ?4 NULL every phase, 1 only reviews, 0 all but reviews.
    /// The card's columns are the state's copy of them (migration 13), which the `due`
    /// index holds: one range of one index, with no lookup in `cards` per row, in the
    /// order the join to `cards` gave (due, phase, ID). A state whose card is missing has
    /// a NULL `card_retired`, and stays out.
    static let selectDueRows = """
        SELECT s.card_id, s.phase, s.due, s.card_deck, s.card_position, s.card_from, s.card_row
        FROM card_state s
        WHERE s.due < ?1 AND (?4 IS NULL OR (s.phase = 'review') = ?4)
          AND s.card_retired = 0 AND (?2 = 1 OR s.card_kind <> 'reverse')
          AND (?3 IS NULL OR s.card_deck IN (SELECT value FROM json_each(?3)))
        ORDER BY s.due
        """

    /// The cards reviewed at or after `start` with the cards they are made from (their
    /// families, for sibling burial), and how many cards that is: from today's reviews on
    /// the time index, which holds their card IDs. The sources of the cards in `known` (ID
    /// → sources, as today's due rows read them) are taken from there; only the other cards
    /// reviewed today are looked up in `cards`, 512 at a time. After a break, the 30,000
    /// cards failed that morning are that day's due rows: looked up again once per review,
    /// they were a sixth of `due --json`. Counting them here too spares the queue a second
    /// pass (`COUNT(DISTINCT card_id)` sorted 30,000 IDs, a sixth of `due --json` again).
    /// Reviews of a card that is not stored give no family but count; a family may come
    /// more than once. How many of the cards were new (first reviewed since `start`) is
    /// read by the same statement, so both counts see the same commits.
    public func cardsReviewed(since start: UnixTime, known: [CardID: [CardID]] = [:]) throws -> CardsReviewed {
        var families: [(id: CardID, from: [CardID])] = []
        var unknown: [CardID] = []
        var seen = Set<CardID>()
        seen.reserveCapacity(known.count)
        var introduced = 0
        try connection.prepare("""
            SELECT card_id, (SELECT COUNT(*) FROM card_first_review WHERE at >= ?1) FROM review_log WHERE at >= ?1
            """).forEach([start]) { row in
            let id = row.cardID(0)
            if seen.isEmpty { introduced = row.int(1) }
            let first = seen.insert(id).inserted
            if let from = known[id] {
                families.append((id, from))
            } else if first {
                unknown.append(id)
            }
        }
        // `retired IN (0, 1)` is always true; it lets the planner read the narrow `cards_queue`.
        let lookup = try connection.prepare("""
            SELECT id, derived_from FROM cards WHERE id IN (SELECT value FROM json_each(?1)) AND retired IN (0, 1)
            """)
        for first in stride(from: 0, to: unknown.count, by: 512) {
            try lookup.forEach([Self.jsonList(Array(unknown[first..<min(first + 512, unknown.count)]))]) { row in
                families.append((row.cardID(0), row.cardIDs(1)))
            }
        }
        return CardsReviewed(families: families, count: seen.count, introduced: introduced)
    }

    /// The first `limit` never-reviewed, unskipped, unsuspended active cards in deck order:
    /// each deck's new cards walked in order on the partial index `cards_new`, until
    /// `limit` are found (a pass over every card took ~2 s at 190k cards). A card made from
    /// others waits until every one of them was reviewed before today.
    public func newCards(limit: Int, now: UnixTime, rule: NewCardRule) throws -> [QueueRow] {
        guard limit > 0 else { return [] }
        let inDeck = try connection.prepare("""
            SELECT c.id, c.position, c.derived_from, c.rowid FROM cards c
            WHERE c.deck = ?1 AND c.introduced = 0 AND c.retired = 0 AND (?3 = 1 OR c.kind <> 'reverse')
              AND NOT EXISTS (SELECT 1 FROM buried b WHERE b.card_id = c.id AND b.until > ?2)
              AND NOT EXISTS (SELECT 1 FROM card_sources cs WHERE cs.card_id = c.id
                              AND NOT EXISTS (SELECT 1 FROM review_log r WHERE r.card_id = cs.source_id AND r.at < ?4))
              AND NOT EXISTS (SELECT 1 FROM card_marks m WHERE m.card_id = c.id AND m.mark = 'suspended' AND m.is_set = 1)
            ORDER BY c.position LIMIT ?5
            """)
        // Decks in their order; cards of a deck that has no row (none is expected) last.
        let decks = try connection.prepare("SELECT name, sort_order FROM decks WHERE disabled = 0 ORDER BY sort_order")
            .map { (name: $0.string(0), order: $0.int(1)) }
            .filter { rule.decks.contains($0.name) }
        func walk(_ deck: String, order: Int, wanted: Int) throws -> [QueueRow] {
            try inDeck.map([deck, now, rule.reverseCards, rule.dayStart, Int64(wanted)]) { row in
                QueueRow(id: row.cardID(0), phase: .new, due: 0,
                         deckOrder: order * 1_048_576 + row.int(1), from: row.cardIDs(2),
                         stored: QueueRow.StoredRow(cardRow: row.int64(3), hasState: false))
            }
        }
        // Deck after deck, each walk stops at what is still missing; in turn, every deck
        // gives up to `limit` and they are dealt out below.
        var perDeck: [[QueueRow]] = []
        var found = 0
        for deck in decks where rule.roundRobin || found < limit {
            let taken = try walk(deck.name, order: deck.order, wanted: rule.roundRobin ? limit : limit - found)
            found += taken.count
            perDeck.append(taken)
        }
        // Cards of no deck are one group in card order, and belong to no `--only` selection.
        if rule.decks.isEvery, rule.roundRobin || found < limit {
            let wanted = rule.roundRobin ? limit : limit - found
            let taken = try decksOfNewCardsWithoutRow().flatMap { try walk($0, order: 1 << 20, wanted: wanted) }
            perDeck.append(Array(taken.sorted { $0.deckOrder < $1.deckOrder }.prefix(wanted)))
        }
        guard rule.roundRobin else { return Array(perDeck.joined()) }
        return Self.dealt(perDeck, limit: limit)
    }

    /// The names of decks that have new cards but no row in `decks` (none is expected):
    /// one index seek per deck name on `cards_new`, where asking for cards whose deck has
    /// no row looked at every new card (20 ms a query at 100k new cards).
    func decksOfNewCardsWithoutRow() throws -> [String] {
        try connection.prepare("""
            WITH RECURSIVE named(deck) AS (
                SELECT MIN(deck) FROM cards WHERE introduced = 0 AND retired = 0
                UNION ALL
                SELECT (SELECT MIN(c.deck) FROM cards c WHERE c.introduced = 0 AND c.retired = 0 AND c.deck > named.deck)
                FROM named WHERE named.deck IS NOT NULL
            )
            SELECT deck FROM named WHERE deck IS NOT NULL AND NOT EXISTS (SELECT 1 FROM decks d WHERE d.name = named.deck)
            """).map { $0.string(0) }
    }

    /// The first card of every deck, then the second of every deck, and so on, up to
    /// `limit`; renumbered in that order, which is the order the queue sorts new cards by.
    static func dealt(_ decks: [[QueueRow]], limit: Int) -> [QueueRow] {
        var result: [QueueRow] = []
        var round = 0
        while result.count < limit {
            let turn = decks.compactMap { round < $0.count ? $0[round] : nil }
            if turn.isEmpty { break }
            for row in turn.prefix(limit - result.count) {
                result.append(QueueRow(id: row.id, phase: row.phase, due: row.due, deckOrder: result.count, from: row.from,
                                       stored: row.stored))
            }
            round += 1
        }
        return result
    }

    /// How many never-reviewed, unsuspended active cards could be introduced (skipped ones
    /// included): a count for overviews and tests, which needs every new card looked at.
    public func newCardCount(rule: NewCardRule) throws -> Int {
        try connection.prepare("""
            SELECT COUNT(*) FROM cards c
            WHERE c.introduced = 0 AND c.retired = 0 AND (?1 = 1 OR c.kind <> 'reverse')
              AND NOT EXISTS (SELECT 1 FROM decks d WHERE d.name = c.deck AND d.disabled = 1)
              AND (?3 IS NULL OR c.deck IN (SELECT value FROM json_each(?3)))
              AND NOT EXISTS (SELECT 1 FROM card_sources cs WHERE cs.card_id = c.id
                              AND NOT EXISTS (SELECT 1 FROM review_log r WHERE r.card_id = cs.source_id AND r.at < ?2))
              AND NOT EXISTS (SELECT 1 FROM card_marks m WHERE m.card_id = c.id AND m.mark = 'suspended' AND m.is_set = 1)
            """).first([rule.reverseCards, rule.dayStart, rule.decks.parameter]) { $0.int(0) } ?? 0
    }

    /// Up to `limit` never-reviewed, unskipped active cards in no particular order: enough
    /// to count how many new cards today's queue still takes, without the pass over every
    /// card that ordering them and counting them all needs.
    public func someNewCards(limit: Int, now: UnixTime, rule: NewCardRule) throws -> [QueueRow] {
        // No query at all for a limit of 0 (today's new cards all taken, the usual case at
        // the end of a session): finding none would still look at every reviewed card.
        guard limit > 0 else { return [] }
        return try connection.prepare("""
            SELECT c.id, c.derived_from FROM cards c
            WHERE c.introduced = 0 AND c.retired = 0
              AND NOT EXISTS (SELECT 1 FROM decks d WHERE d.name = c.deck AND d.disabled = 1)
              AND (?5 IS NULL OR c.deck IN (SELECT value FROM json_each(?5)))
              AND NOT EXISTS (SELECT 1 FROM buried b WHERE b.card_id = c.id AND b.until > ?1)
              AND (?4 = 1 OR c.kind <> 'reverse')
              AND NOT EXISTS (SELECT 1 FROM card_sources cs WHERE cs.card_id = c.id
                              AND NOT EXISTS (SELECT 1 FROM review_log r WHERE r.card_id = cs.source_id AND r.at < ?3))
              AND NOT EXISTS (SELECT 1 FROM card_marks m WHERE m.card_id = c.id AND m.mark = 'suspended' AND m.is_set = 1)
            LIMIT ?2
            """).map([now, Int64(max(0, limit)), rule.dayStart, rule.reverseCards, rule.decks.parameter]) { row in
            QueueRow(id: row.cardID(0), phase: .new, due: 0, deckOrder: 0, from: row.cardIDs(1))
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
    /// reviewed (possibly already past: a card due now), for "next due"; of `decks` only.
    public func earliestDue(now: UnixTime, decks: DeckScope = .every) throws -> UnixTime? {
        try connection.prepare("""
            SELECT MIN(s.due) FROM card_state s JOIN cards c ON c.id = s.card_id
            WHERE c.retired = 0 AND NOT EXISTS (SELECT 1 FROM buried b WHERE b.card_id = s.card_id AND b.until > ?1)
              AND NOT EXISTS (SELECT 1 FROM decks d WHERE d.name = c.deck AND d.disabled = 1)
              AND NOT EXISTS (SELECT 1 FROM card_marks m WHERE m.card_id = s.card_id AND m.mark = 'suspended' AND m.is_set = 1)
              AND (?2 IS NULL OR c.deck IN (SELECT value FROM json_each(?2)))
            """).first([now, decks.parameter]) { $0.optionalInt64(0) } ?? nil
    }
}

extension StudyStore {
    /// Cards hidden at `now` by a skip.
    public func buriedCards(at now: UnixTime) throws -> Set<CardID> {
        Set(try connection.prepare("SELECT card_id FROM buried WHERE until > ?1").map([now]) { $0.cardID(0) })
    }
}

extension StudyStore {
    /// Each deck's distinct section paths (of active cards, or of all with
    /// `includeRetired`), in no particular order; of `decks` only. A deck has far fewer
    /// paths than cards: `--section` looks here first for a heading it names.
    public func sectionPaths(includeRetired: Bool = false, decks: DeckScope = .every) throws -> [(deck: String, section: [String])] {
        try connection.prepare("""
            SELECT DISTINCT deck, section FROM cards
            WHERE (retired = 0 OR ?1 = 1) AND (?2 IS NULL OR deck IN (SELECT value FROM json_each(?2)))
            """).map([includeRetired, decks.parameter]) { (deck: $0.string(0), section: SectionCoding.decode($0.string(1))) }
    }

    /// The active cards of `decks` that `filter` matches (`--section`), by section path or
    /// term (none for a Q/A card: its question is prose). One pass over the cards; each
    /// distinct path is decoded and matched once. Keeping every card's path and term to
    /// match later took `due --section` to 137 MB on 190k cards.
    public func activeCards(matching filter: SectionFilter, decks: DeckScope = .every) throws -> Set<CardID> {
        var pathMatches: [String: Bool] = [:]
        var result = Set<CardID>()
        try connection.prepare("""
            SELECT id, section, CASE WHEN kind = 'question' THEN '' ELSE term END FROM cards
            WHERE retired = 0 AND (?1 IS NULL OR deck IN (SELECT value FROM json_each(?1)))
            """).forEach([decks.parameter]) { row in
            let path = row.string(1)
            let byPath: Bool
            if let known = pathMatches[path] {
                byPath = known
            } else {
                byPath = filter.matches(SectionCoding.decode(path))
                pathMatches[path] = byPath
            }
            if byPath || filter.matches(term: row.string(2)) { result.insert(row.cardID(0)) }
        }
        return result
    }
}

/// A card of today's queue with what the review screen shows of it.
public struct QueuedCard: Sendable {
    public let card: Card
    /// nil: never reviewed.
    public let state: CardState?
    public let flagged: Bool
}

extension StudyStore {
    /// The cards of `ids` with their states and flags, from one query (the IDs go in as one
    /// JSON array): a queue of 30k cards after a break took three point queries per card.
    /// IDs with no card are left out.
    public func queuedCards(_ ids: [CardID]) throws -> [CardID: QueuedCard] {
        guard !ids.isEmpty else { return [:] }
        let list = Self.jsonList(ids)
        var result: [CardID: QueuedCard] = [:]
        result.reserveCapacity(ids.count)
        try connection.prepare("SELECT " + Self.cardColumns + ", " + Self.stateColumns + """
            ,
                   EXISTS (SELECT 1 FROM card_marks m WHERE m.card_id = c.id AND m.mark = 'flagged' AND m.is_set = 1)
            FROM cards c LEFT JOIN card_state s ON s.card_id = c.id
            WHERE c.id IN (SELECT value FROM json_each(?1))
            """).forEach([list]) { row in
            let stored = Self.decodeCard(row)
            let state = row.isNull(14) ? nil : Self.decodeState(row, from: 14).1
            result[stored.id] = QueuedCard(card: stored.card, state: state, flagged: row.bool(29))
        }
        return result
    }
}

extension StudyStore {
    /// `ids` as one JSON array, bound as one parameter and read with `json_each`. An ID's
    /// digits need no escaping; the text of an odd ID (a hand-made database) is escaped, or
    /// one quote in it would make the whole list malformed and the queue fail.
    static func jsonList(_ ids: [CardID]) -> String {
        // Appended in place as bytes: a string per ID and a join cost 7% of `due --json`
        // after a break.
        var text: [UInt8] = [UInt8(ascii: "[")]
        text.reserveCapacity(ids.count * 19 + 2)
        for (index, id) in ids.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            if id.isWellFormed {
                text.append(UInt8(ascii: "\""))
                id.appendText(to: &text)
                text.append(UInt8(ascii: "\""))
            } else {
                JSONValue.writeString(id.rawValue, into: &text)
            }
        }
        text.append(UInt8(ascii: "]"))
        return String(decoding: text, as: UTF8.self)
    }
}

/// What a listing of today's queue shows of a card (`due`, the overview).
public struct ListedCard: Sendable {
    public let front: String
    /// nil: never reviewed.
    public let phase: Phase?
    public let due: UnixTime?
}

extension StudyStore {
    /// The front, phase and due time of each of `ids`, from one query (IDs as one JSON
    /// array); IDs with no card are left out. `queuedCards` decoded every column of the card
    /// and its state, half the time of `due --json` after a break.
    public func listedCards(_ ids: [CardID]) throws -> [CardID: ListedCard] {
        guard !ids.isEmpty else { return [:] }
        let list = Self.jsonList(ids)
        var result: [CardID: ListedCard] = [:]
        result.reserveCapacity(ids.count)
        try connection.prepare("""
            SELECT c.id, c.front, s.phase, s.due FROM cards c LEFT JOIN card_state s ON s.card_id = c.id
            WHERE c.id IN (SELECT value FROM json_each(?1))
            """).forEach([list]) { row in
            let phase = row.isNull(2) ? nil : row.phase(2) ?? .review
            result[row.cardID(0)] = ListedCard(front: row.string(1), phase: phase, due: phase == nil ? nil : row.int64(3))
        }
        return result
    }

    /// A reader of the fronts of cards read by the queue (`QueueRow.listingRow`) by their
    /// row numbers, where an ID is looked up in the ID index first, its state taken from
    /// the queue's row (after a break, 30,000 cards looked up by ID in `cards` and in
    /// `card_state` were half of `due --json`).
    public func listedCardReader() throws -> ListedCardReader {
        // `key` is the position in the list given: each row lands in its place, with no
        // dictionary (a batch of rows looked up by ID cost a dictionary of rows and one of
        // cards), and a batch is one statement (one statement per card cost a fifth of
        // `due --json` after a break in resets and binds).
        ListedCardReader(statement: try connection.prepare("""
            SELECT j.key, c.id, c.front FROM json_each(?1) j JOIN cards c ON c.rowid = j.value
            """))
    }
}

/// See `StudyStore.listedCardReader`.
public struct ListedCardReader {
    let statement: Statement

    /// The cards of `entries` in their order, each read at its row; nil for an entry with
    /// no row, or whose row no longer holds its card (the table was rebuilt in between):
    /// the caller then asks by ID (`StudyStore.listedCards`).
    public func cards(_ entries: [(id: CardID, row: ListingRow?)]) throws -> [ListedCard?] {
        var cards = [ListedCard?](repeating: nil, count: entries.count)
        guard entries.contains(where: { $0.row != nil }) else { return cards }
        var list = "["
        for (index, entry) in entries.enumerated() {
            if index > 0 { list += "," }
            list += entry.row.map { String($0.cardRow) } ?? "null"
        }
        list += "]"
        try statement.forEach([list]) { found in
            let index = found.int(0)
            guard index >= 0, index < entries.count, let row = entries[index].row,
                  found.cardID(1) == entries[index].id else { return }
            cards[index] = ListedCard(front: found.string(2), phase: row.phase, due: row.due)
        }
        return cards
    }
}

/// The cards reviewed since a time (`StudyStore.cardsReviewed`).
public struct CardsReviewed {
    /// Each stored card reviewed, with the cards it is made from (some more than once).
    public let families: [(id: CardID, from: [CardID])]
    /// How many cards were reviewed (each once, stored or not).
    public let count: Int
    /// How many of them had their first review then (no review, no first review).
    public let introduced: Int
}
