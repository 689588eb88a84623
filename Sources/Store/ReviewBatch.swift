import Deck
import Scheduling
import Timekeeping

/// Many reviews packed for an import: the IDs' bytes in one buffer and each card as a
/// number into a table of the distinct card IDs. A million `ReviewRecord`s are two
/// million small strings (IDs and card IDs), which cost more to make, hash and free
/// than the whole insert; packed they are three arrays.
public struct ReviewBatch: Sendable {
    struct Entry: Sendable {
        var idStart: Int
        var idCount: Int32
        /// Index into `cards`.
        var card: Int32
        var at: UnixTime
        var durationMs: Int64
        var grade: UInt8
    }

    private(set) var entries: [Entry] = []
    private(set) var idBytes: [UInt8] = []
    /// The distinct cards, in the order they first appear.
    public private(set) var cards: [CardID] = []
    private var cardNumbers: [CardID: Int32] = [:]

    public init() {}

    public init(_ reviews: [ReviewRecord]) {
        for review in reviews { append(review) }
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// Room for about `count` reviews of IDs about `idLength` bytes long.
    public mutating func reserveCapacity(_ count: Int, idLength: Int = 36) {
        entries.reserveCapacity(count)
        idBytes.reserveCapacity(count * idLength)
    }

    /// The number of `card` in `cards`, adding it when new.
    public mutating func cardNumber(_ card: CardID) -> Int32 {
        if let number = cardNumbers[card] { return number }
        let number = Int32(cards.count)
        cards.append(card)
        cardNumbers[card] = number
        return number
    }

    public mutating func append(_ review: ReviewRecord) {
        let card = cardNumber(review.cardID)
        var id = review.id
        id.withUTF8 { append(id: $0, card: card, at: review.at, grade: review.grade, durationMs: review.durationMs) }
    }

    /// Appends a review whose card is `cards[card]` (see `cardNumber`).
    public mutating func append(id: UnsafeBufferPointer<UInt8>, card: Int32, at: UnixTime, grade: Quality, durationMs: Int64) {
        precondition(card >= 0 && Int(card) < cards.count, "card number out of range")
        entries.append(Entry(idStart: idBytes.count, idCount: Int32(id.count), card: card, at: at, durationMs: durationMs,
                             grade: UInt8(grade.rawValue)))
        idBytes.append(contentsOf: id)
    }

    public subscript(index: Int) -> ReviewRecord {
        let entry = entries[index]
        return ReviewRecord(id: id(index), cardID: cards[Int(entry.card)], at: entry.at,
                            grade: Quality(rawValue: Int(entry.grade))!, durationMs: entry.durationMs)
    }

    public func id(_ index: Int) -> String {
        let entry = entries[index]
        return String(decoding: idBytes[entry.idStart..<entry.idStart + Int(entry.idCount)], as: UTF8.self)
    }

    /// The number of review `index`'s card in `cards`.
    public func card(_ index: Int) -> Int32 { entries[index].card }
    public func at(_ index: Int) -> UnixTime { entries[index].at }
    public func event(_ index: Int) -> ReviewEvent {
        ReviewEvent(at: entries[index].at, quality: Quality(rawValue: Int(entries[index].grade))!)
    }

    /// Calls `body` with the bytes of review `index`'s ID (valid only during the call).
    public func withID<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let entry = entries[index]
        return try idBytes.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[entry.idStart..<entry.idStart + Int(entry.idCount)]))
        }
    }
}

extension ReviewBatch: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { entries.count }
}
