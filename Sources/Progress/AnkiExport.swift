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
        public let cards: Int
        public let reviews: Int
        /// The package's size.
        public let bytes: Int
    }

    /// Writes the package to `sink` in pieces, card by card: each card's state and
    /// reviews are read as it is written (all of them at once, with every card and the
    /// package held whole, took 842 MB for 190k cards and a million reviews).
    public static func write(from store: StudyStore, configuration: StudyConfiguration, now: UnixTime,
                             to sink: @escaping ([UInt8]) throws -> Void) throws -> Result {
        try store.readSnapshot {
            let contents = try store.deckContents().filter { $0.value.active > 0 }
            let suspended = try store.cards(marked: .suspended)
            let labels = try store.allTags()
            let count = contents.values.reduce(0) { $0 + $1.active }
            let source = AnkiPackageWriter.Source(count: count, decks: Set(contents.keys),
                                                  earliestReview: try store.earliestReviewOfActiveCards()) { body in
                try store.forEachCard { stored in
                    let card = stored.card
                    try body(AnkiExportCard(id: card.id, deck: card.deck, front: card.front, back: card.back,
                                            tags: tags(section: card.section, labels: labels[card.id] ?? []),
                                            suspended: suspended.contains(card.id), state: try store.state(of: card.id),
                                            reviews: try store.reviews(of: card.id)))  // in time order
                }
            }
            let written = try AnkiPackageWriter.write(source, now: now, scheduler: configuration.makeScheduler(), to: sink)
            return Result(cards: count, reviews: written.reviews, bytes: written.bytes)
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
