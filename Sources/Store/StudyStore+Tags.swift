import Deck

extension StudyStore {
    /// Replaces a card's tags (an imported card's tags follow its latest import).
    public func replaceTags(of cardID: CardID, with tags: [String]) throws {
        try connection.transaction {
            try connection.run("DELETE FROM card_tags WHERE card_id = ?1", [cardID.rawValue])
            let insert = try connection.prepare("INSERT OR IGNORE INTO card_tags(card_id, tag) VALUES (?1, ?2)")
            for tag in tags { try insert.run([cardID.rawValue, tag]) }
        }
    }

    /// A card's tags, sorted.
    public func tags(of cardID: CardID) throws -> [String] {
        try connection.prepare("SELECT tag FROM card_tags WHERE card_id = ?1 ORDER BY tag").map([cardID.rawValue]) { $0.string(0) }
    }

    /// Every card's tags, for the export.
    public func allTags() throws -> [CardID: [String]] {
        var result: [CardID: [String]] = [:]
        try connection.prepare("SELECT card_id, tag FROM card_tags ORDER BY card_id, tag").forEach {
            result[$0.cardID(0), default: []].append($0.string(1))
        }
        return result
    }
}
