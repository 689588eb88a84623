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
    public static func embedded(name fileName: String, bytes: [UInt8]) -> (name: String, files: [FileFingerprint], reader: () -> DeckReader) {
        let name = FileSystem.deckName(for: fileName)
        let display = "Content/" + fileName
        let fingerprint = FileFingerprint(path: display, size: Int64(bytes.count), fingerprint: Int64(bitPattern: contentHash(bytes)))
        return (name, [fingerprint], { DeckReader(deck: name, embedded: bytes, file: display) })
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
    /// naming both places. All the cards at once: the sync reads them one at a time
    /// (`DeckReader`) instead.
    public static func parse(deck name: String, files: [FileFingerprint]) throws(DeckError) -> [Card] {
        var reader = DeckReader(deck: name, files: files)
        var cards: [Card] = []
        while let card = try reader.next() { cards.append(card) }
        // Deck order: file order, then position in the file (list cards come last from a reader).
        cards.sort { $0.order < $1.order }
        return cards
    }

    /// Parses a deck to the end without keeping its cards: every error it has, or how many
    /// cards it has.
    public static func check(_ reader: DeckReader) throws(DeckError) -> Int {
        var reader = reader
        var count = 0
        while try reader.next() != nil { count += 1 }
        return count
    }

    static func contentHash(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}

/// The cards of a deck one at a time: its files in order, each read when its turn comes
/// and parsed by an `OutlineReader`, numbered on across files (deck order). A card ID
/// used twice, even across files, is an error naming both places; as when each file was
/// parsed whole, a file's own errors come before a clash with an earlier file, and the
/// clash reported is its first card in deck order. Until `next()` returns nil a deck may
/// still turn out to have an error, so whoever writes cards as they come does so in a
/// transaction (see `DeckSynchronizer`).
public struct DeckReader {
    private enum Source {
        case files([FileFingerprint])
        case embedded([UInt8], file: String)
    }

    private let deck: String
    private let source: Source
    private var fileIndex = 0
    private var current: OutlineReader?
    /// Added to the orders of the current file's cards.
    private var offset = 0
    /// Where each ID was first seen, when there are several files.
    private var firstPlace: [CardID: SourceLocation] = [:]
    /// The current file's first card (in deck order) whose ID an earlier file has.
    private var clash: (card: Card, first: SourceLocation)?

    public init(deck: String, files: [FileFingerprint]) {
        self.deck = deck
        source = .files(files)
    }

    init(deck: String, embedded bytes: [UInt8], file: String) {
        self.deck = deck
        source = .embedded(bytes, file: file)
    }

    private var fileCount: Int {
        switch source {
        case .files(let files): return files.count
        case .embedded: return 1
        }
    }

    /// The next card, or nil at the end of the deck.
    public mutating func next() throws(DeckError) -> Card? {
        while true {
            if current == nil {
                guard fileIndex < fileCount else { return nil }
                current = try openFile(fileIndex)
            }
            if let card = try current!.next() {
                if fileCount == 1 { return card }
                if let first = firstPlace[card.id] {
                    // Not handed out: the deck fails once this file is read to its end.
                    if clash == nil || card.order < clash!.card.order { clash = (card, first) }
                    continue
                }
                firstPlace[card.id] = card.source
                return Card(id: card.id, deck: card.deck, section: card.section, kind: card.kind, term: card.term,
                            front: card.front, back: card.back, items: card.items, source: card.source,
                            order: offset + card.order, links: card.links)
            }
            if let clash {
                throw .duplicateCard(path: clash.card.source.file, line: clash.card.source.line, firstPath: clash.first.file,
                                     firstLine: clash.first.line, term: clash.card.term)
            }
            // Keep deck order across files: file order, then position in the file.
            offset += current!.lastOrder + 1
            current = nil
            fileIndex += 1
        }
    }

    private func openFile(_ index: Int) throws(DeckError) -> OutlineReader {
        switch source {
        case .files(let files):
            return try OutlineParser(deck: deck, file: files[index].path).reader(for: try FileSystem.read(files[index].path))
        case .embedded(let bytes, let file):
            return try OutlineParser(deck: deck, file: file).reader(for: bytes)
        }
    }
}
