import Deck
import Interop
import Scheduling
import Store
import Study
import Timekeeping

/// `sysdrill export --format apkg`: the active cards with their reviews and states as a
/// legacy Anki package (`AnkiPackageWriter`). The section path becomes a hierarchical
/// tag (`Caching::Redis`, spaces as `_`), next to the tags an Anki import brought.
public enum AnkiExport {
    public struct Result: Sendable {
        public let bytes: [UInt8]
        public let cards: Int
        public let reviews: Int
    }

    public static func package(from store: StudyStore, configuration: StudyConfiguration, now: UnixTime) throws -> Result {
        try store.readSnapshot {
            let cards = try store.cards().map(\.card)
            let states = try store.allStates()
            let suspended = try store.cards(marked: .suspended)
            let labels = try store.allTags()
            let active = Set(cards.map(\.id))
            var reviews: [CardID: [ReviewRecord]] = [:]
            try store.forEachReview { review in
                if active.contains(review.cardID) { reviews[review.cardID, default: []].append(review) }
            }
            let exported = cards.map { card in
                AnkiExportCard(id: card.id, deck: card.deck, front: card.front, back: card.back,
                               tags: tags(section: card.section, labels: labels[card.id] ?? []),
                               suspended: suspended.contains(card.id), state: states[card.id],
                               reviews: reviews[card.id] ?? [])  // in time order, as the log is read
            }
            let bytes = try AnkiPackageWriter.package(cards: exported, now: now, scheduler: configuration.makeScheduler())
            return Result(bytes: bytes, cards: exported.count, reviews: exported.reduce(0) { $0 + $1.reviews.count })
        }
    }

    /// Anki tags have no spaces; `::` makes them a hierarchy.
    static func tags(section: [String], labels: [String]) -> [String] {
        func clean(_ text: String) -> String {
            String(text.map { $0 == " " || $0 == "\u{3000}" || $0 == "\t" ? "_" : $0 })
        }
        var tags = section.isEmpty ? [] : [section.map(clean).joined(separator: "::")]
        for label in labels where !tags.contains(clean(label)) { tags.append(clean(label)) }
        return tags
    }
}
