import Deck

/// The cards a review session will show, in order. A session takes cards from the front
/// and sometimes puts one back there (an undo); an array's `removeFirst` moved every card
/// behind the first each time, and after a break, with 30,000 cards due, that was a fifth
/// of a 300-answer review's work. Here taking the first card moves nothing: taken cards
/// stay in `storage` below `start` until they are half of it.
struct CardLine {
    private var storage: [CardID]
    /// Where the line starts in `storage`.
    private var start = 0

    init(_ cards: [CardID]) {
        storage = cards
    }

    var isEmpty: Bool { start == storage.count }
    var count: Int { storage.count - start }

    /// The first `length` cards (all of them when the line is shorter).
    func prefix(_ length: Int) -> ArraySlice<CardID> {
        storage[start..<min(storage.count, start + max(0, length))]
    }

    /// Takes the first card; the line must not be empty.
    mutating func removeFirst() -> CardID {
        let card = storage[start]
        start += 1
        // Dropping the taken cards costs as many moves as there are cards left, and is done
        // once that many were taken: one move per card taken, on average.
        if start >= Self.compactionThreshold && start * 2 >= storage.count {
            storage.removeFirst(start)
            start = 0
        }
        return card
    }

    /// Puts `card` first.
    mutating func insertFirst(_ card: CardID) {
        if start > 0 {
            start -= 1
            storage[start] = card
        } else {
            storage.insert(card, at: 0)
        }
    }

    mutating func append(_ card: CardID) {
        storage.append(card)
    }

    /// Removes the last card; the line must not be empty.
    mutating func removeLast() {
        precondition(!isEmpty, "the line is empty")
        storage.removeLast()
    }

    /// Where `card` stands, the first card at 0, in order.
    func positions(of card: CardID) -> [Int] {
        (start..<storage.count).filter { storage[$0] == card }.map { $0 - start }
    }

    mutating func removeAll(_ card: CardID) {
        storage[start...].removeAll { $0 == card }
    }

    /// Puts `card` at `position` (0: first), moving the cards from there on back one.
    mutating func insert(_ card: CardID, at position: Int) {
        storage.insert(card, at: start + position)
    }

    /// How many taken cards are kept before they are dropped (small lines never drop).
    static let compactionThreshold = 1_024
}
