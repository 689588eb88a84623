import Deck
import Store

/// A deck ready to sync: where it comes from, the files' fingerprints and, once parsed,
/// its cards.
public struct LoadedDeck: Sendable {
    public let name: String
    public let source: String
    public let origin: DeckOrigin
    public let files: [FileFingerprint]
    public let cards: [Card]
}

/// Reads decks from the embedded content and from files or folders, parsing only what
/// changed since the last run.
public enum DeckLoader {
    /// The embedded decks (Content/*.md). `fingerprint` is a content hash, so a new
    /// build with an edited outline re-syncs once.
    public static func embedded(name fileName: String, bytes: [UInt8]) throws(DeckError) -> (name: String, files: [FileFingerprint], parse: () throws(DeckError) -> [Card]) {
        let name = FileSystem.deckName(for: fileName)
        let display = "Content/" + fileName
        let fingerprint = FileFingerprint(path: display, size: Int64(bytes.count), fingerprint: Int64(bitPattern: contentHash(bytes)))
        return (name, [fingerprint], { () throws(DeckError) -> [Card] in
            try OutlineParser(deck: name, file: display).parse(bytes)
        })
    }

    /// Fingerprints of a deck file or folder on disk (nil values when missing).
    public static func fingerprints(of path: String) throws(DeckError) -> [FileFingerprint] {
        guard let info = FileSystem.info(path) else { throw .missingFile(path: path) }
        let files = info.isFolder ? FileSystem.markdownFiles(in: path) : [path]
        if info.isFolder && files.isEmpty {
            throw .unreadable(path: path, reason: "no Markdown (.md) files in this folder")
        }
        return files.compactMap { file in
            FileSystem.info(file).map { FileFingerprint(path: file, size: $0.size, fingerprint: $0.modified) }
        }
    }

    /// Parses every file of a deck; a card ID used twice (even across files) is an error
    /// naming both places.
    public static func parse(deck name: String, files: [FileFingerprint]) throws(DeckError) -> [Card] {
        // One file: the parser already refuses a duplicate ID and numbers cards from the
        // start, so its cards are the answer (no second copy, no second ID table).
        if files.count == 1 {
            return try OutlineParser(deck: name, file: files[0].path).parse(try FileSystem.read(files[0].path))
        }
        var cards: [Card] = []
        var firstPlace: [CardID: SourceLocation] = [:]
        var offset = 0
        for file in files {
            let parsed = try OutlineParser(deck: name, file: file.path).parse(try FileSystem.read(file.path))
            for card in parsed {
                if let first = firstPlace[card.id] {
                    throw .duplicateCard(path: card.source.file, line: card.source.line, firstPath: first.file,
                                         firstLine: first.line, term: card.term)
                }
                firstPlace[card.id] = card.source
                // Keep deck order across files: file order, then position in the file.
                cards.append(Card(id: card.id, deck: card.deck, section: card.section, kind: card.kind, term: card.term,
                                  front: card.front, back: card.back, items: card.items, source: card.source,
                                  order: offset + card.order))
            }
            offset += (parsed.map(\.order).max() ?? 0) + 1
        }
        return cards
    }

    static func contentHash(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}
