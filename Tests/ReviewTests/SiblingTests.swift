import Deck
import Scheduling
import Store
@testable import Review
import Study
import Testing
import Timekeeping

/// A card and the cards made from it are never shown on the same study day, and a card
/// made from others waits until they were reviewed on an earlier day.
@Suite struct SiblingTests {
    static let deck = """
    # Reliability

    ## Recovery

    - RPO: How much data, counted in time, you can afford to lose.
    - RTO: How long the service may stay down before it is back.
    - Failover: Moving the traffic to a standby when the primary fails.
    """

    func configuration(newPerDay: Int = 500, reverse: Bool = true) -> StudyConfiguration {
        var configuration = StudyConfiguration.defaults
        configuration.limits.newPerDay = newPerDay
        configuration.reverseCards = reverse
        return configuration
    }

    func queue(_ fixture: StudyFixture, _ configuration: StudyConfiguration) throws -> [Card] {
        let today = try TodayQueue.build(store: fixture.store, configuration: configuration,
                                         calendar: StudyCalendar(rolloverHour: 4, utcOffset: { _ in 0 }), now: fixture.clock.now)
        return today.queue.cardIDs.compactMap { today.cards[CardID(rawValue: $0)] }
    }

    @Test func onTheFirstDayOnlyTheWrittenCardsAreNew() throws {
        let fixture = try StudyFixture(deck: Self.deck, includeDerived: true)
        let cards = try queue(fixture, configuration())
        #expect(cards.map(\.kind) == [.definition, .definition, .definition])
    }

    @Test func aWholeDayShowsNoCardNextToItsSibling() throws {
        let fixture = try StudyFixture(deck: Self.deck, includeDerived: true)
        // Day 1: every written card answered Good once.
        for card in try queue(fixture, configuration()) {
            try ProgressReview.answer(fixture.store, card.id, at: fixture.clock.now, grade: 4)
        }
        // Days 2 to 30: whatever is due is answered; no two siblings on one day.
        var sawDerived = false
        for _ in 2...30 {
            fixture.clock.now += 86_400
            let cards = try queue(fixture, configuration())
            var families: [CardID: CardID] = [:]
            for card in cards {
                for key in [card.id] + card.from {
                    #expect(families[key] == nil, "\(card.term) (\(card.kind)) shown with a sibling")
                    families[key] = card.id
                }
                sawDerived = sawDerived || card.kind.isDerived
                try ProgressReview.answer(fixture.store, card.id, at: fixture.clock.now, grade: 4)
            }
        }
        #expect(sawDerived, "the reverses and the comparison came in the end")
    }

    @Test func aBuriedSiblingDoesNotTakeTheDaysOnlyNewSlot() throws {
        let fixture = try StudyFixture(deck: Self.deck, includeDerived: true)
        let first = try #require(try queue(fixture, configuration(newPerDay: 1)).first)
        try ProgressReview.answer(fixture.store, first.id, at: fixture.clock.now, grade: 4)
        // Next day: the card is due, its reverse is the next new card in deck order and is
        // buried beside it; the day's one new card is the next written card instead.
        fixture.clock.now += 86_400
        let cards = try queue(fixture, configuration(newPerDay: 1))
        #expect(cards.map(\.term) == [first.term, "RTO"], "\(cards.map { ($0.term, $0.kind) })")
    }

    /// The walk for new cards goes on for as long as siblings are buried: the first walk
    /// takes a little more than the limit (17 cards for one), and here the reverses that
    /// come first in deck order (24: one term gets none) are all buried next to their due
    /// sources.
    @Test func theNewCardWalkGoesOnPastManyBuriedSiblings() throws {
        let names = ["Queue", "Shard", "Cache", "Index", "Lease", "Quorum", "Replica", "Ledger", "Gossip", "Beacon",
                     "Bucket", "Cursor", "Fence", "Hinted handoff", "Journal", "Kernel", "Mailbox", "Nonce", "Offset", "Pager",
                     "Ring", "Snapshot", "Token", "Vector clock", "Watermark", "Zone", "Anchor", "Barrier", "Checkpoint", "Digest"]
        let lines = names.enumerated().map { "- \($1): The \(["first", "second", "third", "fourth", "fifth"][$0 % 5]) idea of part \($0 + 1) in this made-up list." }
        let fixture = try StudyFixture(deck: "# Words\n\n## All of them\n\n" + lines.joined(separator: "\n") + "\n", includeDerived: true)
        let firstDay = try queue(fixture, configuration(newPerDay: 25))
        #expect(firstDay.count == 25 && firstDay.allSatisfy { !$0.kind.isDerived })
        for card in firstDay {
            try ProgressReview.answer(fixture.store, card.id, at: fixture.clock.now, grade: 4)
        }
        fixture.clock.now += 86_400
        let reverses = try fixture.store.newCards(limit: 100, now: fixture.clock.now,
                                                  rule: NewCardRule(dayStart: fixture.clock.now - 3_600, reverseCards: true))
        #expect(reverses.prefix(20).allSatisfy { $0.from.count == 1 }, "more reverses come first than the first walk takes")
        let cards = try queue(fixture, configuration(newPerDay: 1))
        #expect(cards.count == 26, "\(cards.map { ($0.term, $0.kind) })")
        #expect(cards.last?.term == names[25] && cards.last?.kind == .definition, "\(cards.map { ($0.term, $0.kind) })")
    }

    @Test func reverseCardsOffLeavesThemOut() throws {
        let fixture = try StudyFixture(deck: Self.deck, includeDerived: true)
        for card in try queue(fixture, configuration()) {
            try ProgressReview.answer(fixture.store, card.id, at: fixture.clock.now, grade: 4)
        }
        for _ in 2...30 {
            fixture.clock.now += 86_400
            for card in try queue(fixture, configuration(reverse: false)) {
                #expect(card.kind != .reverse)
                try ProgressReview.answer(fixture.store, card.id, at: fixture.clock.now, grade: 4)
            }
        }
    }
}

/// Answers as the review session does: the next state from the stored one, with the fuzz
/// seed of its position in the card's log.
enum ProgressReview {
    static func answer(_ store: StudyStore, _ id: CardID, at time: UnixTime, grade: Int) throws {
        let scheduler = StudyConfiguration.defaults.scheduler.makeScheduler()
        let index = try store.reviews(of: id).count
        let number = String(time, radix: 16) + String(index)
        let reviewID = "00000000-0000-4000-8" + String(id.rawValue.prefix(3)) + "-" + String(repeating: "0", count: max(0, 12 - number.count)) + number
        let review = ReviewRecord(id: reviewID, cardID: id, at: time, grade: Quality(rawValue: grade)!, durationMs: 1000)
        let previous = try store.state(of: id) ?? .new
        let next = scheduler.next(previous, review: review.event, fuzzSeed: FuzzSeed.make(cardID: id.rawValue, reviewIndex: index))
        try store.record(review, newState: next)
    }
}
