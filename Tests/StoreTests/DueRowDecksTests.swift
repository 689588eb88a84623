import Testing
@testable import Deck
@testable import Scheduling
@testable import Store

/// Today's due rows find each card's deck among the few decks' rows (`DeckRows`), not by a
/// lookup per row: the same order and the same turned-off decks as the join they replace.
@Suite struct DueRowDecksTests {
    let dir = TemporaryDirectory()

    /// Due rows find each card's deck among the decks' rows on its bytes: its order, and
    /// whether it is turned off; a deck with no row comes after the others.
    @Test func dueRowsTakeTheirDecksOrderAndLeaveOutTurnedOffDecks() throws {
        let store = try StudyStore.open(path: dir.file("decks.sqlite"))
        var all: [String: [CardID]] = [:]
        for (deck, term) in [("one", "Alpha"), ("two", "Beta"), ("three", "Gamma")] {
            let cards = try OutlineParser(deck: deck, file: deck + ".md").parse("# S\n\n- \(term): the letter called \(term).\n")
                .filter { !$0.kind.isDerived }
            _ = try store.sync(deck: deck, source: "/" + deck + ".md", origin: .registered, files: [], cards: cards, at: 100)
            all[deck] = cards.map(\.id)
            for card in cards.map(\.id) {
                let review = ReviewRecord(id: "r-\(card)", cardID: card, at: 1_000, grade: Quality(rawValue: 1)!, durationMs: 900)
                try store.record(review, newState: SM2Scheduler(fuzz: false).next(.new, review: review.event, fuzzSeed: 0))
            }
        }
        #expect(try store.setDeck("two", disabled: true))
        // Deck "three" loses its row (as after a deck removed by hand); its cards stay.
        try store.connection.execute(script: "PRAGMA foreign_keys = OFF;")
        try store.connection.run("DELETE FROM decks WHERE name = ?1", ["three"])
        try store.connection.execute(script: "PRAGMA foreign_keys = ON;")
        let orders = Dictionary(uniqueKeysWithValues: try store.connection.prepare("SELECT name, sort_order FROM decks").map { ($0.string(0), $0.int(1)) })
        let rows = try store.dueRows(before: 100_000, now: 2_000)
        let byDeck = Dictionary(grouping: rows) { row in all.first { $0.value.contains(row.id) }!.key }
        #expect(byDeck["two"] == nil)
        let one = try #require(byDeck["one"]?.first), three = try #require(byDeck["three"]?.first)
        #expect(one.deckOrder / 1_048_576 == orders["one"]! && three.deckOrder / 1_048_576 == 1 << 20)
    }
}
