import Testing
@testable import Deck
@testable import Scheduling
@testable import Store

/// New cards come from the partial index `cards_new`, kept by triggers on `card_state`:
/// the `introduced` flag must follow every way a state is written or removed, and the
/// walk must give the cards in deck order across decks.
@Suite struct NewCardIndexTests {
    let dir = TemporaryDirectory()

    func store() throws -> (StudyStore, first: [CardID], second: [CardID]) {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let first = try OutlineParser(deck: "one", file: "one.md").parse("# S\n\n- A: alpha is the first.\n- B: beta is the second.\n- C: gamma is the third.\n")
        let second = try OutlineParser(deck: "two", file: "two.md").parse("# T\n\n- D: delta is the fourth.\n- E: epsilon is the fifth.\n")
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [], cards: first, at: 100)
        _ = try store.sync(deck: "two", source: "/two.md", origin: .registered, files: [], cards: second, at: 100)
        return (store, first.filter { !$0.kind.isDerived }.map(\.id), second.filter { !$0.kind.isDerived }.map(\.id))
    }

    func introduced(_ store: StudyStore) throws -> Set<CardID> {
        Set(try store.connection.prepare("SELECT id FROM cards WHERE introduced = 1").map { CardID(rawValue: $0.string(0)) })
    }

    func answer(_ store: StudyStore, _ card: CardID, at time: Int64) throws {
        let review = ReviewRecord(id: "r-\(card)-\(time)", cardID: card, at: time, grade: Quality(rawValue: 4)!, durationMs: 900)
        try store.record(review, newState: SM2Scheduler(fuzz: false).next(try store.state(of: card) ?? .new, review: review.event, fuzzSeed: 0))
    }

    let rule = NewCardRule(dayStart: 10 * 86_400, reverseCards: false)

    @Test func theFlagFollowsStatesWrittenAndRemoved() throws {
        let (store, first, _) = try store()
        #expect(try introduced(store).isEmpty)
        try answer(store, first[1], at: 1_000)
        #expect(try introduced(store) == [first[1]])
        // A state set back to new is removed, and the card is new again.
        try store.saveState(.new, for: first[1])
        #expect(try introduced(store).isEmpty)
        // A state written before its card row (as an import does with foreign keys off).
        try store.connection.execute(script: "PRAGMA foreign_keys = OFF;")
        try store.saveState(CardState(phase: .review, due: 5, reps: 1, lapses: 0, lastReview: 1, intervalDays: 1, sm2: nil, fsrs: nil), for: CardID(rawValue: "00000000000000ff"))
        let late = Card(id: CardID(rawValue: "00000000000000ff"), deck: "one", section: ["S"], kind: .definition, term: "Z",
                        front: "Z", back: "zeta.", items: [], source: SourceLocation(file: "one.md", line: 9), order: 99)
        try store.insertRetiredCard(late)
        try store.connection.execute(script: "PRAGMA foreign_keys = ON;")
        #expect(try introduced(store) == [late.id])
    }

    @Test func statesAddedInBulkLeaveTheSameFlagsCopiesTriggersAndIndex() throws {
        let (store, first, second) = try store()
        func schema() throws -> [String] {
            try store.connection.prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name")
                .map { $0.string(0) }
        }
        let before = try schema()
        let state = CardState(phase: .review, due: 5, reps: 1, lapses: 0, lastReview: 1, intervalDays: 1, sm2: nil, fsrs: nil)
        try store.connection.transaction {
            try store.withStatesAddedInBulk {
                try store.saveState(state, for: first[0])
                try store.saveState(state, for: second[1])
                // Not yet: the flags are set in one pass after the states.
                #expect(try introduced(store).isEmpty)
            }
        }
        #expect(try introduced(store) == [first[0], second[1]])
        #expect(try schema() == before)
        // Each new state copied its card in the pass at the end.
        #expect(try store.stateCopyMismatches() == 0)
        #expect(try store.connection.prepare("SELECT COUNT(*) FROM card_state WHERE card_deck IS NOT NULL").first { $0.int(0) } == 2)
        // The trigger is back: a state written later sets its card's flag at once.
        try answer(store, first[2], at: 1_000)
        #expect(try introduced(store) == [first[0], second[1], first[2]])
        // An error inside rolls the dropped trigger back with everything else.
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.connection.transaction { try store.withStatesAddedInBulk { throw Stop() } }
        }
        #expect(try schema() == before)
    }

    @Test func newCardsComeInDeckOrderAcrossDecksUpToTheLimit() throws {
        let (store, first, second) = try store()
        let now: Int64 = 10 * 86_400 + 3_600
        #expect(try store.newCards(limit: 10, now: now, rule: rule).map(\.id) == first + second)
        #expect(try store.newCards(limit: 4, now: now, rule: rule).map(\.id) == first + [second[0]])
        try answer(store, first[0], at: 1_000)
        try answer(store, second[0], at: 1_000)
        #expect(try store.newCards(limit: 10, now: now, rule: rule).map(\.id) == [first[1], first[2], second[1]])
        #expect(try store.newCardCount(rule: rule) == 3)
        // Deck order numbers keep decks apart (the queue sorts new cards by them).
        let orders = try store.newCards(limit: 10, now: now, rule: rule).map(\.deckOrder)
        #expect(orders == orders.sorted())
        // A skipped card is not taken but still counted.
        try store.bury(first[1], until: now + 100)
        #expect(try store.newCards(limit: 10, now: now, rule: rule).map(\.id) == [first[2], second[1]])
        #expect(try store.newCardCount(rule: rule) == 3)
        #expect(try store.newCards(limit: 0, now: now, rule: rule).isEmpty)
    }

    @Test func roundRobinDealsTheDecksInTurn() throws {
        let (store, first, second) = try store()
        let now: Int64 = 10 * 86_400 + 3_600
        let inTurn = NewCardRule(dayStart: 10 * 86_400, reverseCards: false, roundRobin: true)
        #expect(try store.newCards(limit: 10, now: now, rule: inTurn).map(\.id) == [first[0], second[0], first[1], second[1], first[2]])
        #expect(try store.newCards(limit: 3, now: now, rule: inTurn).map(\.id) == [first[0], second[0], first[1]])
        // Their deck orders follow the dealing, since the queue sorts new cards by them.
        #expect(try store.newCards(limit: 10, now: now, rule: inTurn).map(\.deckOrder) == [0, 1, 2, 3, 4])
        // A deck with nothing new left drops out of the turns.
        try answer(store, second[0], at: 1_000)
        try answer(store, second[1], at: 1_000)
        #expect(try store.newCards(limit: 10, now: now, rule: inTurn).map(\.id) == first)
    }

    @Test func aDisabledDeckLeavesEveryQueueQueryAndKeepsItsHistory() throws {
        let (store, first, second) = try store()
        let now: Int64 = 10 * 86_400 + 3_600
        try answer(store, second[0], at: 1_000)
        #expect(try store.dueRows(before: now + 86_400, now: now).map(\.id) == [second[0]])
        #expect(try store.setDeck("two", disabled: true))
        #expect(try store.disabledDecks() == ["two"])
        #expect(try store.dueRows(before: now + 86_400, now: now).isEmpty)
        #expect(try store.newCards(limit: 10, now: now, rule: rule).map(\.id) == first)
        #expect(try store.someNewCards(limit: 10, now: now, rule: rule).allSatisfy { first.contains($0.id) })
        #expect(try store.newCardCount(rule: rule) == 3)
        #expect(try store.earliestDue(now: now) == nil)
        // History and state are kept; enabling brings the cards back.
        #expect(try store.reviews(of: second[0]).count == 1 && store.state(of: second[0]) != nil)
        #expect(try store.setDeck("two", disabled: false))
        #expect(try store.dueRows(before: now + 86_400, now: now).map(\.id) == [second[0]])
        #expect(try store.newCardCount(rule: rule) == 4)
        #expect(try !store.setDeck("no such deck", disabled: true))
    }

    @Test func cardsOfDecksWithoutARowComeLastInCardOrder() throws {
        let (store, first, second) = try store()
        let now: Int64 = 10 * 86_400 + 3_600
        let third = try OutlineParser(deck: "three", file: "three.md").parse("# U\n\n- F: phi is the sixth.\n- G: chi is the seventh.\n")
        _ = try store.sync(deck: "three", source: "/three.md", origin: .registered, files: [], cards: third, at: 100)
        let thirdIDs = third.filter { !$0.kind.isDerived }.map(\.id)
        // Decks "two" and "three" lose their rows (none is expected; a damaged file may).
        try store.connection.execute(script: "PRAGMA foreign_keys = OFF;")
        try store.connection.run("DELETE FROM decks WHERE name <> ?1", ["one"])
        try store.connection.execute(script: "PRAGMA foreign_keys = ON;")
        #expect(try store.decksOfNewCardsWithoutRow() == ["three", "two"])
        // After deck "one", the two orphans' cards as one group in card order (positions
        // 0, 0, 1, 1: the order of equal positions is not promised).
        let all = try store.newCards(limit: 10, now: now, rule: rule)
        #expect(Array(all.prefix(3)).map(\.id) == first)
        #expect(Set(all.dropFirst(3).prefix(2).map(\.id)) == [second[0], thirdIDs[0]])
        #expect(Set(all.dropFirst(5).map(\.id)) == [second[1], thirdIDs[1]])
        #expect(try store.newCards(limit: 5, now: now, rule: rule).count == 5)
        #expect(try store.newCards(limit: 4, now: now, rule: rule).map(\.id).prefix(3) == first[...])
        // In turn, the orphans are one deck beside "one".
        let inTurn = NewCardRule(dayStart: 10 * 86_400, reverseCards: false, roundRobin: true)
        let dealt = try store.newCards(limit: 4, now: now, rule: inTurn).map(\.id)
        #expect(dealt[0] == first[0] && dealt[2] == first[1])
        #expect(Set([dealt[1], dealt[3]]) == [second[0], thirdIDs[0]])
        // `--only` names decks by their rows: the orphans belong to no selection.
        let only = NewCardRule(dayStart: 10 * 86_400, reverseCards: false, decks: DeckScope(["one"]))
        #expect(try store.newCards(limit: 10, now: now, rule: only).map(\.id) == first)
    }

    @Test func theWalkUsesThePartialIndex() throws {
        let (store, _, _) = try store()
        let plan = try store.connection.prepare("""
            EXPLAIN QUERY PLAN SELECT c.id FROM cards c
            WHERE c.deck = ?1 AND c.introduced = 0 AND c.retired = 0 ORDER BY c.position LIMIT 5
            """).map(["one"]) { $0.string(3) }.joined(separator: "\n")
        #expect(plan.contains("cards_new"), "\(plan)")
    }
}
