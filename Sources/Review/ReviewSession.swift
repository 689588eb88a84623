import Study
import Deck
import Scheduling
import Store
import Timekeeping

/// The review session's logic, shared by the interactive and the line-mode fronts:
/// which card comes next, what each answer does, undo, skip, and the summary.
/// Every answer is committed (log + state, one transaction) before the next card is
/// offered, so a crash or Ctrl-C never loses an answer already given.
public final class ReviewSession {
    /// A card offered to the user.
    public struct Presented: Sendable {
        public let card: Card
        public let state: CardState
        /// 1-based position and the size of the session so far (grows with repeats).
        public let position: Int
        public let total: Int
        /// Flagged (`!` flips it while the card is shown).
        public var flagged: Bool
        /// Lapsed `leech-lapses` times or more.
        public let leech: Bool

        public init(card: Card, state: CardState, position: Int, total: Int, flagged: Bool = false, leech: Bool = false) {
            self.card = card
            self.state = state
            self.position = position
            self.total = total
            self.flagged = flagged
            self.leech = leech
        }
    }

    public enum Next: Sendable {
        case card(Presented)
        /// Only same-day learning steps are left, the next one due at this time.
        case waiting(until: UnixTime, remaining: Int)
        case finished
    }

    /// What an answer did, for the front to show and for `--json` events.
    public struct Outcome: Sendable {
        public let review: ReviewRecord
        public let before: CardState
        public let after: CardState
        /// The card comes back in this session (SM-2 grade below 4, FSRS learning step).
        public let repeatsToday: Bool
        /// This answer made the card a leech (its stored lapses reached `leech-lapses`):
        /// the front says so, once.
        public let becameLeech: Bool
    }

    /// Called when another sysdrill process holds the write lock past the busy timeout (a
    /// long import in another terminal) while this session writes: `attempt` counts the
    /// waits, from 1. Return true to wait and try the same write again (the answer stays
    /// in memory with its time and ID until it is committed), false to stop waiting: the
    /// write is then not made (`StoppedWaiting`), and every earlier answer is already
    /// committed. Unset, the lock error is thrown as from any store call.
    public var whileLocked: ((_ attempt: Int) -> Bool)?

    /// The user stopped waiting for another process's write lock; nothing was written.
    public struct StoppedWaiting: Error {}

    /// What a front says while it waits for another process's write lock.
    public static let lockedMessage = "waiting for an import in another terminal (another sysdrill is writing to this database); your answer is kept and saved when it finishes."

    /// Each wait after the first is this short, so a front can poll its keys in between.
    public static let lockedRetryMilliseconds: Int32 = 250

    /// How far ahead a learning card may be shown early when nothing else is left
    /// (Anki's "learn ahead limit"), so a session does not stall on a 10-minute step.
    public static let learnAhead: Int64 = 20 * 60

    let store: StudyStore
    let scheduler: any Scheduler
    /// The active scheduler when this session uses another one (`--scheduler`): stored
    /// states always belong to the active scheduler, so they stay a replay of the log.
    let storedScheduler: (any Scheduler)?
    let clock: SessionClock
    let identifiers: IdentifierSource
    let dayEnd: UnixTime
    let leech: LeechRule

    /// The cards read so far: a session started from a queue without its cards
    /// (`TodayQueue.build(loadingCards: false)`) reads each card's text, state and flag
    /// when it is about to be shown, a few ahead at a time (`readAhead`).
    private var cards: [CardID: Card]
    /// What this session knows of each card's state: read with the card, then what its
    /// answers and undos made of it.
    private var states: [CardID: CardState]
    private var flagged: Set<CardID>
    /// Cards in the order they will be shown.
    private var queue: CardLine
    /// Learning cards waiting for their step's time.
    private var waiting: [(id: CardID, due: UnixTime)]
    private var history: [Action] = []
    /// Every change made to `queue` and `waiting`, so an undo can take them back to the
    /// moment of its action (`Action.mark`). Whole copies of both, kept per action, cost
    /// half a megabyte per answer after a break (a queue of 30k cards) and took a review of
    /// 30,000 answers past 24 GB.
    private var changes: [QueueChange] = []
    private var shownCount = 0
    private var current: CardID?
    private var shownAtMilliseconds: Int64 = 0

    public private(set) var summary = SessionSummary()

    /// An undoable step; `mark` is how many `changes` there were when it was taken.
    private enum Action {
        case answered(reviewID: String, cardID: CardID, previous: CardState, mark: Int, counted: SessionSummary.Counted)
        case skipped(cardID: CardID, mark: Int)
        case suspended(cardID: CardID, previous: CardMarkRecord?, wasShown: Bool, mark: Int)
    }

    /// One change to `queue` or `waiting`, with what taking it back needs.
    private enum QueueChange {
        case tookFirst(CardID)
        case putFirst
        case appended
        case tookWaiting((id: CardID, due: UnixTime))
        case addedWaiting((id: CardID, due: UnixTime))
        case removed(fromQueue: [(index: Int, id: CardID)], fromWaiting: [(id: CardID, due: UnixTime)])
    }

    private func takeFirst() -> CardID {
        let id = queue.removeFirst()
        changes.append(.tookFirst(id))
        return id
    }

    private func putFirst(_ id: CardID) {
        queue.insertFirst(id)
        changes.append(.putFirst)
    }

    /// The first of `waiting`, which `next()` has just sorted.
    private func takeFirstWaiting() -> CardID {
        let entry = waiting.removeFirst()
        changes.append(.tookWaiting(entry))
        return entry.id
    }

    /// Takes `queue` and `waiting` back to how they were when there were `mark` changes.
    /// `waiting` may come back in another order: `next()` sorts it before each use.
    private func rewind(to mark: Int) {
        while changes.count > mark {
            switch changes.removeLast() {
            case .tookFirst(let id): queue.insertFirst(id)
            case .putFirst: _ = queue.removeFirst()
            case .appended: queue.removeLast()
            case .tookWaiting(let entry): waiting.append(entry)
            case .addedWaiting(let entry):
                if let index = waiting.lastIndex(where: { $0.id == entry.id && $0.due == entry.due }) { waiting.remove(at: index) }
            case .removed(let fromQueue, let fromWaiting):
                for entry in fromQueue { queue.insert(entry.id, at: entry.index) }
                waiting += fromWaiting
            }
        }
        // Nothing before the oldest step left can be undone.
        if history.isEmpty { changes.removeAll(keepingCapacity: true) }
    }

    /// `limit` caps the number of distinct cards taken from today's queue; `leech` says
    /// when a card has lapsed too often (`leech-lapses`).
    public init(store: StudyStore, scheduler: any Scheduler, storedScheduler: (any Scheduler)? = nil, today: TodayQueue,
                clock: SessionClock, identifiers: IdentifierSource, limit: Int? = nil, leech: LeechRule = LeechRule()) {
        self.store = store
        self.scheduler = scheduler
        self.storedScheduler = storedScheduler
        self.clock = clock
        self.identifiers = identifiers
        self.dayEnd = today.day.end
        self.leech = leech
        self.cards = today.cards
        self.states = today.states
        self.flagged = today.flagged
        var ordered = today.queue.cardIDs.map(CardID.init(rawValue:))
        var later = today.queue.laterToday.map { (id: CardID(rawValue: $0.id), due: $0.due) }
        if let limit {
            ordered = Array(ordered.prefix(max(0, limit)))
            later = Array(later.prefix(max(0, limit - ordered.count)))
        }
        self.queue = CardLine(ordered)
        self.waiting = later
    }

    /// Cards still to come in this session (queue + waiting learning steps).
    public var remaining: Int { queue.count + waiting.count }

    /// How many cards one read takes when the next card has not been read yet: that card
    /// and the ones after it in the queue. One query per this many cards shown, and never
    /// more than these read ahead of the screen.
    static let readAhead = 16

    /// The next card to show, chosen at the clock's current time. Reads the card (and a
    /// few after it in the queue) from the store when this session has not read it yet;
    /// a card that no longer exists is passed over.
    public func next() throws -> Next {
        while true {
            let now = clock.now
            waiting.sort { ($0.due, $0.id) < ($1.due, $1.id) }
            let chosen: CardID
            if let due = waiting.first, due.due <= now {
                chosen = takeFirstWaiting()
            } else if !queue.isEmpty {
                chosen = takeFirst()
            } else if let due = waiting.first, due.due <= now + Self.learnAhead {
                chosen = takeFirstWaiting()
            } else if let due = waiting.first {
                return .waiting(until: due.due, remaining: waiting.count)
            } else {
                current = nil
                return .finished
            }
            if cards[chosen] == nil { try read([chosen] + queue.prefix(Self.readAhead - 1)) }
            guard let card = cards[chosen] else { continue }
            current = chosen
            shownCount += 1
            shownAtMilliseconds = clock.monotonicMilliseconds()
            let state = states[chosen] ?? .new
            let presented = Presented(card: card, state: state, position: shownCount, total: shownCount + remaining,
                                      flagged: flagged.contains(chosen), leech: leech.isLeech(state))
            return .card(presented)
        }
    }

    /// How many cards this session has read (for tests: a lazy start reads only a few).
    var cardsRead: Int { cards.count }

    /// Reads the cards of `ids` this session has not read yet, with their states and flags,
    /// in one query. A state this session already knows (an answer, an undo, another
    /// scheduler's view) is kept.
    private func read(_ ids: [CardID]) throws {
        let missing = ids.filter { cards[$0] == nil }
        guard !missing.isEmpty else { return }
        let loaded = try store.queuedCards(missing)
        for id in missing {
            guard let entry = loaded[id] else { continue }
            cards[id] = entry.card
            if states[id] == nil { states[id] = entry.state ?? .new }
            if entry.flagged { flagged.insert(id) }
        }
    }

    /// "next in ..." for a due date: a gap of days as the local clock counts it, so a
    /// one-day interval across a DST switch (23 or 25 hours) reads "1d"; shorter gaps
    /// (learning steps) in real time.
    public static func intervalText(from start: UnixTime, to end: UnixTime) -> String {
        guard end > start, end - start >= 12 * Seconds.hour else { return IntervalText.format(from: start, to: end) }
        let (local, overflow) = end.addingReportingOverflow(LocalTime.utcOffset(at: end) - LocalTime.utcOffset(at: start))
        return IntervalText.format(from: start, to: overflow ? end : local)
    }

    /// The state each of the four buttons would lead to, for "next interval" hints.
    public func preview(_ presented: Presented) -> [(rating: Rating, due: UnixTime, text: String)] {
        let now = clock.now
        let seed = FuzzSeed.make(cardID: presented.card.id.rawValue, reviewIndex: presented.state.reps)
        return scheduler.preview(presented.state, at: now, fuzzSeed: seed).map { rating, state in
            (rating, state.due, Self.intervalText(from: now, to: max(state.due, now)))
        }
    }

    /// The interval each of SM-2's six grades would give (`answer-scale quality`), computed
    /// as an answer is: from the shown state with the card's fuzz seed.
    public func qualityPreview(_ presented: Presented) -> [(quality: Quality, due: UnixTime, text: String)] {
        let now = clock.now
        let seed = FuzzSeed.make(cardID: presented.card.id.rawValue, reviewIndex: presented.state.reps)
        return (0...5).compactMap(Quality.init(rawValue:)).map { quality in
            let state = scheduler.next(presented.state, review: ReviewEvent(at: now, quality: quality), fuzzSeed: seed)
            return (quality, state.due, IntervalText.format(from: now, to: max(state.due, now)))
        }
    }

    /// The scheduler the stored settings name now (read inside the caller's write
    /// transaction), or `fallback` when they cannot be read. The settings are read again
    /// only when they may have changed: another connection committed (`dataVersion`) or
    /// this one wrote a setting. Reading them for every answer was 6% of 1000 answers.
    func activeScheduler(otherwise fallback: any Scheduler) -> any Scheduler {
        let version = try? store.dataVersion()
        if let version, let read = schedulerRead, read.dataVersion == version, read.settingsWrites == store.settingsWrites {
            return read.scheduler
        }
        guard let scheduler = (try? StudyConfiguration.load(from: store))?.makeScheduler() else { return fallback }
        if let version { schedulerRead = (version, store.settingsWrites, scheduler) }
        return scheduler
    }

    /// The scheduler `activeScheduler` read last, and when.
    private var schedulerRead: (dataVersion: Int64, settingsWrites: Int, scheduler: any Scheduler)?

    /// Runs one write of the session; while another process holds the write lock it
    /// waits and tries again as `whileLocked` says. A busy `BEGIN IMMEDIATE` wrote nothing
    /// (the transaction rolls back on any error), so the same write is safe to repeat.
    func committing<T>(_ write: () throws -> T) throws -> T {
        var attempt = 0
        let standardTimeout = store.busyTimeoutMilliseconds
        defer { if attempt > 0 { store.setBusyTimeout(milliseconds: standardTimeout) } }
        while true {
            do {
                return try write()
            } catch let error as StoreError where error.isBusy {
                guard let whileLocked else { throw error }
                attempt += 1
                guard whileLocked(attempt) else { throw StoppedWaiting() }
                if attempt == 1 { store.setBusyTimeout(milliseconds: min(standardTimeout, Self.lockedRetryMilliseconds)) }
            }
        }
    }

    /// Grades the card on screen and commits the review before returning.
    public func answer(_ quality: Quality) throws -> Outcome {
        guard let id = current else { throw StoreError.inconsistent("no card is being shown") }
        let now = clock.now
        let shown = states[id] ?? .new
        let duration = max(0, clock.monotonicMilliseconds() - shownAtMilliseconds)
        let reviewID = identifiers.makeIdentifier()
        // The stored state is read inside the write transaction (another terminal may
        // have answered this card meanwhile); the fuzz seed is the card's review count,
        // exactly as a replay of the log computes it.
        // The scheduler is read there too: `config set scheduler` in another terminal
        // replays every state, and this session must go on writing what a replay gives.
        // A clock set back (by hand, or a correction) must not record an answer before the
        // card's previous one: the log replays in time order, the state was built in
        // answer order, and the two would part. Such an answer takes the previous time.
        let (review, storedBefore, storedAfter) = try committing {
            try store.recordAnswer(of: id) { stored in
                let at = max(now, stored.lastReview ?? now)
                let review = ReviewRecord(id: reviewID, cardID: id, at: at, grade: quality, durationMs: duration)
                let next = self.activeScheduler(otherwise: storedScheduler ?? scheduler)
                    .next(stored, review: review.event, fuzzSeed: FuzzSeed.make(cardID: id.rawValue, reviewIndex: stored.reps))
                return (review, next)
            }
        }
        // With `--scheduler`, this session schedules by its own scheduler's view.
        let before = storedScheduler == nil ? storedBefore : shown
        let after = storedScheduler == nil ? storedAfter
            : scheduler.next(shown, review: review.event, fuzzSeed: FuzzSeed.make(cardID: id.rawValue, reviewIndex: shown.reps))
        let counted = summary.count(review: review, wasNew: before.phase == .new)
        history.append(.answered(reviewID: review.id, cardID: id, previous: shown, mark: changes.count, counted: counted))
        states[id] = after
        current = nil
        // The text is read again if the card comes back (a repeat, an undo): kept for every
        // card answered, it took a session of 30,000 answers to 102 MiB.
        cards[id] = nil

        // Back today: SM-2 asks for a repeat now (grade below 4); FSRS learning steps come
        // back at their time.
        let repeats = after.due <= now || (after.due < dayEnd && after.phase != .review)
        if repeats {
            if after.due <= now {
                queue.append(id)  // SM-2: repeat after the other cards
                changes.append(.appended)
            } else {
                waiting.append((id, after.due))
                changes.append(.addedWaiting((id, after.due)))
            }
        }
        return Outcome(review: review, before: before, after: after, repeatsToday: repeats,
                       becameLeech: leech.becameLeech(from: storedBefore, to: storedAfter))
    }

    /// Hides the card on screen until the next study day.
    public func skip() throws {
        guard let id = current else { return }
        try committing { try store.bury(id, until: dayEnd) }
        history.append(.skipped(cardID: id, mark: changes.count))
        current = nil
        summary.skipped += 1
    }

    /// Suspends a card of this session — the one on screen, or one just answered and still
    /// on screen (a new leech) — at the clock's time: it leaves this session and every
    /// queue until `card ID --unsuspend`; its history stays. `undo` takes it back.
    public func suspend(_ id: CardID) throws {
        let previous = try committing { try store.setMark(.suspended, true, on: id, at: clock.now) }
        let wasShown = current == id
        history.append(.suspended(cardID: id, previous: previous, wasShown: wasShown, mark: changes.count))
        let fromQueue = queue.positions(of: id).map { (index: $0, id: id) }
        let fromWaiting = waiting.filter { $0.id == id }
        queue.removeAll(id)
        waiting.removeAll { $0.id == id }
        changes.append(.removed(fromQueue: fromQueue, fromWaiting: fromWaiting))
        if wasShown { current = nil }
        summary.suspended += 1
    }

    /// Flags or unflags a card of this session (the store reads its flag inside the write);
    /// returns the new value. Not an action `undo` takes back: `!` again does.
    public func toggleFlag(_ id: CardID) throws -> Bool {
        let isSet = try committing { try store.toggleMark(.flagged, on: id, at: clock.now) }
        if isSet { flagged.insert(id) } else { flagged.remove(id) }
        return isSet
    }

    /// Undoes the last answer, skip or suspend (also across cards): the review leaves the log, the
    /// previous state returns, and that card is shown next. Nil when there is nothing to undo.
    @discardableResult
    public func undo() throws -> CardID? {
        guard let last = history.last else { return nil }
        // Each case takes the step off the history only once its write is made: a wait
        // for another process's lock may be given up, and the step is then still undoable.
        switch last {
        case .answered(let reviewID, let cardID, let previous, let mark, let counted):
            let replayed = try committing {
                try store.removeReview(id: reviewID, cardID: cardID) { events in
                    self.activeScheduler(otherwise: storedScheduler ?? scheduler).replay(events, cardID: cardID.rawValue)
                }
            }
            history.removeLast()
            states[cardID] = storedScheduler == nil ? replayed : previous
            rewind(to: mark)
            putFirst(cardID)
            summary.uncount(counted)
            summary.undone += 1
            shownCount = max(0, shownCount - 1)
            current = nil
            return cardID
        case .skipped(let cardID, let mark):
            try committing { try store.unbury(cardID) }
            history.removeLast()
            rewind(to: mark)
            putFirst(cardID)
            summary.skipped -= 1
            shownCount = max(0, shownCount - 1)
            current = nil
            return cardID
        case .suspended(let cardID, let previous, let wasShown, let mark):
            try committing { try store.restoreMark(.suspended, on: cardID, to: previous) }
            history.removeLast()
            // The card on screen when it was suspended is shown again next; one suspended
            // after its answer (a leech) goes back where the answer had put it.
            rewind(to: mark)
            if wasShown { putFirst(cardID) }
            summary.suspended -= 1
            if wasShown { shownCount = max(0, shownCount - 1) }
            current = nil
            return cardID
        }
    }

    /// Puts the card on screen back at the front without answering (leaving the screen
    /// with `q` keeps it for next time: nothing is written for it).
    public func putBackCurrent() {
        if let id = current {
            putFirst(id)
            shownCount -= 1
            current = nil
        }
    }

    public var canUndo: Bool { !history.isEmpty }
}

/// What a session did, for the end-of-session summary.
public struct SessionSummary: Sendable, Equatable {
    /// Answers given (a card repeated today counts each time).
    public var reviewed = 0
    /// Distinct cards answered.
    public var cards: Set<String> = []
    public var again = 0
    public var newCards = 0
    public var skipped = 0
    public var suspended = 0
    public var undone = 0
    public var milliseconds: Int64 = 0

    public init() {}

    /// What one answer added, so an undo can take exactly that off (a copy of the whole
    /// summary per answer held a copy of `cards` per answer).
    struct Counted {
        /// The card's ID when this was its first answer of the session.
        let firstOfCard: String?
        let failed: Bool
        let wasNew: Bool
        let milliseconds: Int64
    }

    mutating func count(review: ReviewRecord, wasNew: Bool) -> Counted {
        reviewed += 1
        let first = cards.insert(review.cardID.rawValue).inserted
        if !review.grade.passes { again += 1 }
        if wasNew { newCards += 1 }
        milliseconds += review.durationMs
        return Counted(firstOfCard: first ? review.cardID.rawValue : nil, failed: !review.grade.passes, wasNew: wasNew,
                       milliseconds: review.durationMs)
    }

    mutating func uncount(_ counted: Counted) {
        reviewed -= 1
        if let card = counted.firstOfCard { cards.remove(card) }
        if counted.failed { again -= 1 }
        if counted.wasNew { newCards -= 1 }
        milliseconds -= counted.milliseconds
    }

    /// Share of answers graded Again (quality below 3).
    public var againRate: Double { reviewed == 0 ? 0 : Double(again) / Double(reviewed) }
}
