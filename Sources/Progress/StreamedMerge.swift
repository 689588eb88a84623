import Study
import Deck
import JSONText
import Store

extension ProgressImport {
    /// The merge of a file into a log that has reviews, streamed (`StreamedReviewMerge`):
    /// each review is looked up as it is read, so an export imported back into the machine
    /// that made it costs what its reading costs, not a copy of its million reviews. In one
    /// transaction, in the order `merge` keeps: settings, cards, renames, marks and practice
    /// first, then the new reviews, then the touched cards' replay. Nil when the file has a
    /// problem (or repeats a review ID, or the log has rowids out of the merge's range):
    /// everything is rolled back and the caller reads the file whole, which names every
    /// problem exactly.
    func streamedMerge(_ bytes: JSONBytes, applySettings: Bool, dryRun: Bool) throws -> ImportReport? {
        try attemptStreamed {
            // Foreign keys stay on: only the new reviews are written (a lookup each), and a
            // reference broken before the import is not this import's to refuse.
            return try store.connection.transaction {
                let configuration = try StudyConfiguration.load(from: store)
                guard let reviews = try store.beginStreamedReviewMerge() else { throw NotStreamed() }
                let document: ProgressDocument
                do {
                    document = try ProgressReader.read(bytes: bytes, path: "", localCards: try KnownCards.cards(of: store),
                                                       stream: reviews)
                    try reviews.checkReading()
                } catch is ProgressError, is StreamedReviewMerge.RepeatedID {
                    throw NotStreamed()
                }
                var (report, target) = try startReport(document, configuration: configuration,
                                                       applySettings: applySettings, dryRun: dryRun)
                // The renames below may move reviews that the file has on the old card.
                try reviews.compareAgainAfterMoving(reviewsOf: document.renames.map(\.old))
                try mergeSettingsCardsAndPractice(document, applySettings: applySettings, target: target,
                                                  logHasTheFilesReviews: false, report: &report)
                let outcome: StreamedReviewMerge.Outcome
                do {
                    outcome = try reviews.finish(bulkReviews: bulkReviews)
                } catch where BulkReviewLoad.isRepeatedID(error) {
                    throw NotStreamed()
                }
                report.reviewsInFile = reviews.count
                report.reviewsAdded = reviews.added
                report.reviewsAlreadyPresent = reviews.alreadyPresent
                report.reviewsConflicting = outcome.conflicting
                try replayAfterMerge(touched: outcome.touched, target: target, configuration: configuration, report: &report)
                if dryRun { throw DryRunRollback(report: report) }
                return report
            }
        }
    }
}
