import Deck

/// What a sync that reads its deck once (`DeckSynchronizer.register` of a new deck) does
/// after the last card: the cards it wrote before a later card showed that they share a
/// front or a prompt are mended, and the cards of a folder's file that failed half-way are
/// taken out again. All of it runs inside the sync's transaction.
extension StudyStore {
    /// Whether any card, retired or not, belongs to `deck`.
    public func hasCards(deck: String) throws -> Bool {
        try connection.prepare("SELECT EXISTS (SELECT 1 FROM cards WHERE deck = ?1)").first([deck]) { $0.bool(0) } ?? false
    }

    /// Runs `body` with a 10 MiB page cache instead of 16. The first sync of a deck keeps
    /// its tally of fronts and prompts (`DeckTally`, ~10 MiB for 190,000 cards) while it
    /// writes, where a second reading used to free it first; the cache gives up that much so
    /// a 10 MB deck stays under 64 MiB. Measured on the bench's outline: the same user time.
    public func withSmallerPageCache<T>(_ body: () throws -> T) throws -> T {
        try connection.execute(script: "PRAGMA cache_size = -10240;")
        defer { try? connection.execute(script: Self.standardCacheSize) }
        return try body()
    }

    /// Gives each of `ids` (cards of `deck`) the front `newFront` makes of it.
    public func replaceFronts(of ids: [CardID], deck: String, with newFront: (Card) -> String) throws {
        guard !ids.isEmpty else { return }
        try connection.transaction {
            let read = try connection.prepare(Self.selectCard + " WHERE c.id = ?1 AND c.deck = ?2")
            let update = try connection.prepare("UPDATE cards SET front = ?2 WHERE id = ?1")
            for id in ids {
                guard let card = try read.first([id.rawValue, deck], { Self.decodeCard($0).card }) else { continue }
                let front = newFront(card)
                if front != card.front { try update.run([id.rawValue, front]) }
            }
        }
    }

    /// Deletes cards of `deck` that this transaction inserted and nothing refers to yet
    /// (no state, no review), with their source rows. Returns how many cards went.
    public func dropNewCards(_ ids: [CardID], deck: String) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try connection.transaction {
            let droppable = try connection.prepare("""
                SELECT EXISTS (SELECT 1 FROM cards WHERE id = ?1 AND deck = ?2)
                    AND NOT EXISTS (SELECT 1 FROM card_state WHERE card_id = ?1)
                    AND NOT EXISTS (SELECT 1 FROM review_log WHERE card_id = ?1)
                """)
            // The source rows first: they refer to the card.
            let sources = try connection.prepare("DELETE FROM card_sources WHERE card_id = ?1")
            let card = try connection.prepare("DELETE FROM cards WHERE id = ?1")
            var dropped = 0
            for id in ids where try droppable.first([id.rawValue, deck], { $0.bool(0) }) == true {
                try sources.run([id.rawValue])
                try card.run([id.rawValue])
                dropped += 1
            }
            return dropped
        }
    }
}
