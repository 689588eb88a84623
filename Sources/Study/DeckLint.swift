import Deck

/// `sysdrill decks lint`: what a deck's Markdown gave and did not give. Reads the deck as
/// the sync does (a folder's broken files left out, shared fronts widened), then lists
/// the blocks that made no card and the cards that make weak prompts.
public struct DeckLintReport: Sendable {
    public var cards = 0
    public var notes: [DeckNote] = []
    /// Ordered by file, then line.
    public var findings = PromptFindingList()
    /// Files of a folder left out, each with its error.
    public var skippedFiles: [DeckError] = []

    public var isClean: Bool { notes.isEmpty && findings.isEmpty && skippedFiles.isEmpty }
}

public enum DeckLint {
    /// Lints a deck file or folder on disk (a single file's error is thrown, as `decks add` would).
    /// `eachCard` sees every card the lint reads (the drill rubrics' lint reads their blocks).
    public static func lint(path: String, eachCard: (Card) -> Void = { _ in }) throws(DeckError) -> DeckLintReport {
        let files = try DeckLoader.fingerprints(of: path)
        let folder = DeckLoader.folder(of: path)
        let name = FileSystem.deckName(for: FileSystem.absolute(path))
        return try lint(DeckReader(deck: name, files: files, folder: folder), eachCard: eachCard)
    }

    /// Lints the outline compiled into sysdrill.
    public static func lintEmbedded(name fileName: String, bytes: [UInt8]) throws(DeckError) -> DeckLintReport {
        try lint(DeckLoader.embedded(name: fileName, bytes: bytes).reader())
    }

    static func lint(_ fresh: DeckReader, eachCard: (Card) -> Void = { _ in }) throws(DeckError) -> DeckLintReport {
        let check = try DeckLoader.check(fresh)
        var reader = check.reader(fresh)
        var linter = PromptLinter()
        var report = DeckLintReport()
        while let card = try reader.next() {
            report.cards += 1
            linter.inspect(card)
            eachCard(card)
        }
        report.notes = check.notes.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
        report.findings = linter.findingList
        report.findings.sortByPlace()
        report.skippedFiles = check.skippedFiles
        return report
    }

    /// The one-line summary after a deck was registered or synced:
    /// "registered 'notes': 140 cards; 37 blocks made no card, 5 weak prompts: sysdrill decks lint notes".
    public static func summary(verb: String, deck: String, cards: Int, check: DeckCheck, renamed: Int = 0,
                               lintArgument: String) -> String {
        // The cards the user wrote; those made from them (reverses, comparisons) apart.
        let written = check.writtenCards
        var line = "\(verb) '\(deck)': \(written) card" + (written == 1 ? "" : "s")
        if cards > written { line += " (+\(cards - written) made from them)" }
        // A renamed card is neither new nor retired: its history moved to its new term.
        if renamed > 0 { line += " (\(renamed) renamed, history kept)" }
        let weak = check.weakPrompts
        var parts: [String] = []
        if !check.notes.isEmpty { parts.append("\(check.notes.count) block" + (check.notes.count == 1 ? "" : "s") + " made no card") }
        if weak > 0 { parts.append("\(weak) weak prompt" + (weak == 1 ? "" : "s")) }
        if !check.skippedFiles.isEmpty {
            parts.append("\(check.skippedFiles.count) file" + (check.skippedFiles.count == 1 ? "" : "s") + " skipped")
        }
        if !parts.isEmpty { line += "; " + parts.joined(separator: ", ") + ": sysdrill decks lint " + lintArgument }
        return line
    }
}
