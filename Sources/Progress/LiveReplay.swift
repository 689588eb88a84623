import Study
import Scheduling
import Timekeeping

/// Card states replayed as a history's reviews arrive, one review at a time, instead of
/// from each card's whole log once all are in: a million reviews never need to be kept
/// or grouped by card (13 MB and a sort).
///
/// It gives `Scheduler.replay`'s states exactly when each card's reviews arrive in replay
/// order (time, then arrival), as an export lists them. A card with a review older than
/// one before it is marked `outOfOrder`, and its state must be replayed from the log.
final class LiveReplay {
    let scheduler: any Scheduler
    /// Per card number (`ReviewStream`'s numbering).
    private(set) var states: [CardState] = []
    private var counts: [Int32] = []
    private var lastTimes: [UnixTime] = []
    private var cardHashes: [UInt64] = []
    private(set) var outOfOrder: [Bool] = []

    init(scheduler: any Scheduler) {
        self.scheduler = scheduler
    }

    /// Applies a review of card `card` (numbers come in order: 0, 1, 2, ... as cards first
    /// appear), whose ID is `cardID`.
    func apply(card: Int, cardID: UnsafeBufferPointer<UInt8>, at: UnixTime, quality: Quality) {
        precondition(card <= states.count, "card numbers come in order")
        if card == states.count {
            states.append(.new)
            counts.append(0)
            lastTimes.append(at)
            cardHashes.append(FuzzSeed.cardHash(cardID))
            outOfOrder.append(false)
        }
        guard !outOfOrder[card] else { return }
        if at < lastTimes[card] {
            outOfOrder[card] = true
            return
        }
        lastTimes[card] = at
        let seed = FuzzSeed.make(cardHash: cardHashes[card], reviewIndex: Int(counts[card]))
        states[card] = scheduler.next(states[card], review: ReviewEvent(at: at, quality: quality), fuzzSeed: seed)
        counts[card] += 1
    }
}
