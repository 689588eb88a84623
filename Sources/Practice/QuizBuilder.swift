import Study
import Deck

/// Builds a quiz from the cards: which cards, which kind of question for each, the
/// options and their order, all drawn from one seed so `--seed` repeats a quiz exactly.
public struct QuizBuilder {
    /// Every card a question may be about or an option may come from, written cards only.
    public let catalog: QuizCatalog
    /// Which cards may be asked about (`--section`); nil for all.
    public let filter: SectionFilter?

    /// What each question draws from, worked out once (see `DistractorPicker.Options`).
    private let options: DistractorPicker.Options

    public init(cards: [Card], filter: SectionFilter? = nil) {
        // Quizzes ask about the cards written in the decks; reverse and comparison cards
        // are the review's (the typed quiz asks the reverse direction already).
        self.init(catalog: QuizCatalog(cards.contains { $0.kind.isDerived } ? cards.filter { !$0.kind.isDerived } : cards),
                  filter: filter)
    }

    /// `catalog` holds the written cards only (no reverse or comparison card).
    public init(catalog: QuizCatalog, filter: SectionFilter? = nil) {
        self.catalog = catalog
        self.filter = filter
        options = DistractorPicker.Options(catalog)
    }

    /// The numbers in `catalog` of the cards that may be asked about: a quiz shuffles and
    /// queues these, not copies of the cards (the draws depend on the count alone, so the
    /// order is the one shuffling the cards gave).
    var askable: [Int] {
        catalog.entries.indices.filter { index in
            guard let filter else { return true }
            let entry = catalog.entries[index]
            return filter.matches(catalog.section(index), term: entry.kind == .question ? "" : entry.term)
        }
    }

    public func build(mode: QuizMode, count: Int, seed: UInt64) -> [QuizQuestion] {
        var random = PracticeRandom(seed: seed)
        let pool = random.shuffled(askable)
        switch mode {
        case .choice:
            // Cards read whole only when the catalog says a question can be made of them.
            return first(count, of: pool) { catalog.entries[$0].canBeOption ? catalog.card($0).flatMap { choiceQuestion($0, seed: seed) } : nil }
        case .typed:
            return first(count, of: pool) { mayBeTyped($0) ? catalog.card($0).flatMap(typedQuestion) : nil }
        case .cloze:
            // A card's clozes stay together and in order: each one's cue is the answer
            // just given, which is how overlapping clozes are meant to be learned.
            return Array(pool.lazy.flatMap { catalog.card($0).map(clozeQuestions) ?? [] }.prefix(count))
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
                    guard !used.contains(catalog.entries[index].id), mayBe(mode, index), let card = catalog.card(index) else { continue }
                    made = question(mode, for: card, seed: seed)
                }
            }
            guard let made else { break }
            used.insert(made.card.id)
            questions.append(made)
        }
        return questions
    }

    /// The first `count` questions `make` makes of the cards of `pool`, in order, each card
    /// tried once (a lazy `compactMap` made each question twice, and read its cards twice).
    private func first(_ count: Int, of pool: [Int], _ make: (Int) -> QuizQuestion?) -> [QuizQuestion] {
        var questions: [QuizQuestion] = []
        for index in pool where questions.count < count {
            if let question = make(index) { questions.append(question) }
        }
        return questions
    }

    /// Whether the catalog allows a question of `mode` about card `index` (cheap checks,
    /// so that cards that cannot make one are not read whole).
    private func mayBe(_ mode: QuestionMode, _ index: Int) -> Bool {
        switch mode {
        case .choice: return catalog.entries[index].canBeOption
        case .typed: return mayBeTyped(index)
        case .cloze: return true
        }
    }

    /// Typed questions are about definitions with an answer and about number cards.
    private func mayBeTyped(_ index: Int) -> Bool {
        let entry = catalog.entries[index]
        return entry.kind == .number || (entry.kind == .definition && entry.backLength > 0)
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
        // The terms of the other cards of its deck and section path, in card order.
        let siblings = catalog.cards(inSectionOf: card).filter { catalog.entries[$0].id != card.id }.map { catalog.entries[$0].term }
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
