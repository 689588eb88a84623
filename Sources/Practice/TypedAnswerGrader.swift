import Study
import TextMatching

/// What a typed answer is graded against: the expected term and the terms it must not
/// be confused with (its siblings in the outline, or the other items of a cloze).
public struct TypedAnswerKey: Sendable, Equatable {
    public let expected: String
    public let siblings: [String]

    public init(expected: String, siblings: [String] = []) {
        self.expected = expected
        self.siblings = siblings
    }
}

public struct TypedGrade: Sendable, Equatable {
    public enum Verdict: String, Sendable {
        /// The same answer after normalization (or a form the term allows, such as the
        /// acronym without its expansion).
        case exact
        /// A typo within the tolerance.
        case close
        /// Another term from the same place in the outline.
        case sibling
        case wrong
        case empty
    }

    public let verdict: Verdict
    /// The accepted form closest to the answer (`LRU` for `lru`).
    public let closest: String
    /// The sibling the answer named, for `.sibling`.
    public let sibling: String?
    /// The answer against `closest`, both normalized.
    public let diff: [DiffSegment]

    public var correct: Bool { verdict == .exact || verdict == .close }
}

/// Grades a typed answer the way a fair examiner would: case, quotes, dashes, spacing
/// and a final full stop do not matter; a parenthetical is optional (`LRU` for
/// `LRU (Least Recently Used)`); a typo is forgiven in answers of five or more
/// characters (normalized edit distance at most 0.2); short acronyms must be exact
/// (RPO is not RTO); and a sibling's term is never accepted, however close.
public enum TypedAnswerGrader {
    public static let maximumDistanceRatio = 0.2
    public static let minimumFuzzyLength = 5

    /// One accepted way of writing an answer.
    struct Form {
        let original: String
        let normalized: String
        let loose: String
        let isAcronym: Bool

        init(_ text: String) {
            original = text
            normalized = AnswerText.normalized(text)
            loose = AnswerText.loose(normalized)
            isAcronym = AnswerText.isAcronym(text)
        }
    }

    /// The forms a term may be written in: as written; without its parenthetical; and
    /// the parenthetical alone when it is the expansion of an acronym or the acronym of
    /// the name (`LRU (Least Recently Used)`, `Domain-Driven Design (DDD)`).
    static func forms(of term: String) -> [Form] {
        var texts = [term]
        let outer = AnswerText.withoutParentheticals(term)
        if !outer.isEmpty && outer != term { texts.append(outer) }
        for inner in AnswerText.parentheticals(term) {
            let outerWords = outer.split(separator: " ").count
            let innerWords = inner.split(separator: " ").count
            if (AnswerText.isAcronym(outer) && innerWords >= 2) || (AnswerText.isAcronym(inner) && outerWords >= 2) {
                texts.append(inner)
            }
        }
        var seen = Set<String>()
        return texts.map(Form.init).filter { !$0.loose.isEmpty && seen.insert($0.loose).inserted }
    }

    public static func grade(_ given: String, key: TypedAnswerKey) -> TypedGrade {
        let answer = Form(given)
        let expected = forms(of: key.expected)
        let expectedLoose = Set(expected.map(\.loose))
        // A sibling written the same way as the expected term (the outline repeats a
        // name) cannot be told apart and so is no sibling.
        let siblings = key.siblings.flatMap { sibling in forms(of: sibling).map { (sibling, $0) } }
            .filter { !expectedLoose.contains($0.1.loose) }
        let best = expected.min { distance(answer, $0) < distance(answer, $1) } ?? Form(key.expected)
        let diff = CharacterDiff.segments(given: answer.normalized, expected: best.normalized)

        guard !answer.loose.isEmpty else {
            return TypedGrade(verdict: .empty, closest: best.original, sibling: nil, diff: diff)
        }
        if expectedLoose.contains(answer.loose) {
            return TypedGrade(verdict: .exact, closest: best.original, sibling: nil, diff: diff)
        }
        if let named = siblings.first(where: { $0.1.loose == answer.loose }) {
            return TypedGrade(verdict: .sibling, closest: best.original, sibling: named.0, diff: diff)
        }
        let rival = siblings.filter { isWithinTolerance(answer, $0.1) }.min { distance(answer, $0.1) < distance(answer, $1.1) }
        let tolerated = expected.filter { isWithinTolerance(answer, $0) }
        guard let nearest = tolerated.min(by: { distance(answer, $0) < distance(answer, $1) }) else {
            // Wrong either way, but "that is Write-around" says more than "wrong".
            return TypedGrade(verdict: rival == nil ? .wrong : .sibling, closest: best.original, sibling: rival?.0, diff: diff)
        }
        // A typo of a sibling at least as close as to the answer is that sibling.
        if let rival, distance(answer, rival.1) <= distance(answer, nearest) {
            return TypedGrade(verdict: .sibling, closest: nearest.original, sibling: rival.0, diff: diff)
        }
        return TypedGrade(verdict: .close, closest: nearest.original, sibling: nil,
                          diff: CharacterDiff.segments(given: answer.normalized, expected: nearest.normalized))
    }

    static func distance(_ answer: Form, _ form: Form) -> Int {
        EditDistance.between(answer.loose, form.loose)
    }

    static func isWithinTolerance(_ answer: Form, _ form: Form) -> Bool {
        guard !form.isAcronym, form.loose.count >= minimumFuzzyLength else { return false }
        return Double(distance(answer, form)) <= maximumDistanceRatio * Double(form.loose.count)
    }
}
