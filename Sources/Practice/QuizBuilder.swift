import Study
import Deck

/// Builds a quiz from the cards: which cards, which kind of question for each, the
/// options and their order, all drawn from one seed so `--seed` repeats a quiz exactly.
public struct QuizBuilder {
    /// Every active card (distractors and siblings come from all of them).
    public let cards: [Card]
    /// Which cards may be asked about (`--section`); nil for all.
    public let filter: SectionFilter?

    /// What each question draws from, worked out once (see `DistractorPicker.Options`).
    private let options: DistractorPicker.Options
    /// The terms of each deck's section path, in card order, with their cards' IDs: a
    /// typed question's siblings (looked for among every card, a question took 37 ms on
    /// 190k cards).
    private let termsBySection: [SectionKey: [(id: CardID, term: String)]]

    struct SectionKey: Hashable {
        let deck: String
        let section: [String]
    }

    public init(cards: [Card], filter: SectionFilter? = nil) {
        // Quizzes ask about the cards written in the decks; reverse and comparison cards
        // are the review's (the typed quiz asks the reverse direction already). Copied
        // only when there is one to leave out: else the caller's array is shared (on 100k
        // cards, each copy is 20 MB).
        self.cards = cards.contains { $0.kind.isDerived } ? cards.filter { !$0.kind.isDerived } : cards
        self.filter = filter
        options = DistractorPicker.Options(self.cards)
        var terms: [SectionKey: [(id: CardID, term: String)]] = [:]
        for card in self.cards { terms[SectionKey(deck: card.deck, section: card.section), default: []].append((card.id, card.term)) }
        termsBySection = terms
    }

    /// The indexes in `cards` of the cards that may be asked about: a quiz shuffles and
    /// queues these, not copies of the cards (the draws depend on the count alone, so the
    /// order is the one shuffling the cards gave).
    var askable: [Int] {
        cards.indices.filter { filter?.matches(cards[$0]) ?? true }
    }

    public func build(mode: QuizMode, count: Int, seed: UInt64) -> [QuizQuestion] {
        var random = PracticeRandom(seed: seed)
        let pool = random.shuffled(askable)
        switch mode {
        case .choice:
            return Array(pool.lazy.compactMap { choiceQuestion(cards[$0], seed: seed) }.prefix(count))
        case .typed:
            return Array(pool.lazy.compactMap { typedQuestion(cards[$0]) }.prefix(count))
        case .cloze:
            // A card's clozes stay together and in order: each one's cue is the answer
            // just given, which is how overlapping clozes are meant to be learned.
            return Array(pool.lazy.flatMap { clozeQuestions(cards[$0]) }.prefix(count))
        case .mixed:
            return mixed(pool: pool, count: count, seed: seed, random: &random)
        }
    }

    /// Interleaves the three kinds in shuffled rounds (each round asks one of each), one
    /// question per card, falling back to another kind when one runs out.
    private func mixed(pool: [Int], count: Int, seed: UInt64, random: inout PracticeRandom) -> [QuizQuestion] {
        var queues: [QuestionMode: [Int]] = [:]
        for mode in QuestionMode.allCases { queues[mode] = pool }
        var used = Set<CardID>()
        var questions: [QuizQuestion] = []
        var round: [QuestionMode] = []
        while questions.count < count {
            if round.isEmpty { round = random.shuffled(QuestionMode.allCases) }
            let wanted = round.removeFirst()
            var made: QuizQuestion?
            for mode in [wanted] + QuestionMode.allCases.filter({ $0 != wanted }) where made == nil {
                while made == nil, let index = queues[mode]?.first {
                    queues[mode]?.removeFirst()
                    let card = cards[index]
                    guard !used.contains(card.id) else { continue }
                    made = question(mode, for: card, seed: seed)
                }
            }
            guard let made else { break }
            used.insert(made.card.id)
            questions.append(made)
        }
        return questions
    }

    private func question(_ mode: QuestionMode, for card: Card, seed: UInt64) -> QuizQuestion? {
        switch mode {
        case .choice: return choiceQuestion(card, seed: seed)
        case .typed: return typedQuestion(card)
        case .cloze:
            let clozes = clozeQuestions(card)
            guard !clozes.isEmpty else { return nil }
            var random = PracticeRandom(seed: seed).derived("cloze:" + card.id.rawValue)
            return clozes[random.int(in: 0...(clozes.count - 1))]
        }
    }

    /// The card's front with its answer among distractors. Each card draws from its own
    /// derived generator, so its options do not depend on which questions came before.
    public func choiceQuestion(_ card: Card, seed: UInt64) -> QuizQuestion? {
        guard DistractorPicker.canBeOption(card) else { return nil }
        var random = PracticeRandom(seed: seed).derived("choice:" + card.id.rawValue)
        let distractors = DistractorPicker.pick(for: card, among: options, random: &random)
        guard !distractors.isEmpty else { return nil }
        let options = random.shuffled([card.back] + distractors.map(\.back))
        let answer = options.firstIndex(of: card.back) ?? 0
        return QuizQuestion(mode: .choice, card: card, prompt: card.front, options: options, answerIndex: answer,
                            key: TypedAnswerKey(expected: card.back))
    }

    /// The definition, asking for the term; the term is blanked where the definition
    /// repeats it. Only definition cards: a list's or a drill's name is a heading, not
    /// something one recalls from its contents.
    public func typedQuestion(_ card: Card) -> QuizQuestion? {
        // A number card asks for its figure, graded by the estimate grader (QuizSession).
        if card.kind == .number, let value = card.items.first {
            return QuizQuestion(mode: .typed, card: card, prompt: card.front, key: TypedAnswerKey(expected: value))
        }
        guard card.kind == .definition, !card.back.isEmpty else { return nil }
        let siblings = (termsBySection[SectionKey(deck: card.deck, section: card.section)] ?? []).filter { $0.id != card.id }.map(\.term)
        let context = OutlineContext.title(of: card.section)
        let definition = Self.blanking(card.term, in: card.back)
        let prompt = (context.isEmpty ? "" : context + " — ") + "which term is this? " + definition
        return QuizQuestion(mode: .typed, card: card, prompt: prompt, key: TypedAnswerKey(expected: card.term, siblings: siblings, context: card.section))
    }

    public func clozeQuestions(_ card: Card) -> [QuizQuestion] {
        ClozeBuilder.prompts(for: card).map { cloze in
            QuizQuestion(mode: .cloze, card: card, prompt: cloze.text,
                         key: TypedAnswerKey(expected: cloze.expected, siblings: cloze.siblings,
                                              context: card.section + [card.term]))
        }
    }

    /// `text` with every case-insensitive occurrence of `term` (without its
    /// parenthetical, at least three letters) replaced by a blank.
    static func blanking(_ term: String, in text: String) -> String {
        let name = AnswerText.withoutParentheticals(term).map { $0.lowercased() }
        guard name.count >= 3 else { return text }
        let characters = Array(text)
        let lowered = characters.map { $0.lowercased() }
        var result = ""
        var index = 0
        while index < characters.count {
            if index + name.count <= characters.count, Array(lowered[index..<(index + name.count)]) == name {
                result += ClozeBuilder.blank
                index += name.count
            } else {
                result.append(characters[index])
                index += 1
            }
        }
        return result
    }
}
