import Study
import Deck
import JSONText
import Scheduling
import Store
import Timekeeping

/// What an import did (or, in a dry run, would do).
public struct ImportReport: Sendable {
    public struct SettingDifference: Hashable, Sendable {
        public let key: ConfigKey
        public let local: String
        public let file: String
    }

    public var dryRun = false
    public var exportedAt: UnixTime = 0
    public var cardsInFile = 0
    /// Cards unknown to the local decks, kept as retired cards with the file's text.
    public var cardsAdded = 0
    /// Terms of the added cards, in file order (for the summary).
    public var addedTerms: [String] = []
    public var renamesInFile = 0
    /// Renames new here: the history this database had of the old card moved to the new one.
    public var renamesApplied = 0
    public var marksInFile = 0
    /// Suspends and flags newer than this database's (or new here), now recorded.
    public var marksApplied = 0
    public var reviewsInFile = 0
    public var reviewsAdded = 0
    public var reviewsAlreadyPresent = 0
    /// Reviews whose ID is here already but with other content: the local one is kept.
    public var reviewsConflicting = 0
    public var quizResultsInFile = 0
    public var quizResultsAdded = 0
    public var drillsInFile = 0
    public var drillsAdded = 0
    /// Known drills replaced by a copy saved later (finished on the other machine).
    public var drillsUpdated = 0
    /// Cards whose log was replayed, and how many of their stored states changed.
    public var cardsReplayed = 0
    public var statesChanged = 0
    /// The scheduler the states were replayed with.
    public var scheduler: SchedulerKind = .sm2
    /// Where the file's scheduler settings differ from the ones in effect before.
    public var settingDifferences: [SettingDifference] = []
    public var settingsApplied = false

    public init() {}

    public var json: JSONObject {
        [
            "dry_run": .bool(dryRun),
            "exported_at": .string(ISO8601.format(exportedAt)),
            "cards": ["in_file": JSONValue(cardsInFile), "added_retired": JSONValue(cardsAdded),
                      "known": JSONValue(cardsInFile - cardsAdded)],
            "renames": ["in_file": JSONValue(renamesInFile), "applied": JSONValue(renamesApplied),
                        "already_present": JSONValue(renamesInFile - renamesApplied)],
            "marks": ["in_file": JSONValue(marksInFile), "applied": JSONValue(marksApplied),
                      "not_newer": JSONValue(marksInFile - marksApplied)],
            "reviews": ["in_file": JSONValue(reviewsInFile), "added": JSONValue(reviewsAdded),
                        "already_present": JSONValue(reviewsAlreadyPresent), "conflicting": JSONValue(reviewsConflicting)],
            "quiz_results": ["in_file": JSONValue(quizResultsInFile), "added": JSONValue(quizResultsAdded),
                             "already_present": JSONValue(quizResultsInFile - quizResultsAdded)],
            "drill_results": ["in_file": JSONValue(drillsInFile), "added": JSONValue(drillsAdded),
                              "updated": JSONValue(drillsUpdated),
                              "already_present": JSONValue(drillsInFile - drillsAdded - drillsUpdated)],
            "states": ["scheduler": .string(scheduler.rawValue), "cards_replayed": JSONValue(cardsReplayed),
                       "changed": JSONValue(statesChanged)],
            "settings": [
                "applied": .bool(settingsApplied),
                "differences": .array(settingDifferences.map {
                    ["setting": .string($0.key.rawValue), "local": .string($0.local), "file": .string($0.file)]
                }),
            ],
        ]
    }
}

/// Reads, validates and merges a progress file into the store.
///
/// Merge rules: reviews, quiz answers and drills are keyed by their IDs, so importing
/// the same file twice, or two machines' exports into each other, never duplicates
/// anything; cards unknown here are inserted retired with the file's text; local card
/// text wins over the file's; of a suspend or flag recorded on both sides the later
/// change wins; a rename made on the other machine moves this database's
/// history of the old card to the new one before the reviews are merged, so a review
/// both machines have lands once, on the new card. Everything happens in one
/// transaction, together with the replay of every touched card's log, so a failure
/// leaves the database as it was.
public struct ProgressImport {
    let store: StudyStore
    /// From this many reviews in a file on, foreign keys are off and what the import writes
    /// is checked instead; from this many reviews new to the log on, they are inserted
    /// before the log's indexes are built (`StudyStore.insertAbsentReviewsInBulk`). For a
    /// few, keeping the indexes is cheaper.
    let bulkReviews: Int
    public static let bulkReviews = 50_000
    /// Called after the file is read and before the write transaction begins: a test's
    /// way to change the settings in between, as `config set` in another terminal can.
    var beforeWriting: (() throws -> Void)?
    /// Called once the file is open (mapped) and before it is read: a test's way to cut
    /// it short at that moment (`SYSDRILL_TEST_IMPORT_PAUSE`).
    public var afterOpening: (() -> Void)?

    /// `bulkReviews` is for tests, which take the bulk way with small files.
    public init(store: StudyStore, bulkReviews: Int = Self.bulkReviews) {
        self.store = store
        self.bulkReviews = bulkReviews
    }

    /// Reads and validates `path` (`-`: standard input); throws `ProgressError` naming
    /// every problem.
    public func read(path: String) throws -> ProgressDocument {
        let (bytes, name) = try open(path)
        return try read(bytes, name: name)
    }

    /// Reads and validates a file's bytes; messages call it `name`. The document keeps
    /// only the cards unknown here (it still counts them all), which is all `merge` adds.
    func read(_ bytes: JSONBytes, name: String) throws -> ProgressDocument {
        try ProgressReader.read(bytes: bytes, path: name, localCards: try KnownCards.cards(of: store), skippingKnownCards: true)
    }

    /// The file's bytes and the name messages give it.
    func open(_ path: String) throws -> (JSONBytes, String) {
        // `import -` reads standard input (`ssh laptop sysdrill export | sysdrill import -`).
        if path == "-" { return (try FileSystem.readOnce("/dev/stdin"), "(stdin)") }
        if let info = FileSystem.info(path), info.isFolder {
            throw ProgressError.inputUnreadable(path: path, reason: "it is a folder, not a file")
        }
        do {
            return (try FileSystem.readOnce(path), path)
        } catch .missingFile {
            throw ProgressError.inputMissing(path: path)
        } catch {
            throw ProgressError.inputUnreadable(path: path, reason: "\(error)")
        }
    }

    /// Parses and validates file content (pure: the local card IDs are a parameter).
    public static func document(bytes: [UInt8], path: String, localCards: Set<CardID>) throws(ProgressError) -> ProgressDocument {
        try ProgressReader.read(bytes: JSONBytes(copying: bytes), path: path, localCards: localCards)
    }

    /// Merges `document`. With `applySettings` the file's scheduler settings are saved
    /// first (and every card is replayed if they change the scheduler); with `dryRun` the
    /// same work is done and then rolled back, so the report is exact. The settings in
    /// effect are read inside the write transaction, with the states they replay: a
    /// `config set scheduler` made while the file was being read is what the import uses.
    public func merge(_ document: ProgressDocument, applySettings: Bool, dryRun: Bool) throws -> ImportReport {
        try beforeWriting?()
        // A whole history goes in without foreign-key lookups (one per review); what the
        // import writes is checked instead, inside its transaction (`checkReferences`).
        let bulk = document.reviews.count >= bulkReviews
        func inTransaction(_ body: () throws -> ImportReport) throws -> ImportReport {
            guard bulk else { return try store.connection.transaction(body) }
            return try store.withoutForeignKeyChecks { try store.connection.transaction(body) }
        }
        do {
            return try inTransaction {
                let configuration = try StudyConfiguration.load(from: store)
                var (report, target) = try startReport(document, configuration: configuration, applySettings: applySettings,
                                                       dryRun: dryRun)
                try mergeSettingsCardsAndPractice(document, applySettings: applySettings, target: target,
                                                  logHasTheFilesReviews: false, report: &report)
                let reviews = document.reviews
                report.reviewsInFile = reviews.count
                // Reviews are keyed by ID: look each one up first (none when the log is
                // empty, as on a new machine), then append the new ones in file order.
                let logWasEmpty = try !store.hasReviews()
                let merge = try ReviewMerge(reviews, into: store, bulkReviews: bulkReviews, foreignKeysOff: bulk)
                report.reviewsAdded = merge.added
                report.reviewsAlreadyPresent = merge.alreadyPresent
                report.reviewsConflicting = merge.conflicting

                if logWasEmpty && target.schedulesLike(configuration) {
                    // The file's reviews are each touched card's whole log: replay them
                    // from memory instead of reading a million rows back.
                    let logs = Self.logs(of: reviews, presence: merge.presence)
                    report.cardsReplayed = logs.count
                    report.statesChanged = try StateRebuilder(store: store, scheduler: target.makeScheduler()).rebuild(logs: logs)
                } else {
                    try replayAfterMerge(touched: merge.touched, target: target, configuration: configuration, report: &report)
                }
                if bulk { try checkReferences() }
                if dryRun { throw DryRunRollback(report: report) }
                return report
            }
        } catch let rollback as DryRunRollback {
            return rollback.report
        }
    }
}

extension ProgressImport {
    /// The report's settings part, and the configuration states are replayed with.
    func startReport(_ document: ProgressDocument, configuration: StudyConfiguration, applySettings: Bool,
                     dryRun: Bool) throws -> (ImportReport, target: StudyConfiguration) {
        let fileConfiguration = try document.settings.applied(to: configuration)
        var report = ImportReport()
        report.dryRun = dryRun
        report.exportedAt = document.exportedAt
        report.settingDifferences = ProgressDocument.Settings.keys.compactMap { key in
            let local = key.value(in: configuration), file = key.value(in: fileConfiguration)
            return local == file ? nil : ImportReport.SettingDifference(key: key, local: local, file: file)
        }
        report.settingsApplied = applySettings && !report.settingDifferences.isEmpty
        let target = applySettings ? fileConfiguration : configuration
        report.scheduler = target.scheduler.kind
        return (report, target)
    }

    /// Everything but the reviews, in the caller's transaction: the file's settings (with
    /// `applySettings`), the cards unknown here (kept retired), the renames (`applyRenames`),
    /// quiz answers and drills. `logHasTheFilesReviews`: a streamed import, whose log held
    /// nothing before and now holds the file's reviews, on the cards the file names.
    func mergeSettingsCardsAndPractice(_ document: ProgressDocument, applySettings: Bool, target: StudyConfiguration,
                                       logHasTheFilesReviews: Bool, report: inout ImportReport) throws {
        for difference in report.settingDifferences where applySettings {
            try store.setSetting(difference.key.rawValue, difference.file)
        }
        let local = try KnownCards.cards(of: store)
        report.cardsInFile = document.cardsInFile
        for entry in document.cards where !local.contains(entry.card.id) {
            try store.insertRetiredCard(entry.card)
            report.cardsAdded += 1
            report.addedTerms.append(entry.card.term)
        }
        try applyRenames(document.renames, scheduler: target.makeScheduler(), movingReviews: !logHasTheFilesReviews,
                         report: &report)
        // After the renames, as a sync's rename carries a mark along before a later change.
        report.marksInFile = document.marks.count
        for mark in document.marks where try store.mergeMark(mark) { report.marksApplied += 1 }
        report.quizResultsInFile = document.quizResults.count
        for result in document.quizResults where try store.insertQuizResult(result) { report.quizResultsAdded += 1 }
        report.drillsInFile = document.drillResults.count
        for drill in document.drillResults {
            switch try store.mergeDrill(drill) {
            case .added: report.drillsAdded += 1
            case .updated: report.drillsUpdated += 1
            case .unchanged: break
            }
        }
    }

    /// The file's renames, oldest first, each moving what this database has recorded about
    /// the old card to the new one (`StudyStore.moveHistory`, as a sync does: both cards are
    /// here by now, the file's unknown ones inserted retired). A rename this database has
    /// already (the same or a later one of that card) is skipped: its history moved when it
    /// was made here or first imported, and the old card may have been revived since.
    func applyRenames(_ renames: [CardRename], scheduler: any Scheduler, movingReviews: Bool,
                      report: inout ImportReport) throws {
        report.renamesInFile = renames.count
        let ordered = renames.indices.sorted { (renames[$0].at, $0) < (renames[$1].at, $1) }.map { renames[$0] }
        for rename in ordered {
            if let known = try store.rename(of: rename.old), known.at >= rename.at { continue }
            try store.moveHistory(from: rename.old, to: rename.new, at: rename.at,
                                  replay: { scheduler.replay($1, cardID: $0.rawValue) }, movingReviews: movingReviews)
            report.renamesApplied += 1
        }
    }

    /// The states after a merge, replayed with `target`: every card's when its scheduling
    /// differs from `configuration` (the settings before), else those of the cards that got
    /// a review (`touched`).
    func replayAfterMerge(touched: Set<CardID>, target: StudyConfiguration, configuration: StudyConfiguration,
                          report: inout ImportReport) throws {
        let rebuilder = StateRebuilder(store: store, scheduler: target.makeScheduler())
        guard target.schedulesLike(configuration) else { return try replayEveryCard(rebuilder, report: &report) }
        report.cardsReplayed = touched.count
        // Nothing added, nothing to replay: a pass over the whole log found nothing.
        report.statesChanged = touched.isEmpty ? 0 : try rebuilder.rebuild(only: touched)
    }

    /// New settings for the scheduler change every card's replay, not only the touched ones.
    func replayEveryCard(_ rebuilder: StateRebuilder, report: inout ImportReport) throws {
        report.cardsReplayed = try store.reviewedCardCount()
        report.statesChanged = try rebuilder.rebuild()
    }

    /// With foreign keys off, the tables an import writes that name cards (the log checks
    /// its own cards as it goes in) are checked before the transaction commits.
    func checkReferences() throws {
        for table in ["card_state", "quiz_results", "drill_results", "card_renames", "card_marks", "buried", "requeued"] {
            if let problem = try store.foreignKeyProblems(in: table).first {
                throw StoreError.inconsistent("the import would leave a reference to a missing card (\(problem)); nothing was changed")
            }
        }
    }

    /// The log of each card with an added review: its added reviews in the order the log
    /// replays them (time, then arrival, which is file order).
    static func logs(of reviews: ReviewBatch, presence: [ReviewPresence]) -> [(CardID, [ReviewEvent])] {
        // Group by card without hashing: count, then place (a counting sort keeps file order).
        var starts = [Int](repeating: 0, count: reviews.cards.count + 1)
        for index in reviews.indices where presence[index] == .absent { starts[Int(reviews.card(index)) + 1] += 1 }
        for card in reviews.cards.indices { starts[card + 1] += starts[card] }
        var next = starts
        var order = [Int](repeating: 0, count: starts[reviews.cards.count])
        for index in reviews.indices where presence[index] == .absent {
            let card = Int(reviews.card(index))
            order[next[card]] = index
            next[card] += 1
        }
        var logs: [(CardID, [ReviewEvent])] = []
        for card in reviews.cards.indices where starts[card] < starts[card + 1] {
            var indexes = Array(order[starts[card]..<starts[card + 1]])
            // An export lists reviews by time already; a hand-made file may not.
            if zip(indexes, indexes.dropFirst()).contains(where: { reviews.at($0) > reviews.at($1) }) {
                indexes.sort { (reviews.at($0), $0) < (reviews.at($1), $1) }
            }
            logs.append((reviews.cards[card], indexes.map { reviews.event($0) }))
        }
        return logs
    }
}

/// Thrown at the end of a dry run so the transaction rolls everything back.
struct DryRunRollback: Error {
    let report: ImportReport
}
