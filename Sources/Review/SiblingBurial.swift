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
        for row in taken { for key in row.family { claimed[key] = row.id } }
        var kept: [QueueRow] = []
        for row in rows {
            let family = row.family
            let reviewedSibling = family.contains { key in reviewedByKey[key]?.contains { $0 != row.id } ?? false }
            let queuedSibling = family.contains { key in claimed[key].map { $0 != row.id } ?? false }
            if reviewedSibling || queuedSibling { continue }
            for key in family { claimed[key] = row.id }
            kept.append(row)
        }
        return kept
    }
}
