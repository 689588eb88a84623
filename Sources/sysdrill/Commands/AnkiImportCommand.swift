import Interop
import JSONText
import Progress
import Store
import Study
import Terminal

/// `sysdrill import FILE` for an Anki collection or package: read the collection (never
/// writing to it), import it in one transaction, print what was imported and skipped.
enum AnkiImportCommand {
    static func run(path: String, format: ImportFileFormat, dryRun: Bool, _ context: AppContext) throws -> Int32 {
        guard let info = FileSystem.info(path) else { throw ProgressError.inputMissing(path: path) }
        if info.isFolder { throw ProgressError.inputUnreadable(path: path, reason: "it is a folder, not a file") }
        // The file is read through before the database is opened, so a bad file creates nothing.
        let collection = try AnkiPackage.readCollection(path: path, format: format)
        let store = try context.syncedStore()
        let report = try AnkiImport(store: store).run(collection, format: format, path: path, source: FileSystem.absolute(path),
                                                      configuration: try context.configuration(store), now: context.now,
                                                      dryRun: dryRun)
        return ImportCommand.show(report.json, text: text(report, path: path, style: context.style),
                                  conflicting: report.reviewsConflicting, path: path, context)
    }

    static func text(_ report: AnkiImportReport, path: String, style: Style) -> String {
        let added = report.dryRun ? "to add" : "added"
        let kind = report.format == .ankiPackage ? "Anki package" : "Anki collection"
        var text = report.dryRun
            ? style.bold("Dry run") + ": nothing was changed. Importing the \(kind) \(path) would do this:\n"
            : style.bold("Imported") + " the \(kind) \(path)\n"
        func row(_ label: String, _ value: String) { text += "  " + TextLayout.padRight(label, to: 10) + value + "\n" }
        row("decks", report.decks.map { "\($0.name) (\($0.cards) card\($0.cards == 1 ? "" : "s"))" }.joined(separator: ", "))
        var cards = "\(report.ankiCards) in \(report.notes) note\(report.notes == 1 ? "" : "s"): \(report.cardsAdded) \(added), "
            + "\(report.cardsUpdated) updated, \(report.cardsUnchanged) already here"
        if report.cardsRetired > 0 { cards += ", \(report.cardsRetired) retired (no longer in the file)" }
        row("cards", cards)
        for skipped in report.skippedCards { row("", "\(skipped.count) skipped: \(skipped.reason)") }
        row("reviews", "\(report.revlogEntries) in the log: \(report.reviewsAdded) \(added), \(report.reviewsAlreadyPresent) already here")
        for skipped in report.skippedReviews { row("", "\(skipped.count) skipped: \(skipped.reason)") }
        row("states", "\(report.cardsReplayed) card\(report.cardsReplayed == 1 ? "" : "s") replayed with \(report.scheduler.rawValue), \(report.statesChanged) changed")
        return text
    }
}
