/// The decks a command looks at (`--only NAME`, repeatable): every deck, or only the
/// named ones. Queries take it as one bound parameter, the names as a JSON array for
/// `json_each`, or NULL for every deck, so no query text is built from a name.
public struct DeckScope: Sendable, Hashable {
    /// nil: every deck.
    public let names: [String]?

    public init(_ names: [String]?) {
        self.names = names
    }

    public static let every = DeckScope(nil)

    public var isEvery: Bool { names == nil }

    public func contains(_ deck: String) -> Bool {
        names?.contains(deck) ?? true
    }

    /// The bound value: `["a","b"]` for `json_each(?N)`, or NULL for every deck.
    var parameter: String? {
        names.map { "[" + $0.map(Self.quoted).joined(separator: ",") + "]" }
    }

    /// A JSON string literal (deck names are file names: quotes, backslashes and
    /// control characters are possible, if unlikely).
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
