/// What other programs' cards need from this module: an identity made from the other
/// program's own stable identity, and HTML entities decoded the way card text is.
extension CardID {
    /// The ID of a card brought in from another program, hashed from the parts that
    /// identify it there (Anki: `anki`, the note's GUID, the card's ordinal), so the same
    /// card brought in twice has the same ID, whatever its text.
    public init(foreign parts: [String]) {
        var state = CardID.fnv1a("foreign".utf8, continuing: CardID.fnvOffsetBasis)
        for part in parts {
            state = CardID.fnv1a(CollectionOfOne(0x1F), continuing: state)
            state = CardID.fnv1a(part.utf8, continuing: state)
        }
        self.init(number: CardID.avalanche(state))
    }
}

extension InlineMarkdown {
    /// The text of an HTML entity without its `&` and `;` (`amp`, `#233`, `#x2014`), or
    /// nil when it is not one this module knows.
    public static func decodeEntity(_ name: String) -> String? {
        Renderer.decode(entity: name)
    }
}
