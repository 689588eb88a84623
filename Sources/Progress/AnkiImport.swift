import Deck
import Interop
import JSONText
import Scheduling
import Store
import Study
import Timekeeping

/// What an Anki import did (or, in a dry run, would do).
public struct AnkiImportReport: Sendable {
    public var dryRun = false
    public var format: ImportFileFormat = .ankiCollection
    public var notes = 0
    public var ankiCards = 0
    /// Per sysdrill deck: its name and how many cards it got from the file.
    public var decks: [(name: String, cards: Int)] = []
    public var cardsAdded = 0
    public var cardsUpdated = 0
    public var cardsUnchanged = 0
    /// Cards of an imported deck that the file no longer has (deleted in Anki): retired.
    public var cardsRetired = 0
    public var skippedCards: [(reason: String, count: Int)] = []
    public var revlogEntries = 0
    public var reviewsAdded = 0
    public var reviewsAlreadyPresent = 0
    /// Reviews whose ID is here already with other content: the local one is kept.
    public var reviewsConflicting = 0
    public var skippedReviews: [(reason: String, count: Int)] = []
    public var cardsReplayed = 0
    public var statesChanged = 0
    public var scheduler: SchedulerKind = .sm2

    public init() {}

    public var json: JSONObject {
        [
            "format": .string(format.rawValue),
            "dry_run": .bool(dryRun),
            "notes": JSONValue(notes),
            "decks": .array(decks.map { ["name": .string($0.name), "cards": JSONValue($0.cards)] }),
            "cards": ["in_file": JSONValue(ankiCards), "added": JSONValue(cardsAdded), "updated": JSONValue(cardsUpdated),
                      "unchanged": JSONValue(cardsUnchanged), "retired": JSONValue(cardsRetired),
                      "skipped": .array(skippedCards.map { ["reason": .string($0.reason), "count": JSONValue($0.count)] })],
            "reviews": ["in_file": JSONValue(revlogEntries), "added": JSONValue(reviewsAdded),
                        "already_present": JSONValue(reviewsAlreadyPresent), "conflicting": JSONValue(reviewsConflicting),
                        "skipped": .array(skippedReviews.map { ["reason": .string($0.reason), "count": JSONValue($0.count)] })],
            "states": ["scheduler": .string(scheduler.rawValue), "cards_replayed": JSONValue(cardsReplayed),
                       "changed": JSONValue(statesChanged)],
        ]
    }
}

/// Brings an Anki collection into the store: its decks as imported decks, its graded
/// reviews merged by ID, and the state of every card that got reviews replayed with the
/// active scheduler. One transaction: anything wrong leaves the database as it was, and a
/// dry run does all of it and rolls it back, so its report is exact.
public struct AnkiImport {
    let store: StudyStore
    /// From how many new reviews they go in as a whole history (`BulkReviewLoad`).
    let bulkReviews: Int

    /// `bulkReviews` is for tests, which take the bulk way with small collections.
    public init(store: StudyStore, bulkReviews: Int = ProgressImport.bulkReviews) {
        self.store = store
        self.bulkReviews = bulkReviews
    }

    /// `path`: the file as the user named it (messages); `source`: its absolute path,
    /// recorded as the decks' source.
    public func run(_ collection: AnkiCollection, format: ImportFileFormat, path: String, source: String,
                    configuration: StudyConfiguration, now: UnixTime, dryRun: Bool) throws -> AnkiImportReport {
        var report = AnkiImportReport()
        report.dryRun = dryRun
        report.format = format
        report.notes = collection.noteCount
        report.ankiCards = collection.cardCount
        report.revlogEntries = collection.revlogCount
        report.scheduler = configuration.scheduler.kind
        do {
            return try store.connection.transaction {
                var cards = try syncCards(collection, path: path, source: source, now: now, report: &report)
                // Keyed by ID, as in a JSON import; foreign keys are on in this transaction.
                let touched = try mergeReviews(collection, cards: &cards, report: &report)
                // The settings in effect now, read inside this write transaction: a scheduler
                // changed in another terminal since the caller read them is the one replayed.
                let active = try StudyConfiguration.load(from: store)
                report.scheduler = active.scheduler.kind
                let rebuilder = StateRebuilder(store: store, scheduler: active.makeScheduler())
                report.cardsReplayed = touched.count
                report.statesChanged = touched.isEmpty ? 0 : try rebuilder.rebuild(only: touched)
                if dryRun { throw AnkiDryRunRollback(report: report) }
                return report
            }
        } catch let rollback as AnkiDryRunRollback {
            return rollback.report
        }
    }

    /// The collection's cards, in one pass in note order, each written to its deck as it
    /// is mapped (a `DeckSync` per deck, all open at once), with its note's tags. Returns
    /// what each Anki card became, for the reviews.
    func syncCards(_ collection: AnkiCollection, path: String, source: String, now: UnixTime,
                   report: inout AnkiImportReport) throws -> ImportedAnkiCards {
        let existing = Dictionary(uniqueKeysWithValues: try store.decks().map { ($0.name, $0) })
        var mapper = AnkiCardMapper(notetypes: collection.notetypes, decks: collection.decks)
        var imported = ImportedAnkiCards()
        var syncs: [(name: String, sync: DeckSync, cards: Int)] = []
        var deckNumbers: [String: Int] = [:]
        var skippedCards: [String: Int] = [:]
        try collection.forEachCard { ankiCard, note in
            switch mapper.map(ankiCard, note: note) {
            case .skipped(let reason):
                skippedCards[reason, default: 0] += 1
                imported.skip(ankiCard.id)
            case .card(let card, let tags):
                let number: Int
                if let known = deckNumbers[card.deck] {
                    number = known
                } else {
                    if let known = existing[card.deck], known.origin != .imported {
                        throw InteropError.badInput(path: path, reason: "its deck '\(card.deck)' has the name of a deck you already have "
                            + "(\(known.origin.rawValue), from \(known.source)); rename the deck in Anki or remove yours with "
                            + "'sysdrill decks remove \(card.deck)'")
                    }
                    number = syncs.count
                    deckNumbers[card.deck] = number
                    syncs.append((card.deck, try store.beginSync(deck: card.deck, source: "anki:" + source, origin: .imported, at: now), 0))
                }
                try syncs[number].sync.add(card)
                syncs[number].cards += 1
                try store.replaceTags(of: card.id, with: tags)
                imported.add(ankiCard.id, as: card.id)
            }
        }
        for number in syncs.indices {
            let sync = try syncs[number].sync.finish(files: [])
            report.cardsAdded += sync.inserted + sync.revived
            report.cardsUpdated += sync.updated
            report.cardsUnchanged += sync.unchanged
            report.cardsRetired += sync.retired
        }
        report.decks = syncs.map { ($0.name, $0.cards) }
        report.skippedCards = skippedCards.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return imported
    }

    /// The revlog's graded entries merged into the log by ID as they are read
    /// (`StreamedReviewMerge`); the cards that got a review are returned. A log with rowids
    /// out of that merge's range takes the whole-batch way (`ReviewMerge`). `cards` is
    /// emptied once the log is read, before the new reviews go in and are indexed.
    func mergeReviews(_ collection: AnkiCollection, cards: inout ImportedAnkiCards,
                      report: inout AnkiImportReport) throws -> Set<CardID> {
        let skipped: [String: Int]
        let touched: Set<CardID>
        if let merge = try store.beginStreamedReviewMerge() {
            skipped = try AnkiMapping.forEachReview(collection, card: cards.card, wasSkipped: cards.wasSkipped) { review in
                var id = review.id
                id.withUTF8 { id in
                    review.cardID.withUTF8 { merge.add(id: id, card: $0, at: review.at, grade: review.grade.rawValue, durationMs: review.durationMs) }
                }
            }
            cards = ImportedAnkiCards()
            let outcome = try merge.finish(bulkReviews: bulkReviews)
            report.reviewsAdded = merge.added
            report.reviewsAlreadyPresent = merge.alreadyPresent
            report.reviewsConflicting = outcome.conflicting
            touched = outcome.touched
        } else {
            var batch = ReviewBatch()
            skipped = try AnkiMapping.forEachReview(collection, card: cards.card, wasSkipped: cards.wasSkipped) { batch.append($0) }
            cards = ImportedAnkiCards()
            let merge = try ReviewMerge(batch, into: store, bulkReviews: bulkReviews, foreignKeysOff: false)
            report.reviewsAdded = merge.added
            report.reviewsAlreadyPresent = merge.alreadyPresent
            report.reviewsConflicting = merge.conflicting
            touched = merge.touched
        }
        report.skippedReviews = skipped.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return touched
    }
}

/// What each Anki card of a collection became: the sysdrill card's ID by Anki card ID, kept
/// as the value of its 16 hex digits (8 bytes instead of a string each), and the Anki
/// cards that were skipped.
struct ImportedAnkiCards {
    private var values: [Int64: UInt64] = [:]
    /// IDs that are not 16 hex digits (not made by `CardID(foreign:)` today, but kept exact).
    private var others: [Int64: CardID] = [:]
    private var skipped: Set<Int64> = []

    mutating func add(_ ankiCard: Int64, as card: CardID) {
        if let value = KnownCards.value(card) { values[ankiCard] = value } else { others[ankiCard] = card }
    }

    mutating func skip(_ ankiCard: Int64) {
        skipped.insert(ankiCard)
    }

    func card(_ ankiCard: Int64) -> CardID? {
        values[ankiCard].map(KnownCards.cardID) ?? others[ankiCard]
    }

    func wasSkipped(_ ankiCard: Int64) -> Bool {
        skipped.contains(ankiCard)
    }
}

/// Thrown at the end of a dry run so the transaction rolls everything back.
struct AnkiDryRunRollback: Error {
    let report: AnkiImportReport
}
