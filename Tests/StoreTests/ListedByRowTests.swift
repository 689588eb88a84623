import Testing
@testable import Deck
@testable import Scheduling
@testable import Store

/// A listing of today's queue reads each card's front by the row the queue's query read it
/// from, and its state from that query's row: the same as looking the card up by ID, and a
/// row that no longer holds the card is left out, so the caller asks by ID instead.
@Suite struct ListedByRowTests {
    let dir = TemporaryDirectory()

    @Test func cardsReadByRowAreTheCardsReadByID() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let cards = try fourDefinitionCards()
        _ = try store.sync(deck: "one", source: "/one.md", origin: .registered, files: [], cards: cards, at: 100)
        for (index, card) in cards.prefix(2).enumerated() {
            let review = ReviewRecord(id: "r\(index)", cardID: card.id, at: 1_000, grade: Quality(rawValue: 1 + 3 * index)!, durationMs: 900)
            try store.record(review, newState: SM2Scheduler(fuzz: false).next(.new, review: review.event, fuzzSeed: 0))
        }
        let due = try store.dueRows(before: 10 * 86_400, now: 2_000)
        let new = try store.newCards(limit: 10, now: 2_000, rule: NewCardRule(dayStart: 0, reverseCards: false))
        #expect(due.count == 2 && new.count == 2)
        #expect(due.allSatisfy { $0.stored?.hasState == true } && new.allSatisfy { $0.stored?.hasState == false })
        let rows = due + new
        let reader = try store.listedCardReader()
        let byID = try store.listedCards(rows.map(\.id))
        #expect(byID.count == 4)
        // In the order given, whatever the order of the rows in the table.
        let read = try reader.cards(rows.reversed().map { ($0.id, $0.listingRow) })
        for (row, card) in zip(rows.reversed(), read) {
            let one = try #require(card), other = try #require(byID[row.id])
            #expect(one.front == other.front && one.phase == other.phase && one.due == other.due, "\(row.id)")
            #expect(!one.front.isEmpty)
        }
        // Reversed: a new card first, a reviewed one last.
        let newCard = try #require(read.first ?? nil), reviewed = try #require(read.last ?? nil)
        #expect(newCard.phase == nil && reviewed.phase != nil)

        // A row number that now holds another card (the table rebuilt in between) is left
        // out, as is an entry with no row (a row made by a caller has none).
        let moved = ListingRow(cardRow: try #require(new[0].listingRow).cardRow, phase: due[0].phase, due: due[0].due)
        let made = QueueRow(id: due[1].id, phase: .review, due: 1, deckOrder: 0)
        #expect(made.listingRow == nil)
        let mixed = try reader.cards([(due[0].id, moved), (made.id, made.listingRow), (new[1].id, new[1].listingRow)])
        #expect(mixed.count == 3 && mixed[0] == nil && mixed[1] == nil && mixed[2]?.front == byID[new[1].id]?.front)
        #expect(try reader.cards([]).isEmpty)
        #expect(try reader.cards([(made.id, nil)]).map { $0 == nil } == [true])
    }
}
