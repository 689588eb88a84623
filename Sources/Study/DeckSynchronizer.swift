import Deck
import Scheduling
import Store
import Timekeeping

/// Brings the database in line with the decks at the start of a run: the embedded
/// outline, registered decks and `--deck` paths. A deck whose files did not change
/// (same size and modification time, or same content hash) is not parsed at all.
/// All parsing happens before the write, and the write is one transaction: every deck to
/// sync is first parsed to its end without keeping its cards (`DeckLoader.check`, so an
/// error is found before anything is written, as when all cards were held), then parsed
/// again inside the transaction, each card written as it comes (`DeckReader`), so a
/// 100k-card deck is never held whole. Should that second reading fail (a file changed
/// in between), the error leaves the transaction and rolls all of it back. `decks add` of a
/// deck with nothing stored yet reads it once instead (`registerReadingOnce`).
public struct DeckSynchronizer {
    public struct Outcome {
        /// Per deck that was re-parsed: what changed.
        public var reports: [(deck: String, report: SyncReport)] = []
        /// Problems with registered decks, which are skipped (their cards kept as they
        /// were) so that one broken file does not block a morning review.
        public var warnings: [String] = []
        /// Cards retired because a `--deck` of an earlier run was not given again.
        public var retiredTransient = 0
        /// What the first reading found, per user deck that was re-parsed (for the
        /// one-line summary of a changed deck).
        public var checks: [(deck: String, source: String, check: DeckCheck)] = []
    }

    public struct EmbeddedFile {
        public let name: String
        public let bytes: [UInt8]

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.bytes = bytes
        }
    }

    /// A built-in deck made by code rather than from Markdown (the `numbers` deck, from
    /// the reference table): its cards are given whole, and its fingerprint is a hash of
    /// them, so it is written again only when a new build changes a card.
    public struct GeneratedDeck {
        public let name: String
        /// What `decks` shows as its source: `builtin:` and the command that prints it.
        public let source: String
        public let cards: [Card]

        public init(name: String, source: String, cards: [Card]) {
            self.name = name
            self.source = source
            self.cards = cards
        }

        var fingerprint: FileFingerprint {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            func mix(_ text: String) {
                for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
                hash = (hash ^ 0x1E) &* 0x0000_0100_0000_01b3
            }
            for card in cards {
                for text in [card.id.rawValue, card.kind.rawValue, card.term, card.front, card.back, card.source.description]
                    + card.section + card.items { mix(text) }
                mix(String(card.order))
            }
            return FileFingerprint(path: source, size: Int64(cards.count), fingerprint: Int64(bitPattern: hash))
        }
    }

    let store: StudyStore
    let now: UnixTime

    /// How a renamed card's state is replayed from its moved log (`StudyStore.sync`): with
    /// the scheduler in effect, read from the settings when the first rename needs it,
    /// which is inside the sync's write transaction.
    let replay: StateReplay

    public init(store: StudyStore, now: UnixTime) {
        self.store = store
        self.now = now
        var scheduler: (any Scheduler)?
        replay = { id, events in
            let active = try scheduler ?? StudyConfiguration.load(from: store).makeScheduler()
            scheduler = active
            return active.replay(events, cardID: id.rawValue)
        }
    }

    private struct Pending {
        let name: String
        let source: String
        let origin: DeckOrigin
        let files: [FileFingerprint]
        /// A reader from the first card, for the write (already checked to the end once).
        let cards: () -> DeckReader
        let check: DeckCheck
    }

    /// Reads a deck once to the end (any error of a single file is thrown) and gives
    /// what the write needs: a reader that widens shared fronts and leaves out the
    /// folder's broken files, and what the reading found.
    static func checked(_ makeReader: @escaping () -> DeckReader) throws(DeckError) -> (cards: () -> DeckReader, check: DeckCheck) {
        let check = try DeckLoader.check(makeReader())
        return ({ check.reader(makeReader()) }, check)
    }

    /// The warnings for a folder's files that were left out.
    static func skippedWarnings(deck: String, _ check: DeckCheck) -> [String] {
        check.skippedFiles.map { "deck '\(deck)': file skipped: \($0)" }
    }

    public func syncAll(embedded: [EmbeddedFile], generated: [GeneratedDeck] = [], transientPaths: [String]) throws -> Outcome {
        var outcome = Outcome()
        var pending: [Pending] = []
        let known = Dictionary(uniqueKeysWithValues: try store.decks().map { ($0.name, $0) })
        // Decks read by older rules are read again, even when their files did not change.
        let rulesChanged = try store.setting(Self.rulesSetting) != OutlineParser.rulesVersion

        for file in embedded {
            let deck = DeckLoader.embedded(name: file.name, bytes: file.bytes)
            if !rulesChanged, try store.fingerprints(deck: deck.name) == Set(deck.files), known[deck.name]?.origin == .embedded { continue }
            let checked = try Self.checked(deck.reader)
            pending.append(Pending(name: deck.name, source: "embedded:" + file.name, origin: .embedded, files: deck.files,
                                   cards: checked.cards, check: checked.check))
        }

        for deck in generated {
            // A user's own deck of that name (registered before the built-in one existed)
            // keeps it: the built-in deck is left out rather than taking its cards over.
            if let existing = known[deck.name], existing.origin != .embedded { continue }
            let fingerprint = deck.fingerprint
            if try store.fingerprints(deck: deck.name) == [fingerprint], known[deck.name] != nil { continue }
            let cards = deck.cards
            let reader: () -> DeckReader = { DeckReader(deck: deck.name, cards: cards) }
            pending.append(Pending(name: deck.name, source: deck.source, origin: .embedded, files: [fingerprint],
                                   cards: reader, check: DeckCheck()))
        }

        for deck in known.values.sorted(by: { $0.sortOrder < $1.sortOrder }) where deck.origin == .registered {
            do {
                let files = try DeckLoader.fingerprints(of: deck.source)
                if !rulesChanged, try store.fingerprints(deck: deck.name) == Set(files) { continue }
                let name = deck.name
                let folder = DeckLoader.folder(of: deck.source)
                let checked = try Self.checked { DeckReader(deck: name, files: files, folder: folder) }
                outcome.warnings += Self.skippedWarnings(deck: name, checked.check)
                pending.append(Pending(name: name, source: deck.source, origin: .registered, files: files,
                                       cards: checked.cards, check: checked.check))
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
                    ? "a built-in deck is already called '\(name)'; rename the file or folder"
                    : "a deck named '\(name)' already comes from \(existing.source); rename the file or folder")
            }
            try Self.refuseSharedCardIDs(name, path: path, among: Array(known.values))
            guard transientNames.insert(name).inserted else {
                throw DeckError.unreadable(path: path, reason: "two --deck paths are both named '\(name)'")
            }
            let files = try DeckLoader.fingerprints(of: source)
            if !rulesChanged, try store.fingerprints(deck: name) == Set(files), known[name] != nil { continue }
            let folder = DeckLoader.folder(of: source)
            let checked = try Self.checked { DeckReader(deck: name, files: files, folder: folder) }
            outcome.warnings += Self.skippedWarnings(deck: name, checked.check)
            pending.append(Pending(name: name, source: source, origin: .transient, files: files,
                                   cards: checked.cards, check: checked.check))
        }

        if !pending.isEmpty || rulesChanged {
            try store.connection.transaction {
                if rulesChanged { try store.setSetting(Self.rulesSetting, OutlineParser.rulesVersion) }
                for deck in pending {
                    var cards = deck.cards()
                    let report = try syncReadingAhead(deck: deck.name, source: deck.source, origin: deck.origin, files: deck.files) {
                        try cards.next()
                    }
                    outcome.reports.append((deck.name, report))
                    if deck.origin != .embedded { outcome.checks.append((deck.name, deck.source, deck.check)) }
                }
            }
        }
        outcome.retiredTransient = try store.retireTransientDecks(except: transientNames)
        return outcome
    }

    /// `store.sync` of one deck, its cards made by `cards` on a second thread while this one
    /// writes them (`Prefetched`): reading and SQLite's inserts are each about half of a
    /// sync. What `cards` captures is the caller's again when this returns or throws.
    private func syncReadingAhead(deck: String, source: String, origin: DeckOrigin, files: [FileFingerprint],
                                  cards: @escaping () throws -> Card?) throws -> SyncReport {
        try Prefetched.reading(cards) { prefetched in
            try store.sync(deck: deck, source: source, origin: origin, files: files, at: now, replay: replay, nextCard: prefetched.next)
        }
    }

    /// The settings key that records which rules the stored cards were made by.
    static let rulesSetting = "deck-rules"

    public func register(path: String) throws -> (name: String, report: SyncReport, cards: Int, check: DeckCheck) {
        let source = FileSystem.absolute(path)
        let name = FileSystem.deckName(for: source)
        try Self.refuseSharedCardIDs(name, path: path, among: try store.decks())
        if let existing = try store.deck(named: name), existing.source != source, existing.origin != .transient {
            let reason = existing.origin == .embedded
                ? "a built-in deck is already called '\(name)'; rename the file or folder"
                : "a deck named '\(name)' is already registered from \(existing.source); rename the file or folder, or remove that deck first"
            throw DeckError.unreadable(path: path, reason: reason)
        }
        let files = try DeckLoader.fingerprints(of: source)
        let folder = DeckLoader.folder(of: source)
        return try store.connection.transaction {
            if try !store.hasCards(deck: name) {
                return try registerReadingOnce(name: name, source: source, files: files, folder: folder)
            }
            let checked = try Self.checked { DeckReader(deck: name, files: files, folder: folder) }
            try Self.refuseIfNoFileRead(checked.check, files: files, folder: folder)
            var cards = checked.cards()
            var count = 0
            let report = try syncReadingAhead(deck: name, source: source, origin: .registered, files: files) {
                let card = try cards.next()
                if card != nil { count += 1 }
                return card
            }
            return (name, report, count, checked.check)
        }
    }

    /// A deck whose name differs from another deck's only in case, spacing or emphasis
    /// marks would make that deck's card IDs and take its cards, history and all.
    static func refuseSharedCardIDs(_ name: String, path: String, among decks: [DeckRecord]) throws(DeckError) {
        if let other = decks.first(where: { $0.name != name && CardID.sameDeckKey($0.name, name) }) {
            throw DeckError.unreadable(path: path, reason: "its deck name '\(name)' and the deck '\(other.name)' differ only in case or marks, "
                + "which would give both the same card IDs; rename the file or folder")
        }
    }

    /// A folder of which not one file could be read is an error, not an empty deck.
    private static func refuseIfNoFileRead(_ check: DeckCheck, files: [FileFingerprint], folder: String?) throws(DeckError) {
        if folder != nil, check.skippedFiles.count == files.count, let first = check.skippedFiles.first {
            throw first
        }
    }

    /// `decks add` of a deck with nothing stored reads it once, writing each card as it
    /// comes, where a re-sync reads it twice (first to find shared fronts, broken files and
    /// renames, then to write). Nothing stored means nothing to compare or rename, and what
    /// the first reading would have found is mended after the last card (`DeckTally`): the
    /// first card of a shared front is widened, the first reverse of a shared prompt and
    /// the cards of a folder's file that failed half-way are taken out. The cards and the
    /// report are the same as the two readings give; an error rolls everything back.
    private func registerReadingOnce(name: String, source: String, files: [FileFingerprint], folder: String?)
        throws -> (name: String, report: SyncReport, cards: Int, check: DeckCheck) {
        var reader = DeckReader(deck: name, files: files, folder: folder)
        reader.failedFilesKeepTheirOrders = false
        var tally = DeckTally()
        var written = 0
        var currentFile: [CardID] = []
        var retracted: [CardID] = []
        func nextCard() throws -> Card? {
            while true {
                let before = (retracted: reader.retracted.all, file: reader.fileIndex)
                let card = try reader.next()
                if reader.retracted.all != before.retracted {
                    retracted += currentFile
                    currentFile = []
                }
                if reader.fileIndex != before.file { currentFile = [] }
                guard let card else { return nil }
                let kept: Card
                switch tally.see(card) {
                case .leaveOut: continue
                case .widen: kept = card.withWidenedFront()
                case .keep: kept = card
                }
                written += 1
                if folder != nil { currentFile.append(kept.id) }
                return kept
            }
        }
        // About 54 bytes of Markdown per card in the bench's outline; 100 is a safe guess.
        let bulk = try store.shouldBuildIDIndexesAtTheEnd(expectedCards: Int(files.reduce(0) { $0 + $1.size } / 100))
        func write() throws -> SyncReport {
            try syncReadingAhead(deck: name, source: source, origin: .registered, files: files, cards: nextCard)
        }
        var report = try store.withSmallerPageCache { try bulk ? store.withIDIndexesBuiltAtTheEnd(write) : write() }
        let check = tally.check(of: reader)
        try Self.refuseIfNoFileRead(check, files: files, folder: folder)
        try store.replaceFronts(of: tally.firstsToWiden, deck: name) { $0.withWidenedFront().front }
        let dropped = try store.dropNewCards(retracted + tally.firstsToLeaveOut, deck: name)
        report.inserted -= dropped
        return (name, report, written - dropped, check)
    }
}
