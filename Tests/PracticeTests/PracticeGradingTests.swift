import Testing
@testable import Study
@testable import Practice

/// Typed answers: what counts as the same answer, what does not, and the diff shown.
@Suite struct PracticeGradingTests {
    static let evictionSiblings = ["LFU (Least Frequently Used)", "FIFO"]
    static let invalidationSiblings = ["Write-through", "Write-around"]

    @Test(arguments: [
        // (typed, expected, siblings, verdict)
        ("lru", "LRU (Least Recently Used)", evictionSiblings, TypedGrade.Verdict.exact),
        ("LRU", "LRU (Least Recently Used)", evictionSiblings, .exact),
        ("least recently used", "LRU (Least Recently Used)", evictionSiblings, .exact),
        ("lru (least recently used).", "LRU (Least Recently Used)", evictionSiblings, .exact),
        ("Write back", "Write-back", invalidationSiblings, .exact),
        ("write–back.", "Write-back", invalidationSiblings, .exact),
        ("“Write-back”", "Write-back", invalidationSiblings, .exact),
        ("WRITE-BACK!", "Write-back", invalidationSiblings, .exact),
        ("  consistent   hashing ", "Consistent Hashing", [], .exact),
        ("Key-Value", "Key–Value", [], .exact),
        ("cafe\u{301}", "café", [], .exact),
        ("BFF", "BFF (Backend for Frontend)", [], .exact),
        ("backend for frontend", "BFF (Backend for Frontend)", [], .exact),
        ("DDD", "Domain-Driven Design (DDD)", [], .exact),
        ("domain driven design", "Domain-Driven Design (DDD)", [], .exact),
        ("Consistent hashin", "Consistent Hashing", [], .close),
        ("Consistant hashing", "Consistent Hashing", [], .close),
        ("Microservice", "Microservices", [], .close),
        ("Write-bak", "Write-back", invalidationSiblings, .close),
        ("HATEOS", "HATEOAS", [], .close),
        ("Idempotence", "Idempotency", [], .close),
        // Issue 16 part 5 (plural and singular): an acronym's plural is the acronym.
        // These two were refused before (as `.wrong`); one letter fewer still is (CQR).
        ("RPOs", "RPO", [], .exact),
        ("CDNs", "CDN", [], .exact),
    ])
    func accepted(typed: String, expected: String, siblings: [String], verdict: TypedGrade.Verdict) {
        let grade = TypedAnswerGrader.grade(typed, key: TypedAnswerKey(expected: expected, siblings: siblings))
        #expect(grade.verdict == verdict)
        #expect(grade.correct)
    }

    @Test(arguments: [
        ("RTO", "RPO", ["RTO"], TypedGrade.Verdict.sibling),
        ("RTO", "RPO", [], .wrong),
        ("RPQ", "RPO", [], .wrong),
        ("CQR", "CQRS", [], .wrong),
        ("Write-through", "Write-back", invalidationSiblings, .sibling),
        ("write around", "Write-back", invalidationSiblings, .sibling),
        ("Write-aroun", "Write-back", invalidationSiblings, .sibling),
        ("LRU", "LFU (Least Frequently Used)", ["LRU (Least Recently Used)", "FIFO"], .sibling),
        ("least recently used", "LFU (Least Frequently Used)", ["LRU (Least Recently Used)", "FIFO"], .sibling),
        ("Consistent", "Consistent Hashing", [], .wrong),
        ("Grahp", "Graph", [], .wrong),
        ("Indicator", "SLI (Indicator)", [], .wrong),
        ("Shardin", "Partitioning", ["Sharding"], .sibling),
        ("", "Sharding", [], .empty),
        ("  .  ", "Sharding", [], .empty),
    ])
    func rejected(typed: String, expected: String, siblings: [String], verdict: TypedGrade.Verdict) {
        let grade = TypedAnswerGrader.grade(typed, key: TypedAnswerKey(expected: expected, siblings: siblings))
        #expect(grade.verdict == verdict)
        #expect(!grade.correct)
    }

    @Test func thresholdIsTwentyPercentOfTheExpectedLength() {
        // "Load Balancer" has 13 characters: two edits (15%) pass, three (23%) do not.
        let key = TypedAnswerKey(expected: "Load Balancer")
        #expect(TypedAnswerGrader.grade("Lod Balancr", key: key).verdict == .close)
        #expect(TypedAnswerGrader.grade("Lod Balncr", key: key).verdict == .wrong)
        // Under five characters nothing is forgiven, acronym or not.
        #expect(TypedAnswerGrader.grade("Grap", key: TypedAnswerKey(expected: "Grap")).verdict == .exact)
        #expect(TypedAnswerGrader.grade("Gra", key: TypedAnswerKey(expected: "Grap")).verdict == .wrong)
    }

    @Test func aSiblingNamedTheSameAsTheAnswerIsNoRival() {
        // The outline defines "Replication" twice; the other one is not a wrong answer.
        let grade = TypedAnswerGrader.grade("replication", key: TypedAnswerKey(expected: "Replication", siblings: ["Replication", "Sharding"]))
        #expect(grade.verdict == .exact)
    }

    @Test(arguments: [
        ("consistent hashin", "Consistent Hashing", "consistent hashin{+g+}"),
        ("write_back", "Write-back", "write[-_-]{+-+}back"),
        ("Microservicez", "Microservices", "microservice[-z-]{+s+}"),
        ("lru", "LRU (Least Recently Used)", "lru"),
    ])
    func diffShowsWhichCharactersWereOff(typed: String, expected: String, diff: String) {
        let grade = TypedAnswerGrader.grade(typed, key: TypedAnswerKey(expected: expected))
        #expect(CharacterDiff.text(grade.diff) == diff)
    }

    @Test func normalizationTable() {
        #expect(AnswerText.normalized(" “Write—Back”?! ") == "write-back")
        #expect(AnswerText.normalized("**Sharding**:") == "sharding")
        #expect(AnswerText.normalized("`/v1/users`") == "/v1/users")
        #expect(AnswerText.normalized("Multi\u{00A0}region\tfailover.") == "multi region failover")
        #expect(AnswerText.loose("write-back/through") == "write back through")
        #expect(AnswerText.isAcronym("RPO") && AnswerText.isAcronym("L4LB") && AnswerText.isAcronym("CQRS"))
        #expect(!AnswerText.isAcronym("HATEOAS") && !AnswerText.isAcronym("Graph") && !AnswerText.isAcronym("A")
                && !AnswerText.isAcronym("L4 vs L7"))
    }

    @Test func choiceKeysAcceptNumbersAndLetters() {
        let question = QuizQuestion(mode: .choice, card: PracticeSeed.card("Write-through"), prompt: "?",
                                    options: ["a", "b", "c", "d"], answerIndex: 2, key: TypedAnswerKey(expected: "c"))
        #expect(["1", "2", "3", "4"].map(question.optionIndex) == [0, 1, 2, 3])
        #expect(["a", "B", " c ", "d"].map(question.optionIndex) == [0, 1, 2, 3])
        #expect(["0", "5", "e", "ab", ""].map(question.optionIndex) == [nil, nil, nil, nil, nil])
    }
}
