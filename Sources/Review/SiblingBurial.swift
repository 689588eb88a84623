import Deck
import Store

/// Siblings are buried for the day, as Anki's "bury siblings" does: a card and the cards
/// made from it (its reverse, a comparison it is part of), or made from the same card,
/// are not shown on the same study day. A family is the set of IDs a card shares with its
/// siblings: its own and those of the cards it is made from.
struct SiblingBurial {
    /// For each ID of a family reviewed today, a card reviewed today that holds it, and
    /// whether a second one does too (then every card of that family had its turn). A set
    /// of holders per ID cost an allocation for each of 30k cards failed after a break.
    private let reviewedByKey: [CardID: (holder: CardID, another: Bool)]
    /// Each family ID of the cards kept so far, with the card that holds it.
    private var claimed: [CardID: CardID] = [:]

    init(reviewedToday: [(id: CardID, from: [CardID])]) {
        var byKey: [CardID: (holder: CardID, another: Bool)] = [:]
        byKey.reserveCapacity(reviewedToday.count)
        func add(_ key: CardID, _ card: CardID) {
            if let entry = byKey[key] {
                if entry.holder != card { byKey[key] = (entry.holder, true) }
            } else {
                byKey[key] = (card, false)
            }
        }
        for card in reviewedToday {
            add(card.id, card.id)
            for key in card.from { add(key, card.id) }
        }
        reviewedByKey = byKey
    }

    /// `rows` without the cards whose family had its turn: a sibling reviewed today, or a
    /// sibling kept earlier (by this call, in the queue's order of priority, or an earlier
    /// one); the families of the cards kept are claimed for later calls.
    mutating func keepingOnePerFamily(_ rows: [QueueRow]) -> [QueueRow] {
        claimed.reserveCapacity(claimed.count + rows.count)
        var kept: [QueueRow] = []
        kept.reserveCapacity(rows.count)
        for row in rows where keeps(row) {
            kept.append(row)
        }
        return kept
    }

    /// Whether `row` is kept (its family did not have its turn); if so, its family is
    /// claimed for the rows that come after it.
    mutating func keeps(_ row: QueueRow) -> Bool {
        // The family is the card's ID and its sources', looked at one by one: a queue of
        // 30k cards after a break made two arrays per card here.
        func isClaimed(_ key: CardID) -> Bool {
            if let holder = claimed[key], holder != row.id { return true }
            guard let reviewed = reviewedByKey[key] else { return false }
            return reviewed.holder != row.id || reviewed.another
        }
        if isClaimed(row.id) || row.from.contains(where: isClaimed) { return false }
        claimed[row.id] = row.id
        for key in row.from { claimed[key] = row.id }
        return true
    }
}
