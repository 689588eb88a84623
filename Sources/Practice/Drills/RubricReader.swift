import Deck
import Study

/// Reads a drill rubric from Markdown. One reader for both places a rubric lives:
/// - a rubric file (`Content/drills/*.md`): a `# Title` naming the drill, then sub-headings
///   `## Statement`, `## Probes`, `## Pitfalls`, `## Reference`, `## Anchors`;
/// - a drill card of a user deck: sub-bullets of the drill named the same way
///   (`- Statement: ...`, `- Probes` with one sub-bullet per probe).
///
/// The names are matched ignoring case and a trailing colon; text after `Name:` on the
/// same line is the section's first entry. Under Anchors, one heading or bullet per part
/// (requirements, estimates, API, high-level design, deep dives, wrap-up,
/// communication), each with lines `0: ...` to `3: ...`. A probe may end with
/// `(see 9.2, 10)`: the outline sections it tests.
public enum RubricReader {
    public enum Section: String, CaseIterable, Sendable {
        case statement, probes, pitfalls, reference, anchors
    }

    /// A rubric from a whole file.
    public static func read(_ text: String, file: String) throws(RubricError) -> DrillRubric {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { (number: $0.offset + 1, text: $0.element) }
        return try read(lines: lines, file: file)
    }

    /// A rubric from some numbered lines of a file (a drill bullet's sub-bullets), so
    /// errors name the file's own lines and columns.
    public static func read(lines: [(number: Int, text: Substring)], file: String) throws(RubricError) -> DrillRubric {
        let tree = MarkdownTree(lines: lines)
        var rubric = DrillRubric()
        if let title = tree.nodes[0].children.map({ tree.nodes[$0] }).first(where: { $0.kind == .heading(1) }) {
            rubric.title = title.text
        }
        try collect(0, tree, file: file, into: &rubric)
        return rubric
    }

    /// The section a heading or bullet names, with the text after its colon.
    static func section(named text: String) -> (section: Section, rest: String)? {
        let head: Substring, rest: Substring
        if let colon = text.firstIndex(of: ":") {
            head = text[..<colon]
            rest = text[text.index(after: colon)...]
        } else {
            head = Substring(text)
            rest = ""
        }
        guard let section = Section(rawValue: trim(head.lowercased(), " ")) else { return nil }
        return (section, trim(rest, " "))
    }

    /// The drill part an anchors heading or bullet names (`API`, `High level design`,
    /// `Bottlenecks and wrap-up`).
    static func part(named text: String) -> DrillPart? {
        let words = text.lowercased().map { $0 == "-" || $0 == "_" ? " " : $0 }
        let name = String(words).split(separator: " ").joined(separator: " ")
        for part in DrillScoring.parts {
            let names = [part.title.lowercased(), part.rawValue.replacingOccurrences("-", " "), part.phrase.lowercased()]
                .map { $0.replacingOccurrences("-", " ") }
            if names.contains(name) { return part }
        }
        switch name {
        case "api", "apis", "api and entities", "entities", "entities and apis", "api and data model": return .api
        case "estimation", "estimate", "capacity", "back of the envelope": return .estimates
        case "deep dive", "deep dives": return .deepDives
        case "high level", "design", "architecture": return .highLevel
        case "wrap up", "bottlenecks": return .wrapUp
        default: return nil
        }
    }

    // MARK: Collecting

    private static func collect(_ index: Int, _ tree: MarkdownTree, file: String, into rubric: inout DrillRubric) throws(RubricError) {
        for child in tree.nodes[index].children {
            let node = tree.nodes[child]
            guard node.kind != .paragraph, let (section, rest) = section(named: node.text) else {
                try collect(child, tree, file: file, into: &rubric)
                continue
            }
            let inline = rest.isEmpty ? [] : [rest]
            switch section {
            case .statement:
                rubric.statement += inline + tree.flattened(under: child)
            case .probes:
                rubric.probes += (inline + tree.entries(under: child)).map(probe)
            case .pitfalls:
                rubric.pitfalls += inline + tree.entries(under: child)
            case .reference:
                rubric.reference += inline + tree.entries(under: child)
            case .anchors:
                try anchors(under: child, tree, file: file, into: &rubric)
            }
        }
    }

    private static func anchors(under index: Int, _ tree: MarkdownTree, file: String, into rubric: inout DrillRubric) throws(RubricError) {
        for child in tree.nodes[index].children {
            let node = tree.nodes[child]
            guard let part = part(named: node.text) else {
                throw RubricError(file: file, line: node.line, column: node.column,
                                  reason: "'\(node.text)' under Anchors is not a part; the parts are "
                                      + DrillScoring.parts.map(\.phrase).joined(separator: ", "))
            }
            var texts = rubric.anchors[part] ?? ["", "", "", ""]
            for scoreIndex in tree.nodes[child].children {
                let line = tree.nodes[scoreIndex]
                let detail = tree.flattened(under: scoreIndex, bullets: false)
                let numbered = line.ordinal.flatMap { DrillScoring.scale.contains($0) ? ($0, line.text) : nil }
                guard let (score, text) = scored(line.text) ?? numbered, !text.isEmpty || !detail.isEmpty else {
                    throw RubricError(file: file, line: line.line, column: line.column,
                                      reason: "an anchor starts with its score, 0 to 3: '2: solid answer' (found '\(line.text)')")
                }
                guard texts[score].isEmpty else {
                    throw RubricError(file: file, line: line.line, column: line.column,
                                      reason: "\(part.phrase) has a second anchor for \(score)")
                }
                texts[score] = ([text] + detail).filter { !$0.isEmpty }.joined(separator: " ")
            }
            rubric.anchors[part] = texts
        }
    }

    /// `2: text`, `2 - text`, `2. text`, `2) text`, `2 — text` as (2, "text").
    static func scored(_ text: String) -> (Int, String)? {
        guard let first = text.first, let score = first.wholeNumberValue, DrillScoring.scale.contains(score) else { return nil }
        let rest = text.dropFirst()
        guard let separator = rest.first, ":.)-—–".contains(separator) || separator == " " else { return nil }
        var body = rest.drop { $0 == " " }
        if let mark = body.first, ":.)-—–".contains(mark) { body = body.dropFirst() }
        return (score, trim(body, " "))
    }

    /// A probe's text without its trailing `(see 9.2, Caching)`, and those topics.
    static func probe(_ text: String) -> DrillRubric.Probe {
        let characters = Array(text)
        let marker = Array("(see ")
        guard characters.last == ")", characters.count > marker.count,
              let open = (0...(characters.count - marker.count)).last(where: { Array(characters[$0..<($0 + marker.count)]) == marker })
        else { return .init(text: text) }
        let inside = String(characters[(open + marker.count)..<(characters.count - 1)])
        let topics = inside.split(separator: ",").map { trim($0, " ") }.filter { !$0.isEmpty }
        return .init(text: trim(String(characters[..<open]), " "), topics: topics)
    }
}

private extension String {
    func replacingOccurrences(_ target: Character, _ replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
