import Deck
import Store

/// The reviews of a file merged into the log by ID, as a JSON import and an Anki import
/// both do: each is looked up, then the new ones appended in the file's order; from
/// `bulkReviews` new ones on, as a whole history (`BulkReviewLoad`: indexes built once at
/// the end; one by one, a million reviews took 40 s). Runs inside the caller's transaction.
struct ReviewMerge {
    /// For each review of the batch, whether it was new (and is now in the log), already
    /// there, or there with other content.
    let presence: [ReviewPresence]
    /// The cards that got a review.
    let touched: Set<CardID>
    var added = 0, alreadyPresent = 0, conflicting = 0

    /// `foreignKeysOff`: the caller's transaction does not check references, so the cards
    /// of the reviews added are looked up here (the bulk load looks up its own).
    init(_ reviews: ReviewBatch, into store: StudyStore, bulkReviews: Int, foreignKeysOff: Bool) throws {
        var presence = try store.presence(of: reviews)
        let inBulk = presence.lazy.filter({ $0 == .absent }).count >= bulkReviews
        if inBulk {
            // Not for a file whose reviews are here already: the log's indexes would be
            // rebuilt for nothing.
            try store.insertAbsentReviewsInBulk(reviews, presence: presence)
        } else {
            // Only a batch that repeats an ID (never a validated file, never a revlog, whose
            // IDs are its primary key) gets any back.
            for index in try store.insertAbsentReviews(reviews, presence: presence) {
                let existing = try store.review(id: reviews.id(index))
                presence[index] = existing == reviews[index] ? .same : .conflicting
            }
        }
        var touched = Set<CardID>()
        for (index, state) in presence.enumerated() {
            switch state {
            case .absent:
                added += 1
                touched.insert(reviews.cards[Int(reviews.card(index))])
            case .same:
                alreadyPresent += 1
            case .conflicting:
                alreadyPresent += 1
                conflicting += 1
            }
        }
        if foreignKeysOff && !inBulk { try store.requireCards(touched) }
        self.presence = presence
        self.touched = touched
    }
}
