import Study
import Deck
import Scheduling
import Store
import Timekeeping

/// The reviews of a streamed import (`ProgressImport.streamed`) as the reader checks
/// them: handed to a second thread that appends them to the log (`ReviewInserter`), and
/// replayed card by card as they come (`LiveReplay`), so nothing per review is kept.
final class ReviewStream {
    private let inserter: ReviewInserter
    private let replay: LiveReplay
    /// Each card's number, by the value of its 16 hex digits.
    private var numbers: [UInt64: Int32] = [:]
    /// The card IDs' text, 16 bytes per card number, to bind from.
    private var cardText: [UInt8] = []
    /// The distinct cards the reviews name (`KnownCards.value`), in the order they first
    /// appear: the numbering of `LiveReplay`'s states.
    private(set) var cardValues: [UInt64] = []
    private(set) var count = 0

    init(load: BulkReviewLoad, replay: LiveReplay, threaded: Bool = true) {
        inserter = ReviewInserter(load: load, threaded: threaded)
        self.replay = replay
    }

    func add(id: UnsafeBufferPointer<UInt8>, card: UInt64, at: UnixTime, grade: Int, durationMs: Int64) {
        let number: Int32
        if let known = numbers[card] {
            number = known
        } else {
            number = Int32(cardValues.count)
            numbers[card] = number
            cardValues.append(card)
            var id = KnownCards.cardID(card).rawValue
            id.withUTF8 { cardText.append(contentsOf: $0) }
        }
        cardText.withUnsafeBufferPointer { text in
            let start = Int(number) * 16
            let cardID = UnsafeBufferPointer(rebasing: text[start..<start + 16])
            inserter.append(id: id, card: cardID, at: at, grade: grade, durationMs: durationMs)
            // Here rather than on the inserting thread, which has as much to do as this one.
            replay.apply(card: Int(number), cardID: cardID, at: at, quality: Quality(rawValue: grade)!)
        }
        count += 1
    }

    /// Waits until every review is in the log and replayed (see `ReviewInserter`) and
    /// rethrows a database error; the connection is the caller's again. Safe to call more
    /// than once.
    func finish() throws {
        try inserter.finish()
        numbers = [:]
    }
}
