import Deck
import Review
import Scheduling
import Store
import Timekeeping

/// The cards `due` and the overview list, in queue order (today's queue, then the
/// learning cards due later today), read from the store a batch at a time. After a break
/// 30,000 cards are due: holding them all with their text took `due --json` to 109 MiB,
/// and the text listing shows only the first ten.
struct DueListing {
    struct Entry {
        let id: String
        let front: String
        let phase: Phase
        /// nil for a new card.
        let due: UnixTime?
    }

    let store: StudyStore
    /// Built with `loadingCards: false`: the IDs, order and counts; with `forListing: true`
    /// also where each card was read from (a long listing reads its cards by row, a short
    /// one looks its few up by ID).
    let today: TodayQueue
    static let batch = 512

    var count: Int { today.queue.cardIDs.count + today.queue.laterToday.count }

    /// Calls `body` with the first `limit` entries, in order.
    func forEach(limit: Int = .max, _ body: (Entry) throws -> Void) throws {
        let queued = today.queue.cardIDs, later = today.queue.laterToday
        let ids = queued + later.map(\.id)
        let reader = try store.listedCardReader()
        var start = 0
        while start < min(limit, ids.count) {
            let end = min(start + Self.batch, limit, ids.count)
            // By row where the queue read the card's row, by ID for the rest (and for a row
            // that no longer holds the card): a query for each of the two.
            let entries = ids[start..<end].map { text -> (id: CardID, row: ListingRow?) in
                let id = CardID(rawValue: text)
                return (id, today.listingRows[id])
            }
            let loaded = try reader.cards(entries)
            let missing = zip(entries, loaded).compactMap { $1 == nil ? $0.id : nil }
            let byID = missing.isEmpty ? [:] : try store.listedCards(missing)
            for index in start..<end {
                let entry = loaded[index - start] ?? byID[CardID(rawValue: ids[index])]
                let phase = entry?.phase ?? .new
                let due = index < queued.count ? (phase == .new ? nil : entry?.due) : later[index - queued.count].due
                try body(Entry(id: ids[index], front: entry?.front ?? "", phase: phase, due: due))
            }
            start = end
        }
    }
}
