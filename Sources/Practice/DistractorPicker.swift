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
        let answer = AnswerText.normalized(card.back)
        let term = AnswerText.normalized(card.term)
        var used: Set<String> = [answer]
        var tiers: [[Card]] = Array(repeating: [], count: 4)
        for other in candidates where other.id != card.id && canBeOption(other) {
            guard AnswerText.normalized(other.term) != term else { continue }
            tiers[tier(of: other, relativeTo: card)].append(other)
        }
        var chosen: [Card] = []
        for tier in tiers where chosen.count < count {
            let shuffled = random.shuffled(tier)
            let ranked = shuffled.enumerated().sorted { lhs, rhs in
                let left = lengthBucket(lhs.element.back, card.back), right = lengthBucket(rhs.element.back, card.back)
                return left != right ? left < right : lhs.offset < rhs.offset
            }.map(\.element)
            for other in ranked where chosen.count < count {
                if used.insert(AnswerText.normalized(other.back)).inserted { chosen.append(other) }
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
