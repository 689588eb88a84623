import Study
import TextMatching

/// What a typed answer is graded against: the expected term and the terms it must not
/// be confused with (its siblings in the outline, or the other items of a cloze).
public struct TypedAnswerKey: Sendable, Equatable {
    public let expected: String
    public let siblings: [String]
    /// The card's section path (headings, outermost first): its words may be added to or
    /// left out of an answer (`vertical scaling` under Scalability).
    public let context: [String]

    public init(expected: String, siblings: [String] = [], context: [String] = []) {
        self.expected = expected
        self.siblings = siblings
        self.context = context
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
    /// Why: the rule that accepted a form other than the term as written ("the acronym
    /// of Two-Phase Commit"), the typo forgiven ("one letter off"), or why a near miss was
    /// refused ("'scaling' alone is too generic", "that is 'RTO', not this one").
    public let reason: String?

    public var correct: Bool { verdict == .exact || verdict == .close }

    init(verdict: Verdict, closest: String, sibling: String?, diff: [DiffSegment], reason: String? = nil) {
        self.verdict = verdict
        self.closest = closest
        self.sibling = sibling
        self.diff = diff
        self.reason = reason ?? sibling.map { "that is '\($0)', not this one" }
    }
}

/// Grades a typed answer the way a fair examiner would (docs/practice.md, "What typed
/// answers count"): case, quotes, dashes, spacing and a final full stop do not matter; a
/// parenthetical is optional (`LRU` for `LRU (Least Recently Used)`); other names the card
/// gives, the acronym of the term, the forms of a word, the field's synonyms
/// (`FieldVocabulary`) and qualifier words (`saga` for Saga Pattern, `vertical scaling`
/// under Scalability) count; a typo is forgiven in answers of five or more characters
/// (normalized edit distance at most 0.2); acronyms are compared letter for letter (RPO
/// is not RTO); and a sibling's term is never accepted, however close, nor an answer
/// that would fit a sibling as well as the term.
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

    /// The forms a term may be written in exactly: as written; without its parenthetical;
    /// and the parenthetical alone when it is the expansion of an acronym or the acronym of
    /// the name (`LRU (Least Recently Used)`, `Domain-Driven Design (DDD)`). The other
    /// forms a term allows are `AnswerForms`'.
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

        // The other forms a term allows (aliases, acronyms, word forms, synonyms,
        // qualifiers), for the term and for each sibling. An answer that fits both is
        // refused: the grader cannot tell which one was meant.
        let words = AnswerWords.withSynonyms(AnswerWords.split(given))
        let expectedForms = AnswerForms.forms(of: key.expected)
        let rivals = Set(siblings.map(\.0)).sorted().map { ($0, AnswerForms.forms(of: $0)) }
        let qualifiers = AnswerForms.qualifiers(context: key.context, own: expectedForms, others: rivals.map(\.1))
        let rivalMatches = rivals.compactMap { name, forms -> (String, [AnswerForms.Note])? in
            let others = [expectedForms] + rivals.filter { $0.0 != name }.map(\.1)
            let theirs = AnswerForms.qualifiers(context: key.context, own: forms, others: others)
            return bestMatch(words, forms, theirs).map { (name, $0.notes) }
        }
        let accepted = bestMatch(words, expectedForms, qualifiers)
        if let rival = rivalMatches.first {
            if let accepted {
                return TypedGrade(verdict: .sibling, closest: accepted.form.text, sibling: rival.0, diff: diff,
                                  reason: "that fits '\(rival.0)' as well as this one; name it exactly")
            }
            return TypedGrade(verdict: .sibling, closest: best.original, sibling: rival.0, diff: diff,
                              reason: "that is '\(rival.0)', not this one")
        }

        // Typos of the term as written, graded as before the rules came (`Microservice`
        // is one letter off, even though it is also the singular).
        let rival = siblings.filter { isWithinTolerance(answer, $0.1) }.min { distance(answer, $0.1) < distance(answer, $1.1) }
        let tolerated = expected.filter { isWithinTolerance(answer, $0) }
        let nearest = tolerated.min(by: { distance(answer, $0) < distance(answer, $1) })
        // A typo of a sibling at least as close as to the answer is that sibling.
        if let rival, nearest == nil || distance(answer, rival.1) <= distance(answer, nearest!) {
            // Wrong either way, but "that is Write-around" says more than "wrong".
            return TypedGrade(verdict: .sibling, closest: nearest?.original ?? best.original, sibling: rival.0, diff: diff)
        }
        if let nearest {
            if AnswerForms.isNegation(answer.loose, nearest.loose) {
                return TypedGrade(verdict: .wrong, closest: nearest.original, sibling: nil, diff: diff,
                                  reason: "not a typo: '\(answer.normalized)' is another word")
            }
            let letters = distance(answer, nearest)
            return TypedGrade(verdict: .close, closest: nearest.original, sibling: nil,
                              diff: CharacterDiff.segments(given: answer.normalized, expected: nearest.normalized),
                              reason: (letters == 1 ? "one letter" : letters == 2 ? "two letters" : "\(letters) letters") + " off")
        }
        if let accepted {
            let closest = Form(accepted.form.text)
            return TypedGrade(verdict: .exact, closest: closest.original, sibling: nil,
                              diff: CharacterDiff.segments(given: answer.normalized, expected: closest.normalized),
                              reason: reason(accepted.notes))
        }
        return TypedGrade(verdict: .wrong, closest: best.original, sibling: nil, diff: diff,
                          reason: refusal(answer, words, expectedForms, qualifiers, term: key.expected))
    }

    /// The first form `words` match, with the fewest notes.
    static func bestMatch(_ words: [AnswerWord], _ forms: [AnswerForms.Form], _ qualifiers: Set<String>)
        -> (form: AnswerForms.Form, notes: [AnswerForms.Note])? {
        var best: (form: AnswerForms.Form, notes: [AnswerForms.Note])?
        for form in forms {
            guard let notes = AnswerForms.match(words, form, qualifiers: qualifiers) else { continue }
            if best == nil || notes.count < best!.notes.count { best = (form, notes) }
        }
        return best
    }

    static func reason(_ notes: [AnswerForms.Note]) -> String? {
        var texts: [String] = []
        for note in notes where !texts.contains(note.text) { texts.append(note.text) }
        return texts.isEmpty ? nil : texts.joined(separator: "; ")
    }

    /// Why a miss that is no typo and no sibling was refused, when there is more to say
    /// than "wrong": an answer of qualifier words only, a gloss of the term, or only part
    /// of the term.
    static func refusal(_ answer: Form, _ words: [AnswerWord], _ forms: [AnswerForms.Form], _ qualifiers: Set<String>,
                        term: String) -> String? {
        let typed = "'" + answer.original.split(separator: " ").joined(separator: " ") + "'"
        if words.allSatisfy({ AnswerForms.isQualifier($0, qualifiers) }) {
            return "\(typed) alone is too generic"
        }
        let plain = AnswerWords.split(answer.original)
        for gloss in AnswerForms.glosses(of: term) where AnswerForms.sameWords(plain, AnswerWords.split(gloss), term: gloss) != nil {
            return "\(typed) alone is too generic: it only explains \(AnswerText.withoutParentheticals(term))"
        }
        let core = plain.filter { !AnswerForms.isQualifier($0, qualifiers) }
        for form in forms where core.count < form.plain.count {
            if core.allSatisfy({ word in form.plain.contains { word.isSame(as: $0) } }) {
                return "\(typed) is only part of the term"
            }
        }
        return nil
    }

    static func distance(_ answer: Form, _ form: Form) -> Int {
        EditDistance.between(answer.loose, form.loose)
    }

    static func isWithinTolerance(_ answer: Form, _ form: Form) -> Bool {
        guard !form.isAcronym, form.loose.count >= minimumFuzzyLength else { return false }
        return Double(distance(answer, form)) <= maximumDistanceRatio * Double(form.loose.count)
    }
}
