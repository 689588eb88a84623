import Study
import Deck
import JSONText
import Scheduling
import Store

extension ProgressImport {
    /// Reads and merges the file at `path` (`-`: standard input). The file is streamed, so
    /// a million reviews are never held in memory: into a log with no reviews yet (a new
    /// machine, where a whole history arrives) each review goes into the log as soon as it
    /// is read and checked (`streamed`); into a log that has reviews each is looked up as
    /// it is read (`streamedMerge`). A file with any problem is then read whole and checked
    /// (`read`), which names every problem; either way a failure changes nothing.
    public func run(path: String, applySettings: Bool, dryRun: Bool) throws -> ImportReport {
        let (bytes, name) = try open(path)
        afterOpening?()
        let report = try store.hasReviews()
            ? try streamedMerge(bytes, applySettings: applySettings, dryRun: dryRun)
            : try streamed(bytes, applySettings: applySettings, dryRun: dryRun)
        if let report { return report }
        let document = try read(bytes, name: name)
        return try merge(document, applySettings: applySettings, dryRun: dryRun)
    }

    /// The streamed import, in one transaction with foreign keys checked by the import
    /// (`BulkReviewLoad`, `checkReferences`). Nil when the file has a problem, or the log
    /// has reviews after all (another sysdrill wrote some meanwhile): everything is rolled
    /// back and the caller reads the file the ordinary way, which names every problem
    /// exactly (the stream does not look for repeated review IDs; the log's unique index
    /// refuses them).
    func streamed(_ bytes: JSONBytes, applySettings: Bool, dryRun: Bool) throws -> ImportReport? {
        try attemptStreamed {
            return try store.withoutForeignKeyChecks {
                try store.connection.transaction {
                    // The replay below assumes the file's reviews are each card's whole log.
                    guard try !store.hasReviews() else { throw NotStreamed() }
                    // The settings in effect, read inside the write transaction (`merge`).
                    let configuration = try StudyConfiguration.load(from: store)
                    let localCards = try KnownCards.cards(of: store)
                    let load = try store.beginBulkReviewLoad()
                    // Replayed as they come with the settings the states will have: the file's
                    // with --settings (an export lists them first), else those in effect.
                    let expected = applySettings
                        ? (ProgressReader.leadingSettings(bytes).flatMap { try? $0.applied(to: configuration) } ?? configuration)
                        : configuration
                    let live = LiveReplay(scheduler: expected.makeScheduler())
                    let stream = ReviewStream(load: load, replay: live)
                    // From here until `finish` the connection is the inserting thread's.
                    defer { try? stream.finish() }
                    let document: ProgressDocument
                    do {
                        document = try ProgressReader.read(bytes: bytes, path: "", localCards: localCards, stream: stream)
                    } catch {
                        throw NotStreamed()
                    }
                    try stream.finish()
                    var (report, target) = try startReport(document, configuration: configuration,
                                                           applySettings: applySettings, dryRun: dryRun)
                    try mergeSettingsCardsAndPractice(document, applySettings: applySettings, target: target,
                                                      logHasTheFilesReviews: true, report: &report)
                    report.reviewsInFile = stream.count
                    report.reviewsAdded = stream.count
                    do {
                        try load.finish(cards: stream.cardValues.lazy.map(KnownCards.cardID))
                    } catch where BulkReviewLoad.isRepeatedID(error) {
                        throw NotStreamed()
                    }
                    let rebuilder = StateRebuilder(store: store, scheduler: target.makeScheduler())
                    if !target.schedulesLike(expected) {
                        // Settings placed after the reviews in a hand-made file.
                        try replayEveryCard(rebuilder, report: &report)
                    } else {
                        // A card whose reviews came out of time order (a hand-made file) is
                        // replayed from its log, now indexed. New scheduler settings reset a
                        // state left without any review too, as replaying every card would.
                        let resetOthers = !target.schedulesLike(configuration)
                        (report.cardsReplayed, report.statesChanged) = try rebuilder.save(resettingOthers: resetOthers) { body in
                            // In the order of their IDs, which key the states' table: each row
                            // lands beside the last one (in the file's order: ~1.5x the time).
                            let values = stream.cardValues
                            for number in values.indices.sorted(by: { values[$0] < values[$1] }) {
                                let id = KnownCards.cardID(values[number])
                                let state = live.outOfOrder[number]
                                    ? live.scheduler.replay(try store.reviews(of: id).map(\.event), cardID: id.rawValue)
                                    : live.states[number]
                                try body(id, state)
                            }
                        }
                    }
                    try checkReferences()
                    if dryRun { throw DryRunRollback(report: report) }
                    return report
                }
            }
        }
    }
}

extension ProgressImport {
    /// Runs a streamed import or merge, `body`, after the test hook `beforeWriting`: nil
    /// when it threw `NotStreamed` (the caller reads the file whole), the report of a dry
    /// run it rolled back (`DryRunRollback`), else its report.
    func attemptStreamed(_ body: () throws -> ImportReport) throws -> ImportReport? {
        try beforeWriting?()
        do {
            return try body()
        } catch is NotStreamed {
            return nil
        } catch let rollback as DryRunRollback {
            return rollback.report
        }
    }
}

/// Thrown inside a streamed import or merge to roll it back and read the file whole.
struct NotStreamed: Error {}
