import Deck
import JSONText
import Store

/// The JSON form of a card shared by `cards --json` and `card ID --json`. (The progress
/// export writes its own card objects, without `links`: cards are made again from the
/// decks, and the import's fast card reader relies on the export's exact shape.)
public enum CardJSON {
    /// What `cards --json` and `card ID --json` say about a card besides its text.
    public struct Tags: Hashable, Sendable {
        public var suspended: Bool
        public var flagged: Bool
        public var leech: Bool

        public init(suspended: Bool, flagged: Bool, leech: Bool) {
            self.suspended = suspended
            self.flagged = flagged
            self.leech = leech
        }
    }

    public static func object(_ card: Card, retired: Bool? = nil, tags: Tags? = nil, includeSource: Bool = true) -> JSONObject {
        var object = JSONObject()
        entries(card, retired: retired, tags: tags, includeSource: includeSource, into: &object)
        return object
    }

    /// The card's entries in their documented order, given to `sink`: held in a
    /// `JSONObject` (`object`), or written at once by a `PrettyObjectWriter` (`cards
    /// --json`, which lists every card).
    public static func entries<Sink: JSONEntries>(_ card: Card, retired: Bool? = nil, tags: Tags? = nil, includeSource: Bool = true,
                                                  into sink: inout Sink) {
        sink.string("id", card.id.rawValue)
        sink.string("deck", card.deck)
        sink.strings("section", card.section)
        sink.string("kind", card.kind.rawValue)
        sink.string("term", card.term)
        sink.string("front", card.front)
        sink.string("back", card.back)
        if !card.items.isEmpty { sink.strings("items", card.items) }
        sink.strings("links", card.links)
        // A card made from other cards names them (reverse: its definition; comparison: its members).
        if !card.from.isEmpty { sink.strings("from", card.from.map(\.rawValue)) }
        if includeSource {
            sink.object("source") { source in
                source.string("file", card.source.file)
                source.integer("line", Int64(card.source.line))
            }
        }
        if let retired { sink.bool("retired", retired) }
        if let tags {
            sink.bool("suspended", tags.suspended)
            sink.bool("flagged", tags.flagged)
            sink.bool("leech", tags.leech)
        }
    }
}
