import Timekeeping

/// Which algorithm schedules cards.
public enum SchedulerKind: String, Sendable, CaseIterable, Codable {
    case sm2, fsrs
}

/// A pure scheduling algorithm: the next state from the current one and a review.
/// `fuzzSeed` makes interval fuzz deterministic (derived from the card ID and the review
/// count by the caller via `FuzzSeed`), so replaying a log always gives the same states.
public protocol Scheduler: Sendable {
    var kind: SchedulerKind { get }
    func next(_ state: CardState, review: ReviewEvent, fuzzSeed: UInt64) -> CardState
}

extension Scheduler {
    /// The state after replaying `reviews` (in time order) from a new card.
    public func replay(_ reviews: [ReviewEvent], cardID: String) -> CardState {
        var state = CardState.new
        for (index, review) in reviews.enumerated() {
            state = next(state, review: review, fuzzSeed: FuzzSeed.make(cardID: cardID, reviewIndex: index))
        }
        return state
    }

    /// What each of the four buttons would do now (for the "next interval" hints).
    public func preview(_ state: CardState, at time: UnixTime, fuzzSeed: UInt64) -> [(Rating, CardState)] {
        Rating.allCases.map { ($0, next(state, review: ReviewEvent(at: time, quality: $0.quality), fuzzSeed: fuzzSeed)) }
    }
}

public enum FuzzSeed {
    /// FNV-1a over the card ID and the number of reviews before this one.
    public static func make(cardID: String, reviewIndex: Int) -> UInt64 {
        make(cardHash: cardHash(cardID.utf8), reviewIndex: reviewIndex)
    }

    /// The part of the seed that depends on the card only (its ID's UTF-8 bytes), for a
    /// replay that makes many seeds of one card.
    public static func cardHash<Bytes: Sequence<UInt8>>(_ cardID: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in cardID {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// `make(cardID:reviewIndex:)` from the card's `cardHash`.
    public static func make(cardHash: UInt64, reviewIndex: Int) -> UInt64 {
        var hash = cardHash
        var index = UInt64(truncatingIfNeeded: reviewIndex)
        for _ in 0..<8 {
            hash = (hash ^ (index & 0xff)) &* 0x0000_0100_0000_01b3
            index >>= 8
        }
        return hash
    }
}
