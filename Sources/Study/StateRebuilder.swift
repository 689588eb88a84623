import Deck
import Scheduling
import Store

/// Replays the review log (the source of truth) through a scheduler to get every card's
/// state: used when the scheduler or its settings change, after an import, and by
/// `sysdrill check`. Same log + same settings = the same states, bit for bit.
public struct StateRebuilder {
    let store: StudyStore
    let scheduler: any Scheduler

    public init(store: StudyStore, scheduler: any Scheduler) {
        self.store = store
        self.scheduler = scheduler
    }

    /// Each reviewed card's replayed state (`only`: restrict to these cards).
    public func replayedStates(only: Set<CardID>? = nil) throws -> [CardID: CardState] {
        var states: [CardID: CardState] = [:]
        try forEachReplayedState(only: only) { id, state in states[id] = state }
        return states
    }

    /// Each reviewed card's replayed state, card by card in ID order (`only`: of these
    /// cards only): one card's log is held at a time, not the whole log (a million reviews
    /// grouped by card took 90 MB).
    public func forEachReplayedState(only: Set<CardID>? = nil, _ body: (CardID, CardState) throws -> Void) throws {
        try store.forEachLog(of: only) { id, events in try body(id, scheduler.replay(events, cardID: id.rawValue)) }
    }

    /// Cards whose stored state differs from the replay (nil stored: missing row), in ID
    /// order. Each stored state is looked up as its card is replayed, so neither side is
    /// held whole.
    public func mismatches() throws -> [(id: CardID, stored: CardState?, replayed: CardState?)] {
        try store.readSnapshot {
            var result: [(id: CardID, stored: CardState?, replayed: CardState?)] = []
            try forEachReplayedState { id, replayed in
                let stored = try store.state(of: id)
                if stored != replayed { result.append((id, stored, replayed)) }
            }
            for id in try store.statesWithoutReviews() { result.append((id, try store.state(of: id), nil)) }
            return result.sorted { $0.id < $1.id }
        }
    }

    /// Rewrites stored states from the log in one transaction; returns how many changed.
    /// Each card is replayed and written in turn; a stored state without any review (log
    /// entries undone or lost) goes back to new.
    @discardableResult
    public func rebuild(only: Set<CardID>? = nil) throws -> Int {
        try store.connection.transaction {
            var changed = 0
            func replayEach() throws {
                try forEachReplayedState(only: only) { id, state in
                    guard try store.state(of: id) != state else { return }
                    try store.saveState(state, for: id)
                    changed += 1
                }
            }
            // With no state stored (a first import) every state is a new row: the cards
            // learn that they were introduced in one pass at the end (87,000 states of an
            // Anki import: 3.0 s row by row).
            if try store.hasStates() { try replayEach() } else { try store.withStatesAddedInBulk(replayEach) }
            for id in try store.statesWithoutReviews(of: only) {
                try store.saveState(.new, for: id)
                changed += 1
            }
            return changed
        }
    }

    /// Like `rebuild(only:)` for the cards in `logs`, each given with its whole log in
    /// replay order (an import into an empty log has them in memory already).
    @discardableResult
    public func rebuild(logs: [(CardID, [ReviewEvent])]) throws -> Int {
        try rebuild(eachLog: { body in for (id, events) in logs { try body(id, events) } }).changed
    }

    /// `rebuild(logs:)` with the logs handed over one card at a time by `eachLog`; each
    /// state is written as it is replayed, so the logs are never all held at once.
    @discardableResult
    public func rebuild(eachLog: ((CardID, [ReviewEvent]) throws -> Void) throws -> Void) throws -> (cards: Int, changed: Int) {
        try store.connection.transaction {
            let stored = try store.allStates()
            var cards = 0, changed = 0
            try eachLog { id, events in
                cards += 1
                if try save(scheduler.replay(events, cardID: id.rawValue), for: id, stored: stored) { changed += 1 }
            }
            return (cards, changed)
        }
    }

    /// Stores states replayed elsewhere (`Scheduler.replay` of each card's whole log, by
    /// the same scheduler), handed over one at a time by `eachState`; returns how many
    /// there were and how many changed. `resettingOthers`: the cards given are every card
    /// with a log, so any other stored state goes back to new (as `rebuild()` does).
    public func save(resettingOthers: Bool = false,
                     replayed eachState: ((CardID, CardState) throws -> Void) throws -> Void) throws -> (cards: Int, changed: Int) {
        try store.connection.transaction {
            let stored = try store.allStates()
            // Only a stored state can need a reset: with none (a new machine's import) no
            // set of the 87,000 given cards is made.
            let resetting = resettingOthers && !stored.isEmpty
            var given = Set<CardID>()
            var cards = 0, changed = 0
            func saveEach() throws {
                try eachState { id, state in
                    cards += 1
                    if resetting { given.insert(id) }
                    if try save(state, for: id, stored: stored) { changed += 1 }
                }
            }
            // With no state stored every state given is a new row: the cards learn that
            // they were introduced in one pass at the end.
            if stored.isEmpty { try store.withStatesAddedInBulk(saveEach) } else { try saveEach() }
            for id in stored.keys where resetting && !given.contains(id) {
                try store.saveState(.new, for: id)
                changed += 1
            }
            return (cards, changed)
        }
    }

    /// Every card given has a log, so none of them goes back to new.
    private func save(_ state: CardState, for id: CardID, stored: [CardID: CardState]) throws -> Bool {
        guard stored[id] != state else { return false }
        try store.saveState(state, for: id)
        return true
    }
}
