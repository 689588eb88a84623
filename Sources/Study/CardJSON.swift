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
        object.set("id", .string(card.id.rawValue))
        object.set("deck", .string(card.deck))
        object.set("section", JSONValue(card.section))
        object.set("kind", .string(card.kind.rawValue))
        object.set("term", .string(card.term))
        object.set("front", .string(card.front))
        object.set("back", .string(card.back))
        if !card.items.isEmpty { object.set("items", JSONValue(card.items)) }
        object.set("links", JSONValue(card.links))
        // A card made from other cards names them (reverse: its definition; comparison: its members).
        if !card.from.isEmpty { object.set("from", JSONValue(card.from.map(\.rawValue))) }
        if includeSource {
            object.set("source", ["file": .string(card.source.file), "line": JSONValue(card.source.line)])
        }
        if let retired { object.set("retired", .bool(retired)) }
        if let tags {
            object.set("suspended", .bool(tags.suspended))
            object.set("flagged", .bool(tags.flagged))
            object.set("leech", .bool(tags.leech))
        }
        return object
    }
}
