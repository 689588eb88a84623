import Deck
import JSONText
import Store

/// The JSON form of a card shared by `cards --json`, `card ID --json` and the export.
public enum CardJSON {
    public static func object(_ card: Card, retired: Bool? = nil, includeSource: Bool = true) -> JSONObject {
        var object = JSONObject()
        object.set("id", .string(card.id.rawValue))
        object.set("deck", .string(card.deck))
        object.set("section", JSONValue(card.section))
        object.set("kind", .string(card.kind.rawValue))
        object.set("term", .string(card.term))
        object.set("front", .string(card.front))
        object.set("back", .string(card.back))
        if !card.items.isEmpty { object.set("items", JSONValue(card.items)) }
        if includeSource {
            object.set("source", ["file": .string(card.source.file), "line": JSONValue(card.source.line)])
        }
        if let retired { object.set("retired", .bool(retired)) }
        return object
    }
}
