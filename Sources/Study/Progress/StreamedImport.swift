import Deck
import JSONText
import Scheduling
import Store

extension ProgressImport {
    /// Reads and merges the file at `path` (`-`: standard input). Into a log with no
    /// reviews yet (a new machine, where a whole history arrives) the file is streamed:
    /// each review goes into the log as soon as it is read and checked, so a million of
    /// them are never held in memory. Anything else, and a file with any problem, is read
    /// whole and checked first (`read`), then merged (`merge`); either way a failure
    /// changes nothing.
    public func run(path: String, configuration: StudyConfiguration, applySettings: Bool,
                    dryRun: Bool) throws -> ImportReport {
        let (bytes, name) = try open(path)
        if try !store.hasReviews(),
           let report = try streamed(bytes, configuration: configuration, applySettings: applySettings, dryRun: dryRun) {
            return report
        }
        let document = try ProgressReader.read(bytes: bytes, path: name, localCards: try store.allCardIDs())
        return try merge(document, configuration: configuration, applySettings: applySettings, dryRun: dryRun)
    }

    /// The streamed import, in one transaction with foreign keys checked by the import
    /// (`BulkReviewLoad`, `checkReferences`). Nil when the file has a problem, or the log
    /// has reviews after all (another sysdrill wrote some meanwhile): everything is rolled
    /// back and the caller reads the file the ordinary way, which names every problem
    /// exactly (the stream does not look for repeated review IDs; the log's unique index
    /// refuses them).
    func streamed(_ bytes: JSONBytes, configuration: StudyConfiguration, applySettings: Bool,
                  dryRun: Bool) throws -> ImportReport? {
        struct NotStreamed: Error {}
        do {
            return try store.withoutForeignKeyChecks {
                try store.connection.transaction {
                    // The replay below assumes the file's reviews are each card's whole log.
                    guard try !store.hasReviews() else { throw NotStreamed() }
                    let load = try store.beginBulkReviewLoad()
                    // An exported review takes ~250 bytes.
                    let stream = ReviewStream(load: load, expected: bytes.buffer.count / 128)
                    let document: ProgressDocument
                    do {
                        document = try ProgressReader.read(bytes: bytes, path: "", localCards: try store.allCardIDs(), stream: stream)
                    } catch {
                        throw NotStreamed()
                    }
                    if let failure = stream.failure { throw failure }
                    var (report, target) = try startReport(document, configuration: configuration,
                                                           applySettings: applySettings, dryRun: dryRun)
                    try mergeSettingsCardsAndPractice(document, applySettings: applySettings, report: &report)
                    report.reviewsInFile = stream.count
                    report.reviewsAdded = stream.count
                    let rebuilder = StateRebuilder(store: store, scheduler: target.scheduler.makeScheduler())
                    let replayAll = target.scheduler != configuration.scheduler
                    if !replayAll {
                        // Before the indexes are built, so the packed reviews are gone by then.
                        (report.cardsReplayed, report.statesChanged) = try rebuilder.rebuild { body in try stream.forEachLog(body) }
                        stream.dropEvents()
                    }
                    do {
                        try load.finish(cards: stream.cardValues.lazy.map(KnownCards.cardID))
                    } catch where BulkReviewLoad.isRepeatedID(error) {
                        throw NotStreamed()
                    }
                    if replayAll { try replayEveryCard(rebuilder, report: &report) }
                    try checkReferences()
                    if dryRun { throw DryRunRollback(report: report) }
                    return report
                }
            }
        } catch is NotStreamed {
            return nil
        } catch let rollback as DryRunRollback {
            return rollback.report
        }
    }
}
