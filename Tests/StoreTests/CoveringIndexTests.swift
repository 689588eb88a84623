import Testing
@testable import Deck
@testable import Store

/// The queue and `stats` read their big passes from covering indexes (migration 11), not
/// from the wide card and review rows: each query's plan names its index.
@Suite struct CoveringIndexTests {
    let dir = TemporaryDirectory()

    func plan(_ store: StudyStore, _ query: String) throws -> String {
        try store.connection.prepare("EXPLAIN QUERY PLAN " + query).map([100, 200]) { $0.string(3) }.joined(separator: "\n")
    }

    @Test func eachBigPassReadsACoveringIndex() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        // Today's due cards with their deck, order, kind and sources: one range of the due
        // index, which holds each state's copy of its card (migration 13), in its order.
        for (decks, phases) in [(DeckScope.every, DuePhases.all), (DeckScope(["one"]), .review), (.every, .allButReview)] {
            let due = try store.connection.prepare("EXPLAIN QUERY PLAN " + StudyStore.selectDueRows)
                .map([100, true, decks.parameter, phases.parameter]) { $0.string(3) }.joined(separator: "\n")
            #expect(due.contains("SEARCH s USING COVERING INDEX card_state_by_due (due<?)"), "\(due)")
            #expect(!due.contains("cards") && !due.contains("TEMP B-TREE"), "\(due)")
        }
        // Stats' card pass: the cards and the states, each a scan in ID order with no sort.
        let cards = try store.connection.prepare("EXPLAIN QUERY PLAN " + StudyStore.selectStatsCards)
            .map([DeckScope.every.parameter]) { $0.string(3) }.joined(separator: "\n")
        #expect(cards.contains("SCAN c USING COVERING INDEX cards_stats") && !cards.contains("TEMP B-TREE"), "\(cards)")
        let states = try plan(store, StudyStore.selectState + " WHERE ?1 > 0 AND ?2 > 0 ORDER BY s.card_id")
        #expect(states.contains("SCAN s") && !states.contains("TEMP B-TREE"), "\(states)")
        // The whole log in time order (export, the optimizer's history), also for some decks:
        // a scan of the time index with no sort (the store orders a second's reviews).
        for decks in [DeckScope.every, DeckScope(["one"])] {
            let log = try store.connection.prepare("EXPLAIN QUERY PLAN " + StudyStore.selectReviewsByTime)
                .map([decks.parameter]) { $0.string(3) }.joined(separator: "\n")
            #expect(log.contains("SCAN r USING INDEX review_log_by_time") && !log.contains("TEMP B-TREE"), "\(log)")
        }
        // One deck's cards for the export, through the deck's index with no sort.
        let deck = try store.connection.prepare("EXPLAIN QUERY PLAN " + StudyStore.selectCardsOfDeck).map([1]) { $0.string(3) }
            .joined(separator: "\n")
        #expect(deck.contains("USING INDEX cards_by_deck (deck=?)") && !deck.contains("TEMP B-TREE"), "\(deck)")
        // Stats' review pass, in time order.
        let reviews = try plan(store, "SELECT r.at, r.duration_ms FROM review_log r WHERE ?1 > 0 AND ?2 > 0 ORDER BY r.at")
        #expect(reviews.contains("COVERING INDEX review_log_by_time"), "\(reviews)")
        // The cards reviewed today and their sources (sibling burial), and today's counts.
        let families = try plan(store, """
            SELECT c.id, c.derived_from FROM review_log r JOIN cards c ON c.id = r.card_id
            WHERE r.at >= ?1 AND c.retired IN (0, 1) AND ?2 > 0
            """)
        #expect(families.contains("COVERING INDEX review_log_by_time"), "\(families)")
        #expect(families.contains("COVERING INDEX cards_queue"), "\(families)")
        // Retention: the log of each card reviewed lately.
        let logs = try plan(store, """
            SELECT r.card_id, r.at, r.grade FROM review_log r
            WHERE r.card_id IN (SELECT card_id FROM review_log WHERE at >= ?1) AND ?2 > 0 ORDER BY r.card_id, r.at
            """)
        #expect(logs.contains("COVERING INDEX review_log_by_card"), "\(logs)")
    }
}
