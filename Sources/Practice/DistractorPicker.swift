import Study
import Deck

/// Wrong options for a multiple-choice question, taken where they are most tempting:
/// first the card's siblings (same section path: write-through, write-back,
/// write-around), then its subsection, then its section, then anywhere. Within a tier,
/// answers of a length similar to the right one come first, so length gives nothing away.
public enum DistractorPicker {
    /// Cards whose back can be an option: one-line answers (definitions, short Q/A).
    public static func canBeOption(_ card: Card) -> Bool {
        switch card.kind {
        case .definition: return !card.back.isEmpty
        case .question: return !card.back.isEmpty && !card.back.contains("\n") && card.back.count <= 200
        case .list, .drill, .reverse, .comparison, .number: return false
        }
    }

    /// How near `other` sits to `card` in the outline: 0 siblings, 1 same subsection,
    /// 2 same section, 3 elsewhere.
    public static func tier(of other: Card, relativeTo card: Card) -> Int {
        if other.deck == card.deck && other.section == card.section { return 0 }
        if other.deck == card.deck && card.section.count >= 2 && other.section.count >= 2
            && other.section.prefix(2) == card.section.prefix(2) { return 1 }
        if other.deck == card.deck && !card.section.isEmpty && other.section.first == card.section.first { return 2 }
        return 3
    }

    /// Up to `count` cards whose backs are wrong options for `card`: never the same
    /// answer after normalization, never a card with the same term (the outline may
    /// define "Replication" twice, and both answers would be right), never twice the same.
    public static func pick(for card: Card, among candidates: [Card], count: Int = 3, random: inout PracticeRandom) -> [Card] {
        pick(for: card, among: Options(candidates), count: count, random: &random)
    }

    /// The cards that can be options, each with its normalized term, worked out once for
    /// a whole quiz: normalizing every card's term again for each question took a choice
    /// question about a second on a deck of 190k cards.
    /// The candidates are kept as given (an array shared with the caller, not a copy of
    /// the ones that can be options: 20 MB on 100k cards) with the indexes of those that can.
    public struct Options: Sendable {
        let candidates: [Card]
        let indexes: [Int]
        let terms: [String]

        public init(_ candidates: [Card]) {
            self.candidates = candidates
            indexes = candidates.indices.filter { DistractorPicker.canBeOption(candidates[$0]) }
            terms = indexes.map { AnswerText.normalized(candidates[$0].term) }
        }

        /// Option number `option` (an index into `indexes` and `terms`).
        func card(_ option: Int) -> Card { candidates[indexes[option]] }
    }

    public static func pick(for card: Card, among options: Options, count: Int = 3, random: inout PracticeRandom) -> [Card] {
        let answer = AnswerText.normalized(card.back)
        let term = AnswerText.normalized(card.term)
        var used: Set<String> = [answer]
        // Option numbers, not copies of the cards: a copy per card per question was most
        // of what was left of a question's time.
        var tiers: [[Int]] = Array(repeating: [], count: 4)
        for option in options.indexes.indices where options.terms[option] != term {
            let other = options.card(option)
            guard other.id != card.id else { continue }
            tiers[tier(of: other, relativeTo: card)].append(option)
        }
        var chosen: [Card] = []
        for tier in tiers where chosen.count < count {
            let shuffled = random.shuffled(tier)
            // Each back's length is counted once, not in every comparison of the sort.
            let buckets = shuffled.map { lengthBucket(options.card($0).back, card.back) }
            let ranked = shuffled.indices.sorted { buckets[$0] != buckets[$1] ? buckets[$0] < buckets[$1] : $0 < $1 }
                .map { shuffled[$0] }
            for index in ranked where chosen.count < count {
                let option = options.card(index)
                if used.insert(AnswerText.normalized(option.back)).inserted { chosen.append(option) }
            }
        }
        return chosen
    }

    /// 0 when the lengths are within 1.5x of each other, then one more per further 1.5x.
    static func lengthBucket(_ text: String, _ reference: String) -> Int {
        let a = Double(max(1, text.count)), b = Double(max(1, reference.count))
        var ratio = max(a, b) / min(a, b)
        var bucket = 0
        while ratio > 1.5 {
            ratio /= 1.5
            bucket += 1
        }
        return bucket
    }
}
