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
        tier(deck: other.deck, section: other.section, relativeTo: card)
    }

    /// The tier of a card in `deck` under `section`.
    static func tier(deck: String, section: [String], relativeTo card: Card) -> Int {
        if deck == card.deck && section == card.section { return 0 }
        if deck == card.deck && card.section.count >= 2 && section.count >= 2
            && section.prefix(2) == card.section.prefix(2) { return 1 }
        if deck == card.deck && !card.section.isEmpty && section.first == card.section.first { return 2 }
        return 3
    }

    /// Up to `count` cards whose backs are wrong options for `card`: never the same
    /// answer after normalization, never a card with the same term (the outline may
    /// define "Replication" twice, and both answers would be right), never twice the same.
    public static func pick(for card: Card, among candidates: [Card], count: Int = 3, random: inout PracticeRandom) -> [Card] {
        pick(for: card, among: Options(QuizCatalog(candidates)), count: count, random: &random)
    }

    /// The cards of a catalog that can be options, each with its normalized term, worked
    /// out once for a whole quiz: normalizing every card's term again for each question
    /// took a choice question about a second on a deck of 190k cards.
    public struct Options {
        let catalog: QuizCatalog
        /// The catalog numbers of the cards that can be options.
        let indexes: [Int]
        let terms: [String]

        public init(_ catalog: QuizCatalog) {
            self.catalog = catalog
            indexes = catalog.entries.indices.filter { catalog.entries[$0].canBeOption }
            terms = indexes.map { AnswerText.normalized(catalog.entries[$0].term) }
        }
    }

    public static func pick(for card: Card, among options: Options, count: Int = 3, random: inout PracticeRandom) -> [Card] {
        let answer = AnswerText.normalized(card.back)
        let term = AnswerText.normalized(card.term)
        let catalog = options.catalog
        var used: Set<String> = [answer]
        // Option numbers, sorted by what the catalog knows of each card: a card is read
        // whole only when its back is about to be offered.
        var tiers: [[Int]] = Array(repeating: [], count: 4)
        for option in options.indexes.indices where options.terms[option] != term {
            let index = options.indexes[option]
            guard catalog.entries[index].id != card.id else { continue }
            tiers[tier(deck: catalog.deck(index), section: catalog.section(index), relativeTo: card)].append(option)
        }
        let length = card.back.count
        var chosen: [Card] = []
        for tier in tiers where chosen.count < count {
            let shuffled = random.shuffled(tier)
            // Each back's length is counted once, not in every comparison of the sort.
            let buckets = shuffled.map { lengthBucket(Int(catalog.entries[options.indexes[$0]].backLength), length) }
            let ranked = shuffled.indices.sorted { buckets[$0] != buckets[$1] ? buckets[$0] < buckets[$1] : $0 < $1 }
                .map { shuffled[$0] }
            for option in ranked where chosen.count < count {
                guard let other = catalog.card(options.indexes[option]) else { continue }
                if used.insert(AnswerText.normalized(other.back)).inserted { chosen.append(other) }
            }
        }
        return chosen
    }

    /// 0 when the lengths are within 1.5x of each other, then one more per further 1.5x.
    static func lengthBucket(_ text: String, _ reference: String) -> Int {
        lengthBucket(text.count, reference.count)
    }

    /// The same on lengths in characters.
    static func lengthBucket(_ length: Int, _ referenceLength: Int) -> Int {
        let a = Double(max(1, length)), b = Double(max(1, referenceLength))
        var ratio = max(a, b) / min(a, b)
        var bucket = 0
        while ratio > 1.5 {
            ratio /= 1.5
            bucket += 1
        }
        return bucket
    }
}
