/// What an interviewer brings to one exercise: the problem with its numbers, the
/// questions for the deep dive, the usual mistakes, a reference outline to compare
/// against after scoring, and what a 0, 1, 2 or 3 looks like in each part.
/// Read from Markdown by `RubricReader`; every piece may be missing (a user deck that
/// gives only probes), and the drill falls back to the generic checklist where it is.
public struct DrillRubric: Sendable, Equatable {
    /// A deep-dive question, with the outline sections it tests (`(see 9.2, 10)` at its end).
    public struct Probe: Sendable, Equatable {
        public let text: String
        /// Section filters (`9.2`, `Caching`): the cards a weak score sends back to review.
        public let topics: [String]

        public init(text: String, topics: [String] = []) {
            self.text = text
            self.topics = topics
        }
    }

    /// The rubric file's title (`# URL shortener`), which names the drill card it belongs
    /// to; nil for a rubric read from a drill card's own sub-bullets.
    public var title: String?
    /// Lines of the problem statement, in order (paragraphs and bullets alike).
    public var statement: [String] = []
    public var probes: [Probe] = []
    public var pitfalls: [String] = []
    /// Key components and decisions, each with the trade-off behind it.
    public var reference: [String] = []
    /// Per part, what each score 0...3 looks like (index = score).
    public var anchors: [DrillPart: [String]] = [:]

    public init(title: String? = nil) {
        self.title = title
    }

    /// Nothing was found: the drill runs with the generic checklist.
    public var isEmpty: Bool {
        statement.isEmpty && probes.isEmpty && pitfalls.isEmpty && reference.isEmpty && anchors.isEmpty
    }

    /// The anchors of `part`, score by score, when all four are given.
    public func anchors(for part: DrillPart) -> [String]? {
        guard let texts = anchors[part], texts.count == 4, texts.allSatisfy({ !$0.isEmpty }) else { return nil }
        return texts
    }

    /// What a complete rubric still lacks, in words (empty when complete): a statement,
    /// 5-10 probes, pitfalls, a reference outline, four anchors for each of the seven parts.
    public var gaps: [String] {
        var gaps: [String] = []
        if statement.isEmpty { gaps.append("no statement") }
        if !(5...10).contains(probes.count) { gaps.append("\(probes.count) probes (5-10 wanted)") }
        if pitfalls.isEmpty { gaps.append("no pitfalls") }
        if reference.isEmpty { gaps.append("no reference outline") }
        for part in DrillScoring.parts where anchors(for: part) == nil {
            gaps.append("no anchors 0-3 for \(part.phrase)")
        }
        return gaps
    }
}
