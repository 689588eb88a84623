import Deck
import Testing
@testable import Study
@testable import Practice

/// Distractors, cloze prompts and quiz assembly on the real outline.
@Suite struct PracticeQuizBuilderTests {
    let cards = PracticeSeed.cards

    @Test func writeThroughDistractorsAreItsSiblingsThenItsSubsection() {
        let card = PracticeSeed.card("Write-through")
        for seed: UInt64 in [1, 2, 3, 42, 999] {
            var random = PracticeRandom(seed: seed)
            let distractors = DistractorPicker.pick(for: card, among: cards, random: &random)
            let terms = distractors.map(\.term)
            #expect(terms.count == 3)
            #expect(terms.contains("Write-back") && terms.contains("Write-around"), "seed \(seed): \(terms)")
            // The third comes from 3.4 Caching (the same subsection), not from elsewhere.
            let third = distractors.first { !["Write-back", "Write-around"].contains($0.term) }!
            #expect(third.section.prefix(2) == card.section.prefix(2), "seed \(seed): \(third.term)")
        }
    }

    @Test func distractorsAreDeterministicForASeed() {
        let card = PracticeSeed.card("Consistent Hashing")
        func pick(_ seed: UInt64) -> [String] {
            var random = PracticeRandom(seed: seed)
            return DistractorPicker.pick(for: card, among: cards, random: &random).map(\.term)
        }
        #expect(pick(7) == pick(7))
        let builder = QuizBuilder(cards: cards)
        #expect(builder.choiceQuestion(card, seed: 7)?.options == builder.choiceQuestion(card, seed: 7)?.options)
        // Positions are shuffled: over a few seeds the answer is not always in one place.
        let positions = Set((1...12).compactMap { builder.choiceQuestion(card, seed: UInt64($0))?.answerIndex })
        #expect(positions.count > 1)
    }

    @Test func noDistractorRepeatsOrEqualsTheAnswerAfterNormalization() {
        for card in cards where DistractorPicker.canBeOption(card) {
            var random = PracticeRandom(seed: 5)
            let backs = DistractorPicker.pick(for: card, among: cards, random: &random).map { AnswerText.normalized($0.back) }
            #expect(Set(backs).count == backs.count, "\(card.term)")
            #expect(!backs.contains(AnswerText.normalized(card.back)), "\(card.term)")
        }
    }

    @Test func tiersFallBackFromSiblingsToSubsectionToSectionToAnywhere() throws {
        let outline = """
        # 1. One
        ## 1.1 Sub
        - Label:
          - Asked: the answer.
          - Twin: The answer
          - Sibling: a sibling answer.
        - Cousin: a cousin in the subsection.
        ## 1.2 Other
        - Section mate: same top section.
        # 2. Two
        - Stranger: from elsewhere.
        - Another stranger: also from elsewhere.
        """
        let cards = try OutlineParser(deck: "t", file: "t.md").parse(outline).filter { !$0.kind.isDerived }
        let asked = cards.first { $0.term == "Asked" }!
        var random = PracticeRandom(seed: 3)
        let picked = DistractorPicker.pick(for: asked, among: cards, random: &random).map(\.term)
        // "Twin" says the same thing as the answer (case and full stop aside): never an option.
        #expect(picked == ["Sibling", "Cousin", "Section mate"])
        var more = PracticeRandom(seed: 3)
        #expect(DistractorPicker.pick(for: asked, among: cards, count: 5, random: &more).map(\.term).suffix(2).sorted()
                == ["Another stranger", "Stranger"])
    }

    @Test func similarLengthsComeFirstWithinATier() {
        #expect(DistractorPicker.lengthBucket("twenty characters ok", "twenty-one characters") == 0)
        #expect(DistractorPicker.lengthBucket("short", "a much much longer answer than that") >= 3)
    }

    /// An unordered set: each cloze shows the other items (in an order of their own) and
    /// hides one; every item is hidden once, so the item hidden changes between asks.
    @Test func evictionBecomesThreeClozesThatTeachNoOrder() {
        let eviction = PracticeSeed.card("Eviction")
        let prompts = ClozeBuilder.prompts(for: eviction)
        #expect(prompts.map(\.expected) == ["LRU (Least Recently Used)", "LFU (Least Frequently Used)", "FIFO"])
        for prompt in prompts {
            #expect(prompt.text.hasPrefix("Caching › Eviction — one is missing: "))
            #expect(prompt.text.hasSuffix(", ___"))
            #expect(!prompt.text.contains("item "), "no position is asked")
            for other in prompt.siblings { #expect(prompt.text.contains(other)) }
            #expect(!prompt.text.contains(prompt.expected))
        }
        let second = TypedAnswerKey(expected: prompts[1].expected, siblings: prompts[1].siblings)
        #expect(TypedAnswerGrader.grade("LFU", key: second).correct)
        #expect(TypedAnswerGrader.grade("least frequently used", key: second).correct)
        #expect(TypedAnswerGrader.grade("LRU", key: second).verdict == .sibling)
        #expect(TypedAnswerGrader.grade("FIFO", key: second).verdict == .sibling)
    }

    @Test func enumerationsOfTheSeed() {
        let found = cards.flatMap(ClozeBuilder.enumerations).map { "\($0.title): \($0.items.joined(separator: " | "))" }
        #expect(found == [
            "Non-Functional Requirements (NFRs) › Security & Compliance: Encryption | authentication | legal rules (GDPR, PCI-DSS)",
            "Caching › Eviction: LRU (Least Recently Used) | LFU (Least Frequently Used) | FIFO",
            "CAP Theorem: You can only have two of: Consistency | Availability | Partition tolerance",
            "High-Level Architecture Patterns › Layered (n-tier): Presentation | business logic | data layers",
            "Authentication & Authorization: OAuth2 | OpenID Connect | JWT tokens",
            "Encryption: TLS for data in-transit | KMS/HSM for data at-rest",
            "Scalability & Performance Tuning › Sharding Patterns: Range | hash | directory (central routing table)",
            "Scalability & Performance Tuning › Database Optimizations: Denormalize for reads | materialized views | read-replicas",
            "Deployment & Operations › CI/CD Pipelines: Automate build | test | deploy",
            "URL shortener (talking points): key generation | redirection | analytics",
            "Chat service (talking points): real-time messaging | presence | history",
            "Notification system (talking points): fan-out | deduplication | retries",
        ])
        // Clauses are not items: "covering indexes speed up queries" makes no blank.
        #expect(ClozeBuilder.enumerations(of: PracticeSeed.card("Indexing")).isEmpty)
        #expect(ClozeBuilder.enumerations(of: PracticeSeed.card("Resource Sizing")).isEmpty)
    }

    @Test(arguments: [QuizMode.choice, .typed, .cloze, .mixed])
    func aSeedRepeatsAQuizExactly(mode: QuizMode) {
        let builder = QuizBuilder(cards: cards)
        let first = builder.build(mode: mode, count: 10, seed: 2024)
        let again = builder.build(mode: mode, count: 10, seed: 2024)
        let other = builder.build(mode: mode, count: 10, seed: 2025)
        #expect(first.count == 10)
        #expect(first.map(\.prompt) == again.map(\.prompt))
        #expect(first.map(\.options) == again.map(\.options))
        #expect(first.map(\.prompt) != other.map(\.prompt))
        if mode != .mixed { #expect(first.allSatisfy { $0.mode.rawValue == mode.rawValue }) }
    }

    @Test func mixedInterleavesAllThreeKindsOneQuestionPerCard() {
        let questions = QuizBuilder(cards: cards).build(mode: .mixed, count: 30, seed: 11)
        #expect(questions.count == 30)
        #expect(Set(questions.map(\.mode)) == Set(QuestionMode.allCases))
        #expect(Set(questions.map(\.card.id)).count == 30)
        // Each round of three asks each kind once while all three last.
        let firstRound = questions.prefix(3).map(\.mode)
        #expect(Set(firstRound).count == 3)
    }

    @Test func sectionFilterAndCountsAreRespected() {
        let builder = QuizBuilder(cards: cards, filter: SectionFilter("3.4"))
        let questions = builder.build(mode: .choice, count: 50, seed: 1)
        #expect(questions.count == 6)  // the six definitions of 3.4 Caching
        #expect(questions.allSatisfy { $0.card.section[1] == "3.4 Caching" })
        #expect(builder.build(mode: .cloze, count: 50, seed: 1).map(\.key.expected) ==
                ["LRU (Least Recently Used)", "LFU (Least Frequently Used)", "FIFO"])
        #expect(QuizBuilder(cards: cards, filter: SectionFilter("16")).build(mode: .typed, count: 5, seed: 1).isEmpty)
    }

    @Test func typedQuestionsAskForTheTermWithoutGivingItAway() {
        let builder = QuizBuilder(cards: cards)
        let question = builder.typedQuestion(PracticeSeed.card("Partitioning"))!
        #expect(question.prompt == "Database Scaling — which term is this? Similar to sharding, but can be within one database engine.")
        #expect(question.key.expected == "Partitioning")
        #expect(question.key.siblings == ["Replication", "Sharding"])
        #expect(QuizBuilder.blanking("Sharding", in: "Sharding: split. Resharding is hard.") == "___: split. Re___ is hard.")
        #expect(builder.typedQuestion(PracticeSeed.card("Eviction")) == nil)
    }

    @Test func generatorIsFullySpecified() {
        // SplitMix64's published first outputs for seed 1234567.
        var random = PracticeRandom(seed: 1_234_567)
        #expect(random.next() == 6_457_827_717_110_365_317)
        #expect(random.next() == 3_203_168_211_198_807_973)
        // Fisher-Yates from the top with Lemire reduction (checked against a Python model).
        var shuffler = PracticeRandom(seed: 9)
        #expect(shuffler.shuffled(Array(1...6)) == [6, 1, 3, 2, 4, 5])
    }
}

extension PracticeQuizBuilderTests {
    /// A numbered list keeps its order: the item before is the cue, and the position is asked.
    @Test func numberedStepsKeepTheirOrder() throws {
        let cards = try OutlineParser(deck: "t", file: "t.md").parse("# Deploy\n\n## Rollout\n\n1. Canary\n2. Ramp\n3. Full\n")
            .filter { !$0.kind.isDerived }
        let list = try #require(cards.first)
        #expect(list.front == "Rollout: name the 3 steps in order.")
        #expect(list.asksInOrder)
        let prompts = ClozeBuilder.prompts(for: list)
        #expect(prompts.map(\.text) == ["Rollout (item 1 of 3): ___, …", "Rollout (item 2 of 3): Canary, ___, …", "Rollout (item 3 of 3): Ramp, ___"])
    }
}
