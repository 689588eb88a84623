import Practice
import Deck
import Study

/// The rubric problems of a deck's drill cards (their sub-bullets: Statement, Probes,
/// Pitfalls, Reference, Anchors), read from their files as a drill reads them: each card
/// is inspected as `decks lint` reads it, so the deck is not read, nor held, a second time.
struct RubricFindings {
    private var files: [String: FileLines] = [:]
    private(set) var found: [RubricFinding] = []

    mutating func inspect(_ card: Card) {
        guard card.kind == .drill else { return }
        let file = card.source.file
        if files[file] == nil { files[file] = FileLines((try? FileSystem.read(file)).map { String(decoding: $0, as: UTF8.self) } ?? "") }
        found += RubricLint.findings(for: card, inFile: files[file] ?? FileLines(""))
    }

    var sorted: [RubricFinding] { found.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) } }
}
