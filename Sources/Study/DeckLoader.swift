import Deck
import Store

/// What reading a whole deck once found, before anything is written.
public struct DeckCheck: Sendable {
    public var cards = 0
    /// Fronts (`Card.frontKey`) that two or more cards would share: those cards show their
    /// whole section path instead.
    public var sharedFronts: Set<UInt64> = []
    /// Reverse cards whose prompt another reverse has too (two terms with one answer):
    /// neither can be answered, so both are left out.
    public var sharedReversePrompts: Set<UInt64> = []
    /// The cards written in the Markdown (the others are made from them).
    public var writtenCards = 0
    /// Files of a folder that were left out, each with its error.
    public var skippedFiles: [DeckError] = []
    /// Blocks that made no card.
    public var notes: [DeckNote] = []
    /// Weak prompts (counted, not kept), without the fronts two cards share: those are
    /// widened by the write (the linter itself tells which remain).
    public var weakPrompts = 0

    public init() {}

    /// `fresh` (a reader of the same deck that has not started) set for the write: the
    /// broken files left out, the shared fronts widened.
    public func reader(_ fresh: DeckReader) -> DeckReader {
        var reader = fresh
        reader.widening = sharedFronts
        reader.leavingOut = sharedReversePrompts
        reader.skipping = Set(skippedFiles.map(\.path))
        return reader
    }
}

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

    /// The folder of a deck source, or nil for a single file.
    public static func folder(of path: String) -> String? {
        FileSystem.info(path)?.isFolder == true ? path : nil
    }

    /// Parses every file of a deck, in deck order, after checking it (so fronts two cards
    /// would share are widened, and a folder's broken files are left out). All the cards at
    /// once: the sync reads them one at a time (`DeckReader`) instead.
    public static func parse(deck name: String, files: [FileFingerprint], folder: String? = nil) throws(DeckError) -> [Card] {
        let fresh = DeckReader(deck: name, files: files, folder: folder)
        var reader = try check(fresh).reader(fresh)
        var cards: [Card] = []
        while let card = try reader.next() { cards.append(card) }
        // Deck order: file order, then position in the file (list cards come last from a reader).
        cards.sort { $0.order < $1.order }
        return cards
    }

    /// Parses a deck to the end without keeping its cards: its first error (a single
    /// file), or what the sync needs to know before writing (see `DeckCheck`).
    public static func check(_ reader: DeckReader) throws(DeckError) -> DeckCheck {
        var reader = reader
        var tally = DeckTally()
        while let card = try reader.next() { _ = tally.see(card) }
        return tally.check(of: reader)
    }

    static func contentHash(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}

/// The cards of a deck one at a time: its files in order, each read when its turn comes
/// and parsed by an `OutlineReader`, numbered on across files (deck order). A single file
/// is strict: any error is the deck's. In a folder every file is its own section root (the
/// same term in two files is two cards), and a file with an error is left out: its cards
/// stop, the error is kept in `skippedFiles`, and the next file is read. Until `next()`
/// returns nil a deck may still turn out to have an error, so whoever writes cards as
/// they come does so in a transaction (see `DeckSynchronizer`), after a first reading
/// (`DeckLoader.check`) that finds the broken files to leave out of the second.
public struct DeckReader {
    private enum Source {
        case files([FileFingerprint])
        case embedded([UInt8], file: String)
        /// Cards made by code (`DeckSynchronizer.GeneratedDeck`), handed out as they are.
        case cards([Card])
    }

    private let deck: String
    private let source: Source
    /// The folder the files are in, for a folder deck.
    private let folder: String?
    /// Fronts that another card shares (`Card.frontKey`): shown with the whole path.
    var widening: Set<UInt64>
    /// Files left out (a folder's broken files, found by a first reading).
    var skipping: Set<String> = []
    /// Reverse cards left out (`DeckCheck.sharedReversePrompts`).
    var leavingOut: Set<UInt64> = []
    /// The file being read (its index in the deck's files).
    public private(set) var fileIndex = 0
    /// Whether a file that fails after handing out cards leaves a gap in the orders of the
    /// files after it. A writer that drops that file's cards (a sync that reads once) sets
    /// this false, so the later files are numbered as in a reading that left the file out.
    var failedFilesKeepTheirOrders = true
    private var current: OutlineReader?
    /// Added to the orders of the current file's cards.
    private var offset = 0
    public private(set) var skippedFiles: [DeckError] = []
    private var finishedNotes: [DeckNote] = []
    /// Cards of the current file handed out so far, and of files that failed after some.
    private var handedOut = (written: 0, all: 0)
    public private(set) var retracted = (written: 0, all: 0)

    public init(deck: String, files: [FileFingerprint], folder: String? = nil, widening: Set<UInt64> = []) {
        self.deck = deck
        source = .files(files)
        self.folder = folder
        self.widening = widening
    }

    init(deck: String, embedded bytes: [UInt8], file: String, widening: Set<UInt64> = []) {
        self.deck = deck
        source = .embedded(bytes, file: file)
        folder = nil
        self.widening = widening
    }

    /// A reader of cards already made (a generated built-in deck).
    public init(deck: String, cards: [Card]) {
        self.deck = deck
        source = .cards(cards)
        folder = nil
        widening = []
    }

    /// Blocks that made no card, in the files read so far.
    public var notes: [DeckNote] { finishedNotes + (current?.notes ?? []) }

    private var fileCount: Int {
        switch source {
        case .files(let files): return files.count
        case .embedded: return 1
        case .cards: return 0
        }
    }

    /// The next card, or nil at the end of the deck.
    public mutating func next() throws(DeckError) -> Card? {
        if case .cards(let cards) = source {
            guard fileIndex < cards.count else { return nil }
            fileIndex += 1
            return cards[fileIndex - 1]
        }
        while true {
            if current == nil {
                guard fileIndex < fileCount else { return nil }
                if case .files(let files) = source, skipping.contains(files[fileIndex].path) {
                    fileIndex += 1
                    continue
                }
                do {
                    current = try openFile(fileIndex)
                } catch {
                    guard folder != nil else { throw error }
                    skippedFiles.append(error)
                    fileIndex += 1
                    continue
                }
            }
            let card: Card?
            do {
                card = try current!.next()
            } catch {
                guard folder != nil else { throw error }
                skippedFiles.append(error)
                retracted.written += handedOut.written
                retracted.all += handedOut.all
                handedOut = (0, 0)
                finishedNotes += current!.notes
                if failedFilesKeepTheirOrders { offset += current!.lastOrder + 1 }
                current = nil
                fileIndex += 1
                continue
            }
            if var card {
                if !leavingOut.isEmpty, let prompt = card.reversePromptKey, leavingOut.contains(prompt) { continue }
                if !widening.isEmpty, widening.contains(card.frontKey) { card = card.withWidenedFront() }
                handedOut.all += 1
                if !card.kind.isDerived { handedOut.written += 1 }
                return offset == 0 ? card : card.withOrder(offset + card.order)
            }
            // Keep deck order across files: file order, then position in the file.
            handedOut = (0, 0)
            finishedNotes += current!.notes
            offset += current!.lastOrder + 1
            current = nil
            fileIndex += 1
        }
    }

    private func openFile(_ index: Int) throws(DeckError) -> OutlineReader {
        switch source {
        case .files(let files):
            let path = files[index].path
            guard let folder else { return try OutlineParser(deck: deck, file: path).reader(for: try FileSystem.read(path)) }
            let key = Self.key(of: path, in: folder)
            return try OutlineParser(deck: deck, file: path, fileKey: key, fileTitle: Self.title(forKey: key))
                .reader(for: try FileSystem.read(path))
        case .embedded(let bytes, let file):
            return try OutlineParser(deck: deck, file: file).reader(for: bytes)
        case .cards:
            preconditionFailure("a reader of made cards opens no file")
        }
    }

    /// `path` inside `folder`, without `.md`: "pastebin/README".
    static func key(of path: String, in folder: String) -> String {
        var relative = path
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        if relative.hasPrefix(prefix) { relative = String(relative.dropFirst(prefix.count)) }
        for suffix in [".md", ".markdown", ".MD"] where relative.hasSuffix(suffix) {
            relative = String(relative.dropLast(suffix.count))
        }
        return relative
    }

    /// The name a file's cards are headed by when it has no heading of its own: its name
    /// with dashes and underscores as spaces ("rate-limiter" -> "rate limiter"); a README
    /// or index is named by its folder.
    static func title(forKey key: String) -> String {
        var parts = key.split(separator: "/").map(String.init)
        if parts.count > 1, let last = parts.last?.lowercased(), last == "readme" || last == "index" { parts.removeLast() }
        let name = parts.last ?? key
        return String(name.map { $0 == "-" || $0 == "_" ? " " : $0 })
    }
}
