import Deck
import Scheduling
import Store
import Timekeeping

/// The reviews of a streamed import (`ProgressImport.streamed`), appended to the log as
/// the reader checks them, with what the replay needs kept packed: per review its card's
/// number, time and grade (13 bytes; a million reviews as `ReviewRecord`s were ~200 MB).
final class ReviewStream {
    private let load: BulkReviewLoad
    /// Each card's number, by the value of its 16 hex digits.
    private var numbers: [UInt64: Int32] = [:]
    /// The card IDs' text, 16 bytes per card number, to bind from.
    private var cardText: [UInt8] = []
    /// The distinct cards the reviews name (`KnownCards.value`), in the order they first appear.
    private(set) var cardValues: [UInt64] = []
    private(set) var cards: [Int32] = []
    private(set) var times: [UnixTime] = []
    private(set) var grades: [UInt8] = []
    /// The first database error; nothing is appended after it.
    private(set) var failure: (any Error)?

    /// `expected`: about how many reviews may come (room is reserved, which costs no
    /// memory until used).
    init(load: BulkReviewLoad, expected: Int) {
        self.load = load
        cards.reserveCapacity(expected)
        times.reserveCapacity(expected)
        grades.reserveCapacity(expected)
    }

    var count: Int { cards.count }

    func add(id: UnsafeBufferPointer<UInt8>, card: UInt64, at: UnixTime, grade: Int, durationMs: Int64) {
        guard failure == nil else { return }
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
        do {
            try cardText.withUnsafeBufferPointer { text in
                let start = Int(number) * 16
                try load.append(id: id, card: UnsafeBufferPointer(rebasing: text[start..<start + 16]), at: at, grade: grade,
                                durationMs: durationMs)
            }
        } catch {
            failure = error
            return
        }
        cards.append(number)
        times.append(at)
        grades.append(UInt8(grade))
    }

    /// Frees what the replay needed (before the log's indexes are built).
    func dropEvents() {
        cards = []
        times = []
        grades = []
        numbers = [:]
    }

    /// Calls `body` with each card's log in replay order (time, then file order), one
    /// card at a time; grouped by a counting sort, so no table of arrays is built.
    func forEachLog(_ body: (CardID, [ReviewEvent]) throws -> Void) rethrows {
        var starts = [Int32](repeating: 0, count: cardValues.count + 1)
        for card in cards { starts[Int(card) + 1] += 1 }
        for card in cardValues.indices { starts[card + 1] += starts[card] }
        var next = starts
        var order = [Int32](repeating: 0, count: cards.count)
        for (index, card) in cards.enumerated() {
            order[Int(next[Int(card)])] = Int32(index)
            next[Int(card)] += 1
        }
        var events: [ReviewEvent] = []
        for card in cardValues.indices {
            var indexes = order[Int(starts[card])..<Int(starts[card + 1])]
            // An export lists reviews by time already; a hand-made file may not.
            if zip(indexes, indexes.dropFirst()).contains(where: { times[Int($0)] > times[Int($1)] }) {
                indexes.sort { (times[Int($0)], $0) < (times[Int($1)], $1) }
            }
            events.removeAll(keepingCapacity: true)
            for index in indexes {
                events.append(ReviewEvent(at: times[Int(index)], quality: Quality(rawValue: Int(grades[Int(index)]))!))
            }
            try body(KnownCards.cardID(cardValues[card]), events)
        }
    }
}
