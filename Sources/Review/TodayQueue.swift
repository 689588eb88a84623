import Study
import Deck
import Scheduling
import Store
import Timekeeping

/// Today's queue with what a front needs to show it.
public struct TodayQueue {
    public let now: UnixTime
    public let day: StudyDay
    public let queue: DailyQueue
    /// The cards named by `queue` (ordered and later today); empty when built without
    /// them (`loadingCards: false`), which a review session fills as it shows cards.
    public let cards: [CardID: Card]
    /// Their states; without the cards, only the states given by `Options.states`.
    public let states: [CardID: CardState]
    /// The flagged cards among `cards`, for the review screen.
    public let flagged: Set<CardID>
    /// For a listing (`forListing`), the queue's cards as the store's queries read them
    /// (by ID), so the listing reads their text by row (`StudyStore.listedCardReader`).
    /// Cards sent back by a quiz, and rows given by `Options.states`, are not here: the
    /// listing looks them up by ID.
    public var listingRows: [CardID: ListingRow] = [:]
    /// Where the database stood in the snapshot the queue was read from: while the store's
    /// `changeStamp()` still equals it (and the study day is the same), the queue holds.
    public var stamp: ChangeStamp?

    public var total: Int { queue.total }

    /// Options that narrow or widen today's queue for one command.
    public struct Options: Sendable {
        public var section: SectionFilter?
        /// Overrides the new-card limit left for today (`review --new N`).
        public var newCards: Int?
        /// States from another scheduler than the active one (`review --scheduler`);
        /// the queue is then built from these instead of the stored states.
        public var states: [CardID: CardState]?
        /// Only these decks' cards (`--only`); the store's queries narrow to them.
        public var decks: DeckScope

        public init(section: SectionFilter? = nil, newCards: Int? = nil, states: [CardID: CardState]? = nil,
                    decks: DeckScope = .every) {
            self.section = section
            self.newCards = newCards
            self.states = states
            self.decks = decks
        }
    }

    /// Builds the queue from the store: due cards by a range scan on the `due` index,
    /// new cards in deck order, today's limits counted from the review log so they
    /// survive restarts. `loadingCards: false` gives the same queue (IDs, order, counts)
    /// without reading any card's text or state: a review session reads those as it shows
    /// the cards, so its first card does not wait for 30k cards after a break.
    ///
    /// `forListing` (with `loadingCards: false`) keeps where each card was read from, for
    /// `listingRows`.
    public static func build(store: StudyStore, configuration: StudyConfiguration, calendar: StudyCalendar,
                             now: UnixTime, options: Options = Options(), loadingCards: Bool = true,
                             forListing: Bool = false) throws -> TodayQueue {
        // One read transaction: the queue's dozen queries see the same commits as its
        // stamp, and do not each take and drop the read lock.
        try store.readSnapshot {
            try buildInSnapshot(store: store, configuration: configuration, calendar: calendar, now: now, options: options,
                                loadingCards: loadingCards, forListing: forListing)
        }
    }

    private static func buildInSnapshot(store: StudyStore, configuration: StudyConfiguration, calendar: StudyCalendar,
                                        now: UnixTime, options: Options, loadingCards: Bool,
                                        forListing: Bool) throws -> TodayQueue {
        let stamp = try store.changeStamp()
        let plan = try plan(store: store, configuration: configuration, calendar: calendar, now: now,
                            options: options, countsOnly: false, keepingRows: forListing)
        let queue = plan.queue
        guard loadingCards else {
            var states: [CardID: CardState] = [:]
            if let override = options.states {
                for id in queue.cardIDs + queue.laterToday.map(\.id) {
                    states[CardID(rawValue: id)] = override[CardID(rawValue: id)] ?? .new
                }
            }
            return TodayQueue(now: now, day: plan.day, queue: queue, cards: [:], states: states, flagged: [], listingRows: plan.listingRows,
                              stamp: stamp)
        }
        var cards: [CardID: Card] = [:]
        var states: [CardID: CardState] = [:]
        var flagged = Set<CardID>()
        let ids = (queue.cardIDs + queue.laterToday.map(\.id)).map(CardID.init(rawValue:))
        let loaded = try store.queuedCards(ids)
        for id in ids {
            let entry = loaded[id]
            if let entry { cards[id] = entry.card }
            if entry?.flagged == true { flagged.insert(id) }
            states[id] = options.states.map { $0[id] ?? .new } ?? entry?.state ?? .new
        }
        return TodayQueue(now: now, day: plan.day, queue: queue, cards: cards, states: states, flagged: flagged, listingRows: plan.listingRows,
                          stamp: stamp)
    }

    /// Today's queue as counts only (what the end-of-session summary says is left): the
    /// same cards as `build`, but no card text or state is read and new cards are taken in
    /// no particular order, which saves a pass over every card of the decks.
    ///
    /// `unchanged` is a queue built earlier with the default options: when nothing was
    /// written since (`stamp`) and it is still the same study day, its counts are today's
    /// still (they depend on the clock only through the study day: learning cards count
    /// whether due now or later today, skips last until the day ends), and it is not
    /// planned again. A review quit at its first card took twice as long without this.
    public static func counts(store: StudyStore, configuration: StudyConfiguration, calendar: StudyCalendar,
                              now: UnixTime, unchanged: TodayQueue? = nil) throws -> DailyQueue {
        if let unchanged, unchanged.day == calendar.day(containing: now), try unchanged.nothingWritten(in: store) {
            return unchanged.queue
        }
        return try store.readSnapshot {
            try plan(store: store, configuration: configuration, calendar: calendar, now: now,
                     options: Options(), countsOnly: true, keepingRows: false).queue
        }
    }

    /// Whether building the queue again at `now`, with the options this one was built
    /// with, would give this one: the same instant, and nothing written since (`stamp`).
    /// The caller knows the options.
    public func isCurrent(at now: UnixTime, store: StudyStore) throws -> Bool {
        try now == self.now && nothingWritten(in: store)
    }

    /// Whether the store still stands where it did when this queue was read (`stamp`);
    /// false for a queue without a stamp.
    private func nothingWritten(in store: StudyStore) throws -> Bool {
        guard let stamp else { return false }
        return try store.changeStamp() == stamp
    }

    /// How many new cards could be introduced at `now` (suspended ones not, skipped ones
    /// too), whatever today's limits: it looks at every new card, so the queue does not.
    public static func newCardsAvailable(store: StudyStore, configuration: StudyConfiguration, calendar: StudyCalendar,
                                         now: UnixTime) throws -> Int {
        try store.newCardCount(rule: NewCardRule(dayStart: calendar.day(containing: now).start, reverseCards: configuration.reverseCards))
    }

    private static func plan(store: StudyStore, configuration: StudyConfiguration, calendar: StudyCalendar,
                             now: UnixTime, options: Options,
                             countsOnly: Bool, keepingRows: Bool) throws -> (day: StudyDay, queue: DailyQueue,
                                                                             listingRows: [CardID: ListingRow]) {
        let day = calendar.day(containing: now)

        // Suspended cards leave every queue (the store's queries leave them out too).
        let suspended = try store.cards(marked: .suspended)
        // The due rows no limit caps (learning and relearning); reviews are read below,
        // once today's review limit is known.
        var rows: [QueueRow]
        // With states from another scheduler, every due review, earliest first.
        var givenReviews: [QueueRow] = []
        if let override = options.states {
            let active = Dictionary(uniqueKeysWithValues: try store.cards().filter { options.decks.contains($0.card.deck) }
                .map { ($0.id, $0.card.order) })
            let buried = try store.buriedCards(at: now)
            let given = override.compactMap { id, state -> QueueRow? in
                guard let order = active[id], !buried.contains(id), !suspended.contains(id), state.due < day.end else { return nil }
                return QueueRow(id: id, phase: state.phase, due: state.due, deckOrder: order)
            }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
            rows = given.filter { $0.phase != .review }
            givenReviews = given.filter { $0.phase == .review }
        } else {
            rows = try store.dueRows(before: day.end, now: now, reverseCards: configuration.reverseCards, decks: options.decks,
                                     phases: .allButReview)
        }
        // Cards sent back by a quiz are due now whatever their schedule says (and come
        // once: a new card sent back is not also offered as new).
        let requeued = try store.requeuedCards(at: now, decks: options.decks).filter { !suspended.contains($0) }
        let requeuedSet = Set(requeued)
        if !requeued.isEmpty { rows.removeAll { requeuedSet.contains($0.id) } }
        let rule = NewCardRule(dayStart: day.start, reverseCards: configuration.reverseCards,
                               roundRobin: configuration.newCardOrder == .roundRobin, decks: options.decks)
        let inFilter = try options.section.map { try store.activeCards(matching: $0, decks: options.decks) }
        func inSection(_ row: QueueRow) -> Bool {
            inFilter?.contains(row.id) ?? true
        }
        // The sources of the cards reviewed today that are due again (after a break, all of
        // them) are in their due rows already.
        var knownSources: [CardID: [CardID]] = [:]
        knownSources.reserveCapacity(rows.count)
        for row in rows where row.stored != nil { knownSources[row.id] = row.from }
        if inFilter != nil { rows = rows.filter(inSection) }  // no copy of every row for nothing
        let reviewedToday = try store.cardsReviewed(since: day.start, known: knownSources)
        var siblings = SiblingBurial(reviewedToday: reviewedToday.families)
        knownSources = [:]
        // Learning cards first: one that is halfway through its steps keeps its place
        // before a sibling in review.
        rows = siblings.keepingOnePerFamily(rows)

        // Today's limits count the cards studied so far today, the new ones apart.
        var progress = TodayProgress(newIntroducedToday: reviewedToday.introduced,
                                     reviewsDoneToday: reviewedToday.count - reviewedToday.introduced)
        var limits = configuration.limits
        if let newCards = options.newCards {
            // `--new N`: N new cards in this session, on top of what today already had.
            limits.newPerDay = newCards
            progress.newIntroducedToday = 0
        }
        let newLeft = max(0, limits.newPerDay - progress.newIntroducedToday)
        // Reviews in due order until today's review limit is filled, with those due at the
        // same time as the last one (the queue orders ties by deck): after a break the
        // limit is full and 20k overdue reviews are never read. A review beyond the limit
        // is not shown, so it buries no sibling.
        let reviewsLeft = max(0, limits.reviewsPerDay - progress.reviewsDoneToday)
        var lastShownDue: UnixTime?
        var reviewsTaken = 0
        func takeReview(_ row: QueueRow) -> Bool {
            if let lastShownDue, row.due > lastShownDue { return false }
            guard !requeuedSet.contains(row.id), inSection(row), siblings.keeps(row) else { return true }
            rows.append(row)
            reviewsTaken += 1
            if lastShownDue == nil, reviewsTaken >= reviewsLeft { lastShownDue = row.due }
            return true
        }
        if reviewsLeft > 0 {
            if options.states != nil {
                for row in givenReviews where !takeReview(row) { break }
            } else {
                try store.forEachDueRow(before: day.end, now: now, reverseCards: configuration.reverseCards,
                                        decks: options.decks, phases: .review, takeReview)
            }
        }
        // Cards sent back by a quiz come last, as reviews due now.
        rows += siblings.keepingOnePerFamily(requeued.enumerated().map {
            QueueRow(id: $1, phase: .review, due: now - 1 - Int64(requeued.count - $0), deckOrder: 0)
        }.filter(inSection))
        let newLimit = options.section == nil ? newLeft + requeued.count : Int.max / 2
        // New cards that are siblings of a card already in the queue are buried; when that
        // leaves fewer than the day's new cards, the walk goes on further (else a reverse
        // next to today's review would take the day's only new slot and leave it empty).
        // The first walk takes a quarter more than the limit: with reverses and comparisons
        // a card or two of the day's new ones is usually buried, and walking again from the
        // start for them read 466 new cards instead of 150 on the bench's normal day.
        var newRows: [QueueRow] = []
        var fetchLimit = newLimit == 0 ? 0 : newLimit + newLimit / 4 + 16
        while true {
            let fetched = countsOnly && options.section == nil
                ? try store.someNewCards(limit: fetchLimit, now: now, rule: rule)
                : try store.newCards(limit: fetchLimit, now: now, rule: rule)
            // A copy for each try: the families of `rows` stay claimed, the new ones not.
            var afterRows = siblings
            newRows = afterRows.keepingOnePerFamily(fetched.filter { !requeuedSet.contains($0.id) && inSection($0) })
            if newRows.count >= newLeft || fetched.count < fetchLimit || fetchLimit >= Int.max / 8 { break }
            fetchLimit = fetchLimit * 2 + 16
        }
        let candidates = (rows + newRows.prefix(newLeft)).map {
            QueueCandidate(id: $0.id.rawValue, phase: $0.phase, due: $0.due, deckOrder: $0.deckOrder)
        }
        let queue = DailyQueue.build(from: candidates, now: now, dayEnd: day.end, limits: limits, progress: progress)
        // Only the cards the queue keeps: after a break the day's limits leave out most due rows.
        // Keyed by ID, not its text: the text of 30,000 IDs, made twice each, was a tenth of
        // `due --json` after a break.
        var listingRows: [CardID: ListingRow] = [:]
        if keepingRows {
            let listed = Set((queue.cardIDs + queue.laterToday.map(\.id)).map(CardID.init(rawValue:)))
            listingRows.reserveCapacity(listed.count)
            for row in rows where listed.contains(row.id) { listingRows[row.id] = row.listingRow }
            for row in newRows.prefix(newLeft) where listed.contains(row.id) && listingRows[row.id] == nil {
                listingRows[row.id] = row.listingRow
            }
        }
        return (day, queue, listingRows)
    }
}
