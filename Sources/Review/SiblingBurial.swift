import Deck
import Store

/// Siblings are buried for the day, as Anki's "bury siblings" does: a card and the cards
/// made from it (its reverse, a comparison it is part of), or made from the same card,
/// are not shown on the same study day. A family is the set of IDs a card shares with its
/// siblings: its own and those of the cards it is made from.
struct SiblingBurial {
    /// For each ID of a family reviewed today, the cards reviewed today that hold it.
    private let reviewedByKey: [CardID: Set<CardID>]

    init(reviewedToday: [(id: CardID, from: [CardID])]) {
        var byKey: [CardID: Set<CardID>] = [:]
        for card in reviewedToday {
            for key in [card.id] + card.from { byKey[key, default: []].insert(card.id) }
        }
        reviewedByKey = byKey
    }

    /// `rows` without the cards whose family had its turn: a sibling reviewed today, or a
    /// sibling earlier in `taken` or in `rows` (which are in the queue's order of priority).
    func keepingOnePerFamily(_ rows: [QueueRow], after taken: [QueueRow] = []) -> [QueueRow] {
        var claimed: [CardID: CardID] = [:]  // family ID -> the card that has it today
        claimed.reserveCapacity(taken.count + rows.count)
        for row in taken {
            claimed[row.id] = row.id
            for key in row.from { claimed[key] = row.id }
        }
        var kept: [QueueRow] = []
        kept.reserveCapacity(rows.count)
        // The family is the card's ID and its sources', looked at one by one: a queue of
        // 30k cards after a break made two arrays per card here.
        func isClaimed(_ key: CardID, by id: CardID) -> Bool {
            if let holder = claimed[key], holder != id { return true }
            return reviewedByKey[key]?.contains { $0 != id } ?? false
        }
        for row in rows {
            if isClaimed(row.id, by: row.id) || row.from.contains(where: { isClaimed($0, by: row.id) }) { continue }
            claimed[row.id] = row.id
            for key in row.from { claimed[key] = row.id }
            kept.append(row)
        }
        return kept
    }
}
