import Testing
@testable import Deck

/// One small input per outline form the parser must understand.
@Suite struct OutlineFormTests {
    func parse(_ text: String) throws -> [Card] {
        try OutlineParser(deck: "t", file: "t.md").parse(text).filter { !$0.kind.isDerived }
    }

    @Test func numberedHeadingsFormTheSectionPath() throws {
        let cards = try parse("# 3. Core\n\n## 3.4 Caching\n\n- CDN: Edge caching close to users.\n")
        #expect(cards.count == 1)
        #expect(cards[0].section == ["3. Core", "3.4 Caching"])
        #expect(cards[0].term == "CDN")
        #expect(cards[0].back == "Edge caching close to users.")
        #expect(cards[0].kind == .definition)
        #expect(cards[0].source == SourceLocation(file: "t.md", line: 5))
    }

    @Test func unnumberedSubsections() throws {
        let cards = try parse("# 9. Topics\n\n## Design Notes\n\n- Idempotency: Safe to retry.\n")
        #expect(cards[0].section == ["9. Topics", "Design Notes"])
    }

    @Test func boldTermWithColonOutsideOrInside() throws {
        let cards = try parse("# S\n\n- **Functional**: What it must do.\n- **Latency:** Time for one request.\n")
        #expect(cards.map(\.term) == ["Functional", "Latency"])
        #expect(cards.map(\.back) == ["What it must do.", "Time for one request."])
    }

    @Test func plainTermAndDefinition() throws {
        let cards = try parse("# S\n\n- Round-Robin: Distribute evenly in turn.\n")
        #expect(cards[0].term == "Round-Robin")
        #expect(cards[0].back == "Distribute evenly in turn.")
    }

    @Test func boldParentWithIndentedChildren() throws {
        let text = "# S\n\n- **Scalability**\n  - Vertical: Bigger machine.\n  - Horizontal: More machines.\n"
        let cards = try parse(text)
        #expect(cards.map(\.term) == ["Vertical", "Horizontal"])
        #expect(cards.allSatisfy { $0.section == ["S", "Scalability"] })
    }

    @Test func plainParentWithTrailingColon() throws {
        let cards = try parse("# S\n\n- Fault Isolation:\n  - Bulkheads: Limit blast radius.\n")
        #expect(cards.count == 1)
        #expect(cards[0].section == ["S", "Fault Isolation"])
        #expect(cards[0].term == "Bulkheads")
    }

    @Test func labelOwnsFollowingBulletsUntilBlankLine() throws {
        let text = "# S\n\n**Invalidation**:\n- Write-through: Cache then DB.\n- Write-back: Cache, flush later.\n\n- After: Not under the label.\n"
        let cards = try parse(text)
        #expect(cards[0].section == ["S", "Invalidation"])
        #expect(cards[1].section == ["S", "Invalidation"])
        #expect(cards[2].section == ["S"])
    }

    @Test func plainBulletsBecomeOneListCardPerContainer() throws {
        let cards = try parse("# S\n\n## Load\n\n- Estimate peak RPS.\n- Factor in growth.\n")
        #expect(cards.count == 1)
        #expect(cards[0].kind == .list)
        #expect(cards[0].items == ["Estimate peak RPS.", "Factor in growth."])
        #expect(cards[0].term == "Load")
        #expect(cards[0].front.contains("name the 2 points"))
    }

    @Test func drillSectionBulletsAreDrills() throws {
        let text = "# 16. Case Studies & Mock Drills\n\n## Design Exercises\n\n- URL shortener: key generation, redirection, analytics.\n- Build a distributed rate limiter.\n"
        let cards = try parse(text)
        #expect(cards.map(\.kind) == [.drill, .drill])
        #expect(cards[0].items == ["key generation", "redirection", "analytics"])
        #expect(cards[1].term == "Build a distributed rate limiter")
    }

    @Test func rulesAreSkipped() throws {
        let cards = try parse("# A\n\n- X: one.\n\n---\n\n# B\n\n- Y: two.\n")
        #expect(cards.map(\.section) == [["A"], ["B"]])
    }

    @Test func crossReferenceBulletMakesNoCard() throws {
        let cards = try parse("# S\n\n## 6.4 Caching Strategies\n\n- (Covered above in Core Fundamentals.)\n")
        #expect(cards.isEmpty)
    }

    @Test func blankLinesBetweenBulletsDoNotEndAList() throws {
        let text = "# S\n\n- L4 vs. L7 Load Balancers:\n  - L4 (TCP-level), L7 (HTTP-level).\n\n- Reverse Proxies: Nginx.\n\n- CDNs: Cache assets.\n"
        let cards = try parse(text)
        #expect(cards.map(\.term) == ["L4 vs. L7 Load Balancers", "Reverse Proxies", "CDNs"])
        #expect(cards[0].kind == .list)
        #expect(cards[1].section == ["S"])
    }

    @Test func childAfterBlankLineStaysUnderParent() throws {
        let cards = try parse("# S\n\n- **Perf**\n  - Latency: one op.\n\n  - Throughput: ops per second.\n")
        #expect(cards.map(\.section) == [["S", "Perf"], ["S", "Perf"]])
    }

    @Test(arguments: [
        "Once data is stored, it won’t be lost.",
        "“Allow users to upload photos”",
        "Map terms → document IDs (Elasticsearch).",
        "Allowed margin of failure (100% – SLO) — roughly.",
    ])
    func textIsKeptExactly(definition: String) throws {
        let cards = try parse("# S\n\n- Term: \(definition)\n")
        #expect(cards[0].back == definition)
    }

    @Test func sentenceBeforeAColonIsNotATerm() throws {
        let cards = try parse("# S\n\n## 3.6 CAP Theorem\n\n- You can only have two of: Consistency, Availability.\n")
        #expect(cards[0].kind == .list)
        #expect(cards[0].items == ["You can only have two of: Consistency, Availability."])
    }

    @Test func questionAnswerPairsWithContinuation() throws {
        let text = "# Caching\n\nQ: What is a cache stampede?\nA: Many clients miss at once\nand hit the database.\n\nQ: Why TTL jitter?\nA: To spread expiries.\n"
        let cards = try parse(text)
        #expect(cards.map(\.kind) == [.question, .question])
        #expect(cards[0].term == "What is a cache stampede?")
        #expect(cards[0].back == "Many clients miss at once\nand hit the database.")
        #expect(cards[0].front == "Caching: What is a cache stampede?")
        #expect(cards[1].source.line == 7)
    }

    @Test func answerWithoutQuestionIsAnError() {
        #expect(throws: DeckError.malformed(path: "t.md", line: 3, column: 1,
                                            reason: "'A:' without a 'Q:' line before it; write the question as 'Q: ...' on the line above")) {
            try parse("# S\n\nA: orphan\n")
        }
    }

    @Test func duplicateCardNamesBothLines() {
        #expect(throws: DeckError.duplicateCard(path: "t.md", line: 4, firstPath: "t.md", firstLine: 3, term: "CDN")) {
            try parse("# S\n\n- CDN: one.\n- CDN: two.\n")
        }
    }

    @Test func orderedListsAndOtherBulletMarkers() throws {
        let cards = try parse("# S\n\n1. Alpha: first.\n2) Beta: second.\n* Gamma: third.\n+ Delta: fourth.\n")
        #expect(cards.map(\.term) == ["Alpha", "Beta", "Gamma", "Delta"])
    }

    @Test func codeBlocksAreSkipped() throws {
        let cards = try parse("# S\n\n```\n- Not: a card.\n```\n- Real: card.\n")
        #expect(cards.map(\.term) == ["Real"])
    }

    @Test func unclosedCodeBlockIsAnError() {
        #expect(throws: DeckError.self) { try parse("# S\n\n```swift\nlet x = 1\n") }
    }

    @Test func crlfLineEndingsAndByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("# S\r\n\r\n- Key: b.\r\n".utf8)
        let cards = try OutlineParser(deck: "t", file: "t.md").parse(bytes).filter { !$0.kind.isDerived }
        #expect(cards.map(\.back) == ["b."])
    }
}
