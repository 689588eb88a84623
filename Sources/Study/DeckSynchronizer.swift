import Deck
import Store
import Timekeeping

/// Brings the database in line with the decks at the start of a run: the embedded
/// outline, registered decks and `--deck` paths. A deck whose files did not change
/// (same size and modification time, or same content hash) is not parsed at all.
/// All parsing happens before the write, and the write is one transaction.
public struct DeckSynchronizer {
    public struct Outcome {
        /// Per deck that was re-parsed: what changed.
        public var reports: [(deck: String, report: SyncReport)] = []
        /// Problems with registered decks, which are skipped (their cards kept as they
        /// were) so that one broken file does not block a morning review.
        public var warnings: [String] = []
        /// Cards retired because a `--deck` of an earlier run was not given again.
        public var retiredTransient = 0
    }

    public struct EmbeddedFile {
        public let name: String
        public let bytes: [UInt8]

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    let store: StudyStore
    let now: UnixTime

    public init(store: StudyStore, now: UnixTime) {
        self.store = store
        self.now = now
    }

    private struct Pending {
        let name: String
        let source: String
        let origin: DeckOrigin
        let files: [FileFingerprint]
        let cards: [Card]
    }

    public func syncAll(embedded: [EmbeddedFile], transientPaths: [String]) throws -> Outcome {
        var outcome = Outcome()
        var pending: [Pending] = []
        let known = Dictionary(uniqueKeysWithValues: try store.decks().map { ($0.name, $0) })

        for file in embedded {
            let deck = try DeckLoader.embedded(name: file.name, bytes: file.bytes)
            if try store.fingerprints(deck: deck.name) == Set(deck.files), known[deck.name]?.origin == .embedded { continue }
            pending.append(Pending(name: deck.name, source: "embedded:" + file.name, origin: .embedded, files: deck.files,
                                   cards: try deck.parse()))
        }

        for deck in known.values.sorted(by: { $0.sortOrder < $1.sortOrder }) where deck.origin == .registered {
            do {
                let files = try DeckLoader.fingerprints(of: deck.source)
                if try store.fingerprints(deck: deck.name) == Set(files) { continue }
                pending.append(Pending(name: deck.name, source: deck.source, origin: .registered, files: files,
                                       cards: try DeckLoader.parse(deck: deck.name, files: files)))
            } catch let error as DeckError {
                outcome.warnings.append("deck '\(deck.name)' skipped: \(error)")
            }
        }

        var transientNames = Set<String>()
        for path in transientPaths {
            let source = FileSystem.absolute(path)
            let name = FileSystem.deckName(for: source)
            if let existing = known[name], existing.source != source || existing.origin != .transient {
                if existing.origin == .registered && existing.source == source {
                    continue  // already registered: synced above
                }
                throw DeckError.unreadable(path: path, reason: existing.origin == .embedded
                    ? "the built-in outline is already called '\(name)'; rename the file or folder"
                    : "a deck named '\(name)' already comes from \(existing.source); rename the file or folder")
            }
            guard transientNames.insert(name).inserted else {
                throw DeckError.unreadable(path: path, reason: "two --deck paths are both named '\(name)'")
            }
            let files = try DeckLoader.fingerprints(of: source)
            if try store.fingerprints(deck: name) == Set(files), known[name] != nil { continue }
            pending.append(Pending(name: name, source: source, origin: .transient, files: files,
                                   cards: try DeckLoader.parse(deck: name, files: files)))
        }

        if !pending.isEmpty {
            try store.connection.transaction {
                for deck in pending {
                    let report = try store.sync(deck: deck.name, source: deck.source, origin: deck.origin, files: deck.files,
                                                cards: deck.cards, at: now)
                    outcome.reports.append((deck.name, report))
                }
            }
        }
        outcome.retiredTransient = try store.retireTransientDecks(except: transientNames)
        return outcome
    }

    /// `decks add PATH`: parses the deck completely (any error: nothing written), then
    /// registers and syncs it in one transaction.
    public func register(path: String) throws -> (name: String, report: SyncReport, cards: Int) {
        let source = FileSystem.absolute(path)
        let name = FileSystem.deckName(for: source)
        if let existing = try store.deck(named: name), existing.source != source, existing.origin != .transient {
            let reason = existing.origin == .embedded
                ? "the built-in outline is already called '\(name)'; rename the file or folder"
                : "a deck named '\(name)' is already registered from \(existing.source); rename the file or folder, or remove that deck first"
            throw DeckError.unreadable(path: path, reason: reason)
        }
        let files = try DeckLoader.fingerprints(of: source)
        let cards = try DeckLoader.parse(deck: name, files: files)
        let report = try store.sync(deck: name, source: source, origin: .registered, files: files, cards: cards, at: now)
        return (name, report, cards.count)
    }
}
