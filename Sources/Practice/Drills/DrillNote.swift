import JSONText

/// A note typed during a drill: for a phase, or for one probe of the deep dive.
public struct DrillNote: Sendable, Equatable {
    public let part: DrillPart
    /// 1-based number of the probe it answers; nil for a phase's note.
    public let probe: Int?
    public let text: String

    public init(part: DrillPart, probe: Int? = nil, text: String) {
        self.part = part
        self.probe = probe
        self.text = text
    }

    public var json: JSONValue {
        var object: JSONObject = ["phase": .string(part.rawValue)]
        if let probe { object.set("probe", JSONValue(probe)) }
        object.set("text", .string(text))
        return .object(object)
    }

    /// The store keeps notes as this JSON text (`DrillResultRecord.notesJSON`).
    public static func encode(_ notes: [DrillNote]) -> String {
        JSONValue.array(notes.map(\.json)).serialized()
    }

    /// Notes from their stored JSON; anything unreadable is left out (the notes are a
    /// record for the learner, not something a drill depends on).
    public static func decode(_ text: String) -> [DrillNote] {
        guard let values = (try? JSONParser.parse(text))?.arrayValue else { return [] }
        return values.compactMap { value in
            guard let phase = value["phase"]?.stringValue, let part = DrillPart(rawValue: phase),
                  let text = value["text"]?.stringValue else { return nil }
            return DrillNote(part: part, probe: value["probe"]?.integerValue.map(Int.init), text: text)
        }
    }
}
