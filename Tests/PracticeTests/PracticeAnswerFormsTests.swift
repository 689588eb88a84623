import Testing
import Deck
@testable import Study
@testable import Practice

/// The pieces of fair typed grading: the synonym table, acronyms made from a term, names
/// on the card, qualifiers, the guard that keeps two terms of one section apart, and the
/// reasons given.
@Suite struct PracticeAnswerFormsTests {
    @Test func everySynonymNameReadsAsItsGroup() {
        for (group, names) in FieldVocabulary.synonyms.enumerated() {
            #expect(names.count >= 2, "group \(names) needs two names")
            for name in names {
                let words = AnswerWords.withSynonyms(AnswerWords.split(name))
                #expect(words.map(\.raw) == ["≡\(group)"], "\(name) -> \(words.map(\.raw))")
            }
        }
    }

    @Test func noNameIsInTwoGroups() {
        var seen: [String: Int] = [:]
        for (group, names) in FieldVocabulary.synonyms.enumerated() {
            for name in names {
                let key = AnswerWords.split(name).map(\.stem).joined(separator: " ")
                #expect(seen[key] == nil || seen[key] == group, "'\(name)' is in two groups")
                seen[key] = group
            }
        }
    }

    @Test func acronymsAreMadeFromTheWordsWithNumbersAsDigits() {
        #expect(AnswerWords.acronyms(of: AnswerWords.split("Two-Phase Commit")) == ["2pc"])
        #expect(AnswerWords.acronyms(of: AnswerWords.split("Dead-Letter Queues")) == ["dlq"])
        #expect(AnswerWords.acronyms(of: AnswerWords.split("Infrastructure as Code")) == ["iac", "ic"])
        #expect(AnswerWords.acronyms(of: AnswerWords.split("Sharding")).isEmpty)
        #expect(AnswerWords.acronyms(of: AnswerWords.split("Transactions & 2PC")).isEmpty)
    }

    @Test(arguments: [
        // (typed, expected, siblings, context, accepted)
        ("mutex", "Mutex/Locks/Atomics", [String](), [String](), true),
        ("pub", "Pub/Sub", [], [], false),
        ("CI", "CI/CD", [], [], false),
        ("TCP-level", "L4 (TCP-level)", ["L7 (HTTP-level; can inspect headers & cookies)"], [], true),
        ("HTTP-level", "L4 (TCP-level)", ["L7 (HTTP-level; can inspect headers & cookies)"], [], false),
        ("L7", "L4 (TCP-level)", ["L7 (HTTP-level; can inspect headers & cookies)"], [], false),
        ("L4 load balancer", "L4 (TCP-level)", ["L7 (HTTP-level; can inspect headers & cookies)"],
         ["7. Networking & Traffic Management", "L4 vs. L7 Load Balancers"], true),
        ("vertical scaling", "Vertical", ["Horizontal"], ["Scalability"], true),
        ("vertical scaling", "Vertical", ["Horizontal"], [], true),
        ("vertical machine", "Vertical", ["Horizontal"], ["Scalability"], false),
        ("asynchronous", "Synchronous", [], [], false),
    ])
    func namesOnTheCardAndQualifiers(typed: String, expected: String, siblings: [String], context: [String], accepted: Bool) {
        let grade = TypedAnswerGrader.grade(typed, key: TypedAnswerKey(expected: expected, siblings: siblings, context: context))
        #expect(grade.correct == accepted, "\(grade.verdict) \(grade.reason ?? "")")
    }

    @Test func anAnswerThatFitsTheTermAndASiblingIsRefused() {
        // "partitions" is a form of both; neither is written that way.
        let grade = TypedAnswerGrader.grade("partitions", key: TypedAnswerKey(expected: "Partition", siblings: ["Partitioning"]))
        #expect(grade.verdict == .sibling && grade.sibling == "Partitioning")
        #expect(grade.reason == "that fits 'Partitioning' as well as this one; name it exactly")
        // The same for an acronym that two terms make.
        let lb = TypedAnswerGrader.grade("LB", key: TypedAnswerKey(expected: "Load Balancer", siblings: ["Leader Board"]))
        #expect(!lb.correct && lb.sibling == "Leader Board")
        // Written exactly, each is itself.
        #expect(TypedAnswerGrader.grade("partitioning", key: TypedAnswerKey(expected: "Partitioning", siblings: ["Partition"])).verdict == .exact)
    }

    /// Over the whole built-in outline: a card's own term is accepted with no reason, and
    /// every sibling's term is refused, so no rule makes two terms of a section meet.
    @Test func noTwoTermsOfASectionMeet() throws {
        let builder = QuizBuilder(cards: PracticeSeed.cards)
        var pairs = 0
        for card in PracticeSeed.cards {
            guard let question = builder.typedQuestion(card) else { continue }
            let own = TypedAnswerGrader.grade(card.term, key: question.key)
            #expect(own.verdict == .exact && own.reason == nil, "\(card.term)")
            for sibling in question.key.siblings where sibling != card.term {
                pairs += 1
                let grade = TypedAnswerGrader.grade(sibling, key: question.key)
                #expect(!grade.correct, "'\(sibling)' accepted for \(card.term): \(grade.reason ?? "")")
            }
        }
        #expect(pairs > 150)
    }

    @Test(arguments: [
        ("DLQ", "Dead-Letter Queues", [String](), "the acronym of Dead-Letter Queues"),
        ("n-tier", "Layered (n-tier)", [], "another name on the card: n-tier"),
        ("locks", "Mutex/Locks/Atomics", [], "one of Locks"),
        ("write-behind", "Write-back", ["Write-through"], "another name for Write-back"),
        ("recovery point objective", "RPO", ["RTO"], "RPO spelled out"),
        ("saga", "Saga Pattern", ["Two-Phase Commit"], "'Pattern' may be added or left out"),
        ("monolithic", "Monolith", [], "another form of the word"),
        ("Consistent hashin", "Consistent Hashing", [], "one letter off"),
        ("scaling", "Vertical", ["Horizontal"], "'scaling' alone is too generic"),
        ("Indicator", "SLI (Indicator)", [], "'Indicator' alone is too generic: it only explains SLI"),
        ("graceful", "Graceful Shutdown", [], "'graceful' is only part of the term"),
        ("denormalization", "Normalization", [], "not a typo: 'denormalization' is another word"),
        ("scale out", "Vertical", ["Horizontal"], "that is 'Horizontal', not this one"),
        ("RTO", "RPO", ["RTO"], "that is 'RTO', not this one"),
    ])
    func theReasonSaysWhy(typed: String, expected: String, siblings: [String], reason: String) {
        let grade = TypedAnswerGrader.grade(typed, key: TypedAnswerKey(expected: expected, siblings: siblings))
        #expect(grade.reason == reason)
    }
}
