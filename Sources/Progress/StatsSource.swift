import Study
import Deck
import Scheduling
import Store
import Timekeeping

/// Where `stats` reads from, in passes that keep little: the store answers with queries,
/// so a history of a million reviews is never held whole; `StatsInput` answers from
/// arrays, so the numbers can be checked on a synthetic history without a database.
public protocol StatsSource {
    var configuration: StudyConfiguration { get }
    /// Cards hidden today by a skip (not due today, as in the queue).
    var buried: Set<CardID> { get }
    /// Cards a quiz sent back to review: due now, as in the queue.
    var requeued: Set<CardID> { get }
    /// Suspended cards: in no queue, so neither due today nor in the forecast.
    var suspended: Set<CardID> { get }
    var flagged: Set<CardID> { get }
    /// Decks turned off (`decks disable`): their cards are in no queue.
    var disabledDecks: Set<String> { get }
    var quizResults: [QuizResultRecord] { get }
    var drillResults: [DrillResultRecord] { get }

    /// Every card, active and retired, with its state: in deck order, or each with its
    /// `deckPlace`.
    func forEachCard(_ body: (StatsCard) throws -> Void) throws
    /// The study days that have reviews, in order, each with its review count and answer
    /// times summed.
    func forEachReviewDay(calendar: StudyCalendar, _ body: (ReviewDayTotals) throws -> Void) throws
    /// The cards reviewed at `start` or later and before `end`.
    func cardsReviewed(from start: UnixTime, to end: UnixTime) throws -> Set<CardID>
    /// The time of each card's first review.
    func firstReviewTimes(of cards: Set<CardID>) throws -> [CardID: UnixTime]
    /// The whole log of each card reviewed at or after `start`, each in replay order.
    func forEachLog(ofCardsReviewedSince start: UnixTime, _ body: (CardID, [ReviewEvent]) throws -> Void) throws
    /// What counts against today's limits when the source shows only some decks: the limits
    /// are the whole day's, as the queue counts them. nil: the source's own reviews.
    func limitProgress(since dayStart: UnixTime) throws -> TodayProgress?
}

extension StatsSource {
    public func limitProgress(since dayStart: UnixTime) throws -> TodayProgress? { nil }
}

/// The store as a `StatsSource`. Read it inside `StudyStore.readSnapshot`, so every pass
/// sees the same data.
public struct StoreStatsSource: StatsSource {
    let store: StudyStore
    public let configuration: StudyConfiguration
    public let buried: Set<CardID>
    public let requeued: Set<CardID>
    public let suspended: Set<CardID>
    public let flagged: Set<CardID>
    public let disabledDecks: Set<String>
    public let quizResults: [QuizResultRecord]
    public let drillResults: [DrillResultRecord]
    /// Only these decks' cards and their reviews (`stats --only`).
    public let decks: DeckScope
    /// The cards of `decks`; nil for every deck.
    let scopeCards: Set<CardID>?

    public init(store: StudyStore, configuration: StudyConfiguration, now: UnixTime, decks: DeckScope = .every) throws {
        self.store = store
        self.configuration = configuration
        self.decks = decks
        scopeCards = try store.cardIDs(of: decks)
        buried = try store.buriedCards(at: now)
        requeued = Set(try store.requeuedCards(at: now))
        suspended = try store.cards(marked: .suspended)
        flagged = try store.cards(marked: .flagged)
        disabledDecks = try store.disabledDecks()
        quizResults = try store.quizResults()
        drillResults = try store.drills()
    }

    public func forEachCard(_ body: (StatsCard) throws -> Void) throws { try store.forEachStatsCard(decks: decks, body) }

    public func forEachReviewDay(calendar: StudyCalendar, _ body: (ReviewDayTotals) throws -> Void) throws {
        guard let scopeCards else {
            // Every deck: the store counts and sums each day on its time index and says
            // where the next review is. Handing over every review of a million took two
            // thirds of a second.
            var next = try store.firstReviewTime(atOrAfter: .min)
            while let time = next {
                let day = calendar.day(containing: time)
                let totals = try store.reviewTotals(from: day.start, to: day.end)
                if totals.count > 0 { try body(ReviewDayTotals(day: day, count: totals.count, durationMs: totals.durationMs)) }
                next = day.end > time ? try store.firstReviewTime(atOrAfter: day.end) : nil
            }
            return
        }
        // Some decks: which reviews count is known per card, so every review is handed
        // over once and the days are made here.
        var grouping = ReviewDayGrouping(calendar: calendar)
        try store.forEachReviewTime(of: scopeCards) { time, durationMs in
            if let day = grouping.add(at: time, durationMs: durationMs) { try body(day) }
        }
        if let day = grouping.finish() { try body(day) }
    }

    public func cardsReviewed(from start: UnixTime, to end: UnixTime) throws -> Set<CardID> {
        try store.cardsReviewed(from: start, to: end, decks: decks)
    }

    public func firstReviewTimes(of cards: Set<CardID>) throws -> [CardID: UnixTime] { try store.firstReviewTimes(of: cards) }

    public func forEachLog(ofCardsReviewedSince start: UnixTime, _ body: (CardID, [ReviewEvent]) throws -> Void) throws {
        try store.forEachLog(ofCardsReviewedSince: start, of: scopeCards, body)
    }

    public func limitProgress(since dayStart: UnixTime) throws -> TodayProgress? {
        guard !decks.isEvery else { return nil }
        let studied = try store.cardsStudied(since: dayStart)
        return TodayProgress(newIntroducedToday: studied.introduced, reviewsDoneToday: studied.reviewed)
    }
}

/// Stats from plain arrays (tests and small tools).
public struct StatsInput: StatsSource, Sendable {
    public var configuration: StudyConfiguration
    /// Every card, active and retired, in deck order.
    public var cards: [StoredCard]
    public var states: [CardID: CardState]
    /// Every review in replay order (time, then arrival).
    public var reviews: [ReviewRecord]
    public var quizResults: [QuizResultRecord]
    public var drillResults: [DrillResultRecord]
    public var buried: Set<CardID>
    public var requeued: Set<CardID>
    public var suspended: Set<CardID>
    public var flagged: Set<CardID>
    public var disabledDecks: Set<String> = []

    public init(configuration: StudyConfiguration, cards: [StoredCard], states: [CardID: CardState], reviews: [ReviewRecord],
                quizResults: [QuizResultRecord] = [], drillResults: [DrillResultRecord] = [], buried: Set<CardID> = [],
                requeued: Set<CardID> = [], suspended: Set<CardID> = [], flagged: Set<CardID> = []) {
        self.configuration = configuration
        self.cards = cards
        self.states = states
        self.reviews = reviews
        self.quizResults = quizResults
        self.drillResults = drillResults
        self.buried = buried
        self.requeued = requeued
        self.suspended = suspended
        self.flagged = flagged
    }

    public func forEachCard(_ body: (StatsCard) throws -> Void) throws {
        for stored in cards {
            try body(StatsCard(id: stored.id, deck: stored.card.deck, topSection: stored.card.section.first, order: stored.card.order,
                               retired: stored.retired, state: states[stored.id]))
        }
    }

    public func forEachReviewDay(calendar: StudyCalendar, _ body: (ReviewDayTotals) throws -> Void) throws {
        var grouping = ReviewDayGrouping(calendar: calendar)
        for review in reviews.sorted(by: { $0.at < $1.at }) {
            if let day = grouping.add(at: review.at, durationMs: review.durationMs) { try body(day) }
        }
        if let day = grouping.finish() { try body(day) }
    }

    public func cardsReviewed(from start: UnixTime, to end: UnixTime) throws -> Set<CardID> {
        Set(reviews.filter { $0.at >= start && $0.at < end }.map(\.cardID))
    }

    public func firstReviewTimes(of cards: Set<CardID>) throws -> [CardID: UnixTime] {
        var result: [CardID: UnixTime] = [:]
        for review in reviews where cards.contains(review.cardID) { result[review.cardID] = min(result[review.cardID] ?? review.at, review.at) }
        return result
    }

    public func forEachLog(ofCardsReviewedSince start: UnixTime, _ body: (CardID, [ReviewEvent]) throws -> Void) throws {
        let wanted = Set(reviews.filter { $0.at >= start }.map(\.cardID))
        var logs: [CardID: [ReviewEvent]] = [:]
        for review in reviews where wanted.contains(review.cardID) { logs[review.cardID, default: []].append(review.event) }
        for card in wanted.sorted() { try body(card, logs[card]!) }
    }
}
