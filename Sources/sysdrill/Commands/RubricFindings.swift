import Practice
import Deck
import Study

/// The rubric problems of a deck's drill cards (their sub-bullets: Statement, Probes,
/// Pitfalls, Reference, Anchors), read from their files as a drill reads them. The drill
/// cards are kept as `decks lint` reads the deck, and their files read once it is done,
/// so a deck file is never held twice at once (10 MB more for a 10 MB deck).
struct RubricFindings {
    private var drills: [Card] = []

    mutating func inspect(_ card: Card) {
        guard card.kind == .drill else { return }
        drills.append(card)
    }

    /// The findings, in file, line and column order.
    func finish() -> [RubricFinding] {
        var found: [RubricFinding] = []
        var lines: (file: String, lines: FileLines)?
        for card in drills {
            let file = card.source.file
            if lines?.file != file {
                lines = (file, FileLines((try? FileSystem.read(file)).map { String(decoding: $0, as: UTF8.self) } ?? ""))
            }
            found += RubricLint.findings(for: card, inFile: lines!.lines)
        }
        return found.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }
    }
}
