import Study
import Deck
import TextMatching

/// A design exercise: a `drill` card (section 16 of the outline, or any drill card of a
/// user deck) with its talking points.
public struct DrillExercise: Sendable, Equatable {
    public let card: Card
    /// 1-based position in `drill --list`.
    public let number: Int
    /// The interviewer's notes for it (built-in file or the card's own sub-bullets); nil
    /// where there are none and the drill uses the generic checklist.
    public var rubric: DrillRubric?

    public init(card: Card, number: Int, rubric: DrillRubric? = nil) {
        self.card = card
        self.number = number
        self.rubric = rubric
    }

    public var name: String { card.term }
    /// The card's sub-bullets, less those that are parts of a rubric (`Probes`, ...).
    public var talkingPoints: [String] { card.items.filter { RubricReader.section(named: $0) == nil } }
    /// The group it is listed under: "Design Exercises", "Failure Scenarios".
    public var group: String { OutlineContext.title(of: Array(card.section.suffix(1))) }
}

/// Finds exercises among the cards and picks one by name.
public enum DrillCatalog {
    public static func exercises(from cards: [Card]) -> [DrillExercise] {
        cards.filter { $0.kind == .drill }.enumerated().map { DrillExercise(card: $1, number: $0 + 1) }
    }

    public enum Match: Sendable, Equatable {
        case found(DrillExercise)
        case ambiguous([DrillExercise])
        /// Nothing matched; the closest names, best first (possibly none).
        case none(suggestions: [DrillExercise])
    }

    /// `3`, `url`, `rate limiter`, `partition`: the list number, the exact name, a
    /// case-insensitive part of the name, all of its words in any order, or else the
    /// closest names as suggestions.
    public static func match(_ query: String, in exercises: [DrillExercise]) -> Match {
        let wanted = AnswerText.loose(AnswerText.normalized(query))
        guard !wanted.isEmpty else { return .none(suggestions: []) }
        if let number = Int(wanted), let exercise = exercises.first(where: { $0.number == number }) { return .found(exercise) }
        let names = exercises.map { AnswerText.loose(AnswerText.normalized($0.name)) }
        if let exact = names.firstIndex(of: wanted) { return .found(exercises[exact]) }

        let containing = exercises.indices.filter { names[$0].contains(wanted) }
        // "rate" is in "generate" too: when several contain the text, those where it
        // starts a word win.
        let atWordStart = containing.filter { (" " + names[$0]).contains(" " + wanted) }
        if containing.count > 1, atWordStart.count == 1 { return .found(exercises[atWordStart[0]]) }
        if let decided = decide(containing, exercises) { return decided }
        let words = wanted.split(separator: " ")
        let allWords = exercises.indices.filter { index in words.allSatisfy { names[index].contains($0) } }
        if let decided = decide(allWords, exercises) { return decided }

        // Closest by edit distance to the whole name or to any run of as many words.
        var scored: [(index: Int, distance: Double)] = []
        for index in exercises.indices {
            let distance = closeness(of: wanted, to: names[index])
            if distance <= 0.5 { scored.append((index, distance)) }
        }
        scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.index < $1.index }
        return .none(suggestions: scored.prefix(3).map { exercises[$0.index] })
    }

    /// Normalized edit distance (0 same, 1 nothing alike) from `query` to `name` or to
    /// the best run of as many words of it.
    static func closeness(of query: String, to name: String) -> Double {
        func ratio(_ a: String, _ b: String) -> Double {
            Double(EditDistance.between(a, b)) / Double(max(1, max(a.count, b.count)))
        }
        let queryWords = query.split(separator: " ").count
        let nameWords = name.split(separator: " ").map(String.init)
        var best = ratio(query, name)
        if nameWords.count >= queryWords {
            for start in 0...(nameWords.count - queryWords) {
                best = min(best, ratio(query, nameWords[start..<(start + queryWords)].joined(separator: " ")))
            }
        }
        return best
    }

    private static func decide(_ indices: [Int], _ exercises: [DrillExercise]) -> Match? {
        switch indices.count {
        case 0: return nil
        case 1: return .found(exercises[indices[0]])
        default: return .ambiguous(indices.map { exercises[$0] })
        }
    }
}
