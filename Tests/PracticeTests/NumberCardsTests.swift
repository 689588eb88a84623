import Capacity
import Deck
import Scheduling
import Store
import Testing
@testable import Study
@testable import Practice

/// The `numbers` deck: the figures of `sysdrill numbers` as cards, graded by the
/// estimate grader, with the review grade each answer proposes.
@Suite struct NumberCardsTests {
    let cards = NumberCards.cards()

    func card(_ term: String) -> Card { cards.first { $0.term == term }! }

    @Test func oneCardPerFigureOfTheTable() {
        #expect(cards.count == ReferenceNumbers.latency.count + ReferenceNumbers.throughput.count + ReferenceNumbers.conversions.count)
        #expect(Set(cards.map(\.id)).count == cards.count)
        #expect(cards.allSatisfy { $0.deck == "numbers" && $0.kind == .number && $0.front.hasSuffix(" ≈ ?") && !$0.items.isEmpty })
        #expect(cards.map(\.order) == Array(0..<cards.count))
        let roundTrip = card("Round trip within the same datacenter")
        #expect(roundTrip.front == "Round trip within the same datacenter ≈ ?")
        #expect(roundTrip.back == "≈ 500 µs (the classic list and the 2020 model agree)")
        #expect(roundTrip.items == ["500 µs"])
        // Both cited figures count where the classic list and the 2020 model differ.
        #expect(card("Read 1 MB sequentially from an SSD").items == ["1 ms", "49 µs"])
        // A figure in the row's name would give the answer away.
        #expect(card("Gigabit Ethernet line rate (1 Gbps)").front == "Gigabit Ethernet line rate ≈ ?")
        #expect(card("SATA 3 link (SATA SSDs top out here)").front == "SATA 3 link (SATA SSDs top out here) ≈ ?")
        #expect(card("1 day -> s").front == "1 day in s ≈ ?")
    }

    /// IDs hash the deck, the table and the row's name (not the value): pinned, so a new
    /// build never orphans a learner's history of these cards.
    @Test func idsArePinned() {
        #expect(card("Round trip within the same datacenter").id
            == CardID(deck: "numbers", section: ["Latency"], kind: .number, term: "Round trip within the same datacenter"))
        #expect(card("Round trip within the same datacenter").id.rawValue == "c86d0e9b9531c03a")
        #expect(card("Disk seek").id.rawValue == "342e3dc0c5f2d34e")
        #expect(card("1 day -> s").id.rawValue == "7dd93ee1086321d6")
    }

    @Test func everyAcceptedValueReadsBackAsItselfAndProposesEasy() throws {
        for card in cards {
            for value in card.items {
                let answer = try #require(try NumberAnswer.grade(value, card: card), "\(card.term)")
                #expect(answer.grade.verdict == .good, "\(card.term): \(value)")
                #expect(answer.proposed == .easy, "\(card.term): \(value)")
            }
        }
    }

    @Test(arguments: [
        ("500 us", Rating.easy, EstimateGrade.Verdict.good), ("500us", .easy, .good), ("0.5 ms", .easy, .good),
        ("510 µs", .easy, .good), ("600 us", .good, .good), ("400 us", .good, .good),
        ("900 us", .hard, .pass), ("1 ms", .hard, .pass), ("300 us", .hard, .pass),
        ("2 ms", .again, .miss), ("100 us", .again, .miss), ("500 ms", .again, .miss),
        ("500", .easy, .good),  // a bare number is read in the card's unit
        ("", .again, .miss),    // don't know
        ("5 GB", .again, .miss),  // another kind of quantity
    ])
    func gradesTheDatacenterRoundTrip(answer: String, proposed: Rating, verdict: EstimateGrade.Verdict) throws {
        let graded = try #require(try NumberAnswer.grade(answer, card: card("Round trip within the same datacenter")))
        #expect(graded.grade.verdict == verdict, "\(answer)")
        #expect(graded.proposed == proposed, "\(answer)")
    }

    @Test func theClosestCitedFigureCounts() throws {
        let ssd = card("Read 1 MB sequentially from an SSD")
        let modern = try #require(try NumberAnswer.grade("50 us", card: ssd))
        #expect(modern.target == "49 µs" && modern.proposed == .easy)
        let classic = try #require(try NumberAnswer.grade("1.2 ms", card: ssd))
        #expect(classic.target == "1 ms" && classic.proposed == .good)
        #expect(classic.verdictLine == "✓ good: within 25% of 1 ms (20% too high)  you said 1.2 ms")
    }

    @Test func thousandsCommasAndRatesRead() throws {
        let trips = card("Sequential datacenter round trips (500 µs each)")
        #expect(trips.items == ["2,000 ops/s"])
        #expect(try NumberAnswer.grade("2000/s", card: trips)?.proposed == .easy)
        #expect(try NumberAnswer.grade("1500 ops/s", card: trips)?.proposed == .hard)
        #expect(try NumberAnswer.grade("86400 s", card: card("1 day -> s"))?.proposed == .easy)
        #expect(try NumberAnswer.grade("1 Gbps", card: card("Gigabit Ethernet line rate (1 Gbps)"))?.proposed == .easy)
    }

    @Test func anAnswerThatIsNoQuantityIsRefusedNotCounted() {
        #expect(throws: EstimateGrader.Failure.self) { try NumberAnswer.grade("half a millisecond", card: card("Disk seek")) }
    }

    @Test func noAnswerIsAMissThatSaysDontKnow() throws {
        let answer = try #require(try NumberAnswer.grade("", card: card("Disk seek")))
        #expect(answer.grade.skipped && answer.proposed == .again)
        #expect(answer.lines == ["✗ miss: expected 10 ms", "  " + EstimateGrader.dontKnowNote])
    }

    @Test func otherCardsAreNotGradedAsNumbers() throws {
        #expect(try NumberAnswer.grade("5 ms", card: PracticeSeed.cards[0]) == nil)
    }

    @Test func theTypedQuizGradesNumberCardsWithTheEstimateGrader() throws {
        let fixture = try PracticeStoreFixture()
        let latency = NumberCards.cards().filter { $0.section == ["Latency"] }
        _ = try fixture.store.sync(deck: "numbers", source: "builtin:sysdrill numbers", origin: .embedded, files: [], cards: latency,
                                   at: fixture.clock.now)
        let questions = QuizBuilder(cards: latency).build(mode: .typed, count: 3, seed: 3)
        #expect(questions.count == 3 && questions.allSatisfy { $0.card.kind == .number && $0.prompt == $0.card.front })
        let right = questions[0].card.items[0]
        for json in [false, true] {
            let quiz = QuizSession(questions: questions, mode: .typed, seed: 3, store: fixture.store, clock: fixture.clock,
                                   identifiers: fixture.identifiers, reviewMissed: false)
            let transcript = PracticeStoreFixture.Transcript([right, "", "three parsecs"])
            try LineQuiz(session: quiz, channel: LineChannel(readLine: transcript.readLine, output: { transcript.output.append($0) },
                         message: { _ in }, json: json)).run()
            #expect(quiz.outcomes.map(\.correct) == [true, false, false])
            #expect(quiz.outcomes[0].estimate?.proposed == .easy && quiz.outcomes[1].estimate?.grade.skipped == true)
            #expect(quiz.outcomes[2].estimate == nil)
            if json {
                let results = try transcript.events().filter { $0["event"] as? String == "result" }
                let estimate = try #require(results[0]["estimate"] as? [String: Any])
                #expect(estimate["verdict"] as? String == "good" && estimate["expected"] as? String == right)
                #expect(results.map { $0["grade"] as? String } == ["exact", "empty", "wrong"])
            } else {
                let text = transcript.output.joined()
                #expect(text.contains("✓ good: within 25% of \(right) (spot on)"))
                #expect(text.contains("✗ miss: expected \(questions[1].card.items[0])\n  \(EstimateGrader.dontKnowNote)\n"))
                #expect(text.contains("✗ wrong: not a quantity ("))
            }
        }
    }
}
