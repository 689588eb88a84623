import Deck
import Study
import TextMatching

/// A problem with the rubric written under a drill card of a user deck, with where.
public struct RubricFinding: Sendable, Equatable {
    public enum Reason: String, Sendable {
        /// The rubric cannot be read (the drill would refuse it): an Anchors entry that is
        /// not a part, an anchor without its score.
        case unreadable
        /// A sub-bullet or heading whose name is one letter or two off a part's (`Probs`).
        case misspelledPart = "misspelled-part"
        /// A part with nothing in it (`- Pitfalls:` and no entries).
        case emptyPart = "empty-part"
        /// Probes, pitfalls, a reference or anchors, but no statement to open the drill with.
        case noStatement = "no-statement"
        /// A part under Anchors without all four levels 0-3.
        case incompleteAnchors = "incomplete-anchors"
    }

    public let file: String
    public let line: Int
    public let column: Int
    public let reason: Reason
    /// The drill card's term.
    public let drill: String
    public let detail: String
}

/// `decks lint` for drill rubrics: reads each drill card's sub-bullets as the drill does
/// (`DrillRubrics.rubric(of:inFile:)`) and says what would be lost or refused.
public enum RubricLint {
    /// The findings for the drill `card` (other cards: none), whose file holds `text`.
    public static func findings(for card: Card, inFile text: FileLines) -> [RubricFinding] {
        guard card.kind == .drill else { return [] }
        let file = card.source.file
        func finding(_ line: Int, _ column: Int, _ reason: RubricFinding.Reason, _ detail: String) -> RubricFinding {
            RubricFinding(file: file, line: line, column: column, reason: reason, drill: card.term, detail: detail)
        }
        let block = DrillRubrics.block(of: card, inFile: text)
        let tree = MarkdownTree(lines: block)
        var found: [RubricFinding] = []
        // The drill's own sub-bullets and headings: a part by its name, or a name close to one.
        var named: [RubricReader.Section] = []
        func walk(_ index: Int) {
            for child in tree.nodes[index].children {
                let node = tree.nodes[child]
                guard node.kind != .paragraph else { continue }
                if let (section, rest) = RubricReader.section(named: node.text) {
                    named.append(section)
                    if rest.isEmpty && tree.nodes[child].children.isEmpty {
                        found.append(finding(node.line, node.column, .emptyPart, "\(section.title) has nothing in it"))
                    }
                    if section == .anchors { found += anchorGaps(under: child, tree, finding) }
                    continue
                }
                if let name = misspelledPart(node.text) {
                    found.append(finding(node.line, node.column, .misspelledPart,
                                         "'\(headWord(node.text))' is not a rubric part; did you mean '\(name.title)'?"))
                }
                walk(child)
            }
        }
        walk(0)
        do {
            let rubric = try RubricReader.read(lines: block, file: file)
            if rubric.statement.isEmpty, !named.isEmpty, !named.contains(.statement) {
                found.append(finding(card.source.line, 1, .noStatement,
                                     "the drill has " + Set(named).sorted { $0.order < $1.order }.map(\.title).joined(separator: ", ")
                                         + " but no Statement to open with"))
            }
        } catch {
            found.append(finding(error.line, error.column, .unreadable, error.reason))
        }
        return found.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// Under an Anchors part: the parts whose four levels 0-3 are not all there.
    private static func anchorGaps(under index: Int, _ tree: MarkdownTree,
                                   _ finding: (Int, Int, RubricFinding.Reason, String) -> RubricFinding) -> [RubricFinding] {
        var found: [RubricFinding] = []
        for child in tree.nodes[index].children {
            let node = tree.nodes[child]
            guard let part = RubricReader.part(named: node.text) else { continue }  // the reader's error says it
            var levels = Set<Int>()
            for scoreIndex in tree.nodes[child].children {
                let line = tree.nodes[scoreIndex]
                if let (score, _) = RubricReader.scored(line.text) { levels.insert(score) }
                else if let ordinal = line.ordinal, DrillScoring.scale.contains(ordinal) { levels.insert(ordinal) }
            }
            let missing = DrillScoring.scale.filter { !levels.contains($0) }
            guard !missing.isEmpty else { continue }
            let detail = levels.isEmpty
                ? "the anchors of \(part.phrase) have no levels; write one line each for 0, 1, 2 and 3 ('2: solid answer')"
                : "the anchors of \(part.phrase) lack " + missing.map(String.init).joined(separator: ", ") + " (all four of 0-3 are needed to show them)"
            found.append(finding(node.line, node.column, .incompleteAnchors, detail))
        }
        return found
    }

    /// The part a one-word name is a typo of (`Probs`, `anchor`, `Statment`), if any.
    static func misspelledPart(_ text: String) -> RubricReader.Section? {
        let word = headWord(text)
        guard !word.isEmpty, !word.contains(" "), RubricReader.Section(rawValue: word.lowercased()) == nil else { return nil }
        let names = RubricReader.Section.allCases.map(\.rawValue)
        guard let close = EditDistance.closest(to: word, in: names) else { return nil }
        return RubricReader.Section(rawValue: close)
    }

    /// The name before a colon (the whole text when there is none), trimmed.
    static func headWord(_ text: String) -> String {
        trim(text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? "", " ")
    }
}

extension RubricReader.Section {
    /// `Statement`, `Probes`...: as written in a rubric.
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
