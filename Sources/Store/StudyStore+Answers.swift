import Deck
import Scheduling
import Timekeeping

extension StudyStore {
    /// Records an answer: in one `BEGIN IMMEDIATE` transaction, reads the card's stored
    /// state, computes the next one with `nextState`, appends the review and saves the
    /// state. Reading inside the write lock means two sessions answering the same card
    /// never build on a stale state: the stored state always equals the log's replay.
    @discardableResult
    public func recordAnswer(_ review: ReviewRecord, nextState: (CardState) -> CardState) throws -> (before: CardState, after: CardState) {
        let (_, before, after) = try recordAnswer(of: review.cardID) { stored in (review, nextState(stored)) }
        return (before, after)
    }

    /// `recordAnswer` where the review itself is made from the stored state (its time
    /// depends on the card's last review); returns the review recorded.
    public func recordAnswer(of cardID: CardID, _ makeAnswer: (CardState) -> (ReviewRecord, CardState)) throws
        -> (review: ReviewRecord, before: CardState, after: CardState) {
        try connection.transaction {
            let before = try state(of: cardID) ?? .new
            let (review, after) = makeAnswer(before)
            guard review.cardID == cardID, try insertReview(review) else {
                throw StoreError.inconsistent("review \(review.id) is already in the log")
            }
            try saveState(after, for: cardID)
            return (review, before, after)
        }
    }

    /// Undo: removes a review and recomputes the card's state from what remains of its
    /// log (`replay` gets the remaining reviews in order), in one transaction. Replaying
    /// rather than restoring a remembered state keeps answers given meanwhile by another
    /// session. Returns the new state.
    @discardableResult
    public func removeReview(id: String, cardID: CardID, replay: ([ReviewEvent]) -> CardState) throws -> CardState {
        try connection.transaction {
            try connection.run("DELETE FROM review_log WHERE id = ?1", [id])
            guard connection.changes == 1 else { throw StoreError.inconsistent("review \(id) is not in the log (already undone?)") }
            let state = replay(try reviews(of: cardID).map(\.event))
            try saveState(state, for: cardID)
            return state
        }
    }
}
