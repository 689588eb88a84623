import Testing
import SeededRandom
@testable import Deck
@testable import Scheduling
@testable import Store

/// Each state keeps a copy of its card's deck, order, kind, retirement and sources, which
/// today's due rows read from the due index alone (migration 13). The copy must equal the
/// card after every way either table is written, and the due rows read from it must equal
/// those the join to `cards` gave before.
@Suite struct StateCopyTests {
    let dir = TemporaryDirectory()
    let replay: StateReplay = { id, events in SM2Scheduler(fuzz: false).replay(events, cardID: id.rawValue) }

    /// The outline lines a deck is made from: a sync takes some of them, in some order.
    let lines = [
        "- Alpha: the first letter, used for the start.",
        "- Beta: the second letter, used after the first.",
        "- Gamma: the third letter, used for rays.",
        "- Delta: the fourth letter, used for change.",
        "- Epsilon: the fifth letter, used for small amounts.",
        "- Zeta: the sixth letter, used for a function.",
        "- Queue vs Stack: a queue serves the oldest item first; a stack serves the newest first.",
    ]

    func cards(deck: String, _ picked: [String]) throws -> [Card] {
        try OutlineParser(deck: deck, file: "\(deck).md").parse("# Letters\n\n" + picked.joined(separator: "\n") + "\n")
    }

    /// Today's due rows as the join to `cards` read them before migration 13, in its order
    /// (due, phase, ID), with skipped, suspended and turned-off cards left out.
    func dueRowsByJoin(_ store: StudyStore, before end: Int64, reverseCards: Bool, decks: [String]?, reviews: Bool?) throws -> [String] {
        var deckOrder: [String: Int64] = [:]
        var disabled: Set<String> = []
        try store.connection.prepare("SELECT name, sort_order, disabled FROM decks").forEach {
            deckOrder[$0.string(0)] = $0.int64(1)
            if $0.bool(2) { disabled.insert($0.string(0)) }
        }
        let hidden = Set(try store.connection.prepare("""
            SELECT card_id FROM buried WHERE until > 0 UNION SELECT card_id FROM card_marks WHERE mark = 'suspended' AND is_set = 1
            """).map { $0.string(0) })
        return try store.connection.prepare("""
            SELECT s.card_id, s.phase, s.due, c.deck, c.position, c.derived_from
            FROM card_state s JOIN cards c ON c.id = s.card_id
            WHERE s.due < ?1 AND c.retired = 0 AND (?2 = 1 OR c.kind <> 'reverse')
            ORDER BY s.due, s.phase, s.card_id
            """).map([end, reverseCards]) { row -> String? in
            guard !disabled.contains(row.string(3)), !hidden.contains(row.string(0)),
                  decks?.contains(row.string(3)) ?? true, reviews.map({ $0 == (row.string(1) == "review") }) ?? true else { return nil }
            // A deck with no row comes after the others.
            let order = (deckOrder[row.string(3)] ?? 1 << 20) * 1_048_576 + row.int64(4)
            return "\(row.string(0)) \(row.string(1)) \(row.int64(2)) \(order) \(row.string(5))"
        }.compactMap { $0 }
    }

    /// The store's due rows in the same form, in the order it gives them.
    func dueRows(_ store: StudyStore, before end: Int64, reverseCards: Bool, decks: [String]?, phases: DuePhases) throws -> [String] {
        try store.dueRows(before: end, now: 0, reverseCards: reverseCards, decks: DeckScope(decks), phases: phases)
            .map { "\($0.id.rawValue) \($0.phase.rawValue) \($0.due) \($0.deckOrder) \(SectionCoding.encode($0.from.map(\.rawValue)))" }
    }

    /// The two agree for every option of the due rows.
    func expectSameDueRows(_ store: StudyStore, before end: Int64, _ comment: String) throws {
        for reverse in [true, false] {
            for decks in [nil, ["one"], ["two", "three"]] {
                for (phases, reviews) in [(DuePhases.all, nil), (.review, true), (.allButReview, false)] as [(DuePhases, Bool?)] {
                    #expect(try dueRows(store, before: end, reverseCards: reverse, decks: decks, phases: phases)
                            == dueRowsByJoin(store, before: end, reverseCards: reverse, decks: decks, reviews: reviews), "\(comment)")
                }
            }
        }
    }

    @Test func theCopyFollowsEveryWriteOfCardsAndStates() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        var random = SplitMix64(seed: 0x18_2026_1207)
        var known: [CardID] = []
        func sync(_ deck: String, at time: Int64, origin: DeckOrigin = .registered) throws {
            let picked = lines.filter { _ in Int.random(in: 0..<4, using: &random) > 0 }.shuffled(using: &random)
            // Now and then a term is spelled anew: the sync renames the card and moves its history.
            let spelled = picked.map { Int.random(in: 0..<6, using: &random) == 0 ? $0.replacingOccurrences(of: ":", with: "s:") : $0 }
            let made = try cards(deck: deck, spelled)
            _ = try store.sync(deck: deck, source: "/\(deck).md", origin: origin, files: [], cards: made, at: time, replay: replay)
            known = Array(Set(known + made.map(\.id)))
        }
        try sync("one", at: 10)
        try sync("two", at: 10)
        var operations: [String: Int] = [:]
        for step in 0..<400 {
            let time = Int64(100 + step * 10)
            let operation: String
            switch Int.random(in: 0..<13, using: &random) {
            case 0..<5:
                operation = "answer"
                let card = known.randomElement(using: &random)!
                let review = ReviewRecord(id: "r\(step)", cardID: card, at: time, grade: Quality(rawValue: Int.random(in: 1...5, using: &random))!, durationMs: 800)
                try store.record(review, newState: SM2Scheduler(fuzz: false).next(try store.state(of: card) ?? .new, review: review.event, fuzzSeed: 0))
            case 5, 6:
                operation = "sync"
                try sync(Bool.random(using: &random) ? "one" : "two", at: time)
            case 7:
                operation = "remove deck"
                _ = try store.removeDeck(named: Bool.random(using: &random) ? "one" : "two")
            case 8:
                operation = "reset"
                try store.saveState(.new, for: known.randomElement(using: &random)!)
            case 9:
                operation = "move history"
                let old = known.randomElement(using: &random)!, new = known.randomElement(using: &random)!
                guard old != new else { continue }
                try store.moveHistory(from: old, to: new, at: time, replay: replay)
            case 10:
                // A card whose ID comes again in another deck moves there with its state.
                operation = "move deck"
                guard let card = try store.card(id: known.randomElement(using: &random)!)?.card else { continue }
                let target = card.deck == "one" ? "two" : "one"
                let moved = Card(id: card.id, deck: target, section: card.section, kind: card.kind, term: card.term,
                                 front: card.front, back: card.back, items: card.items, source: card.source,
                                 order: Int.random(in: 0..<50, using: &random), links: card.links, from: card.from)
                _ = try store.connection.transaction {
                    var sync = try store.beginSync(deck: target, source: "/\(target).md", origin: .registered, at: time)
                    try sync.add(moved)
                }
            case 11:
                // What the due rows leave out besides retired cards: a deck turned off, a
                // skipped card, a suspended one (each undone as often).
                operation = "hide"
                let card = known.randomElement(using: &random)!, on = Bool.random(using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: _ = try store.setDeck(Bool.random(using: &random) ? "one" : "two", disabled: on)
                case 1: if on { try store.bury(card, until: 1 << 40) } else { try store.unbury(card) }
                default: _ = try store.setMark(.suspended, on, on: card, at: time)
                }
            default:
                // A deck given for one run (`--deck`), retired by a later run.
                operation = "transient"
                if Bool.random(using: &random) {
                    try sync("three", at: time, origin: .transient)
                } else {
                    _ = try store.retireTransientDecks(except: [])
                }
            }
            operations[operation, default: 0] += 1
            #expect(try store.stateCopyMismatches() == 0, "after step \(step) (\(operation))")
            try expectSameDueRows(store, before: time + Int64.random(in: 0...200_000, using: &random), "after step \(step) (\(operation))")
        }
        // The walk did each kind of write, and the queue had rows to compare.
        #expect(operations.count == 8 && operations.values.allSatisfy { $0 >= 10 }, "\(operations)")
        #expect(try store.dueRows(before: .max, now: 0).count >= 5)
    }

    @Test func cardsDueAtTheSameTimeComeInIDOrderAsTheJoinGaveThem() throws {
        // Which of two siblings due in the same second is kept depends on this order.
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let one = try cards(deck: "one", Array(lines.prefix(4))), two = try cards(deck: "two", Array(lines.suffix(3)))
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [], cards: one, at: 10)
        _ = try store.sync(deck: "two", source: "/two.md", origin: .registered, files: [], cards: two, at: 10)
        let all = one + two
        for card in all {
            try store.saveState(CardState(phase: .learning, due: 500, reps: 1, lapses: 0, lastReview: 1, intervalDays: 0, sm2: nil, fsrs: nil),
                                for: card.id)
        }
        let byID = all.map(\.id.rawValue).sorted()
        // The cards' kinds, decks and orders would give another order.
        let byCard = all.sorted { ($0.kind.rawValue, $0.deck, $0.order) < ($1.kind.rawValue, $1.deck, $1.order) }.map(\.id.rawValue)
        #expect(byCard != byID)
        #expect(try store.dueRows(before: 501, now: 0).map(\.id.rawValue) == byID)
    }

    @Test func aCardInsertedAfterItsStateGetsItsCopy() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let id = CardID(rawValue: "00000000000000ff")
        // As an import writes, with foreign keys off: the state first, then the card.
        try store.connection.execute(script: "PRAGMA foreign_keys = OFF;")
        try store.saveState(CardState(phase: .review, due: 5, reps: 1, lapses: 0, lastReview: 1, intervalDays: 1, sm2: nil, fsrs: nil), for: id)
        // No card to copy yet: NULLs, which keep the state out of the queue.
        #expect(try store.connection.prepare("SELECT card_deck IS NULL AND card_retired IS NULL FROM card_state").first { $0.bool(0) } == true)
        #expect(try store.dueRows(before: .max, now: 0).isEmpty)
        try store.insertRetiredCard(Card(id: id, deck: "one", section: ["S"], kind: .definition, term: "Z", front: "Z", back: "zeta.",
                                         items: [], source: SourceLocation(file: "one.md", line: 9), order: 7))
        try store.connection.execute(script: "PRAGMA foreign_keys = ON;")
        #expect(try store.stateCopyMismatches() == 0)
        let copy = try store.connection.prepare("SELECT card_deck, card_position, card_retired, card_row FROM card_state").first {
            "\($0.string(0)) \($0.int(1)) \($0.int(2)) \($0.isNull(3) ? "no row" : "row")"
        }
        #expect(copy == "one 7 1 row")
        // Retired: it is not due.
        #expect(try store.dueRows(before: .max, now: 0).isEmpty)
    }

    @Test func aStateMovedToAnotherCardCopiesThatCard() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [], cards: try cards(deck: "one", [lines[0]]), at: 10)
        _ = try store.sync(deck: "two", source: "/two.md", origin: .registered, files: [], cards: try cards(deck: "two", [lines[1]]), at: 10)
        let one = try #require(try store.cards(includeRetired: false).first { $0.card.deck == "one" }?.card.id)
        let two = try #require(try store.cards(includeRetired: false).first { $0.card.deck == "two" }?.card.id)
        try store.saveState(CardState(phase: .review, due: 5, reps: 1, lapses: 0, lastReview: 1, intervalDays: 1, sm2: nil, fsrs: nil), for: one)
        // Nothing in sysdrill moves a state by its key, but a trigger keeps the copy if anything does.
        try store.connection.run("UPDATE card_state SET card_id = ?2 WHERE card_id = ?1", [one.rawValue, two.rawValue])
        #expect(try store.stateCopyMismatches() == 0)
        #expect(try store.connection.prepare("SELECT card_deck FROM card_state").first { $0.string(0) } == "two")
    }

    @Test func aSpoiledCopyIsFoundAndCopiedAgain() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let made = try cards(deck: "one", Array(lines.prefix(3)))
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [], cards: made, at: 10)
        for (index, card) in made.enumerated() {
            try store.saveState(CardState(phase: .review, due: 100 + Int64(index), reps: 1, lapses: 0, lastReview: 1, intervalDays: 1,
                                          sm2: nil, fsrs: nil), for: card.id)
        }
        #expect(try store.stateCopyMismatches() == 0)
        // One card looks retired, another looks as if it were in a deck with no row.
        try store.connection.execute(script: """
            UPDATE card_state SET card_retired = 1 WHERE card_id = (SELECT MIN(card_id) FROM card_state);
            UPDATE card_state SET card_deck = 'x' WHERE card_id = (SELECT MAX(card_id) FROM card_state);
            """)
        #expect(try store.stateCopyMismatches() == 2)
        #expect(try store.dueRows(before: .max, now: 0).count == made.count - 1)
        try store.copyCardsIntoStates()
        #expect(try store.stateCopyMismatches() == 0)
        #expect(try store.dueRows(before: .max, now: 0).count == made.count)
    }
}
