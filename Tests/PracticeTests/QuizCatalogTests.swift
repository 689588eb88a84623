import Deck
import Testing
@testable import Study
@testable import Practice

/// A quiz built on a catalog that reads cards whole only when it needs them asks the same
/// questions, with the same options, as one built on the cards in hand, and reads few.
@Suite struct QuizCatalogTests {
    /// A catalog of the seed outline's written cards that counts its reads.
    final class Reads: @unchecked Sendable {
        var count = 0
    }

    func catalog(_ cards: [Card], reads: Reads) -> QuizCatalog {
        var catalog = QuizCatalog { index, id in
            reads.count += 1
            precondition(cards[index].id == id, "the number and the ID name the same card")
            return cards[index]
        }
        for card in cards { catalog.add(card) }
        return catalog
    }

    @Test(arguments: [QuizMode.choice, .typed, .cloze, .mixed])
    func theSameQuizReadingFewCards(mode: QuizMode) {
        let cards = PracticeSeed.cards.filter { !$0.kind.isDerived }
        let reads = Reads()
        let lazy = QuizBuilder(catalog: catalog(cards, reads: reads))
        let whole = QuizBuilder(cards: cards)
        for seed: UInt64 in [1, 2024] {
            reads.count = 0
            let asked = lazy.build(mode: mode, count: 8, seed: seed)
            let expected = whole.build(mode: mode, count: 8, seed: seed)
            #expect(asked.count == 8)
            #expect(asked.map(\.card) == expected.map(\.card))
            #expect(asked.map(\.prompt) == expected.map(\.prompt))
            #expect(asked.map(\.options) == expected.map(\.options))
            #expect(asked.map(\.key.siblings) == expected.map(\.key.siblings))
            // Each question reads its card, and a choice question a few options; a cloze
            // quiz reads the cards it tries until enough of them have an enumeration.
            #expect(reads.count >= 8)
            if mode != .cloze { #expect(reads.count <= 8 * 6, "\(reads.count) of \(cards.count) cards read whole") }
        }
    }

    @Test func aSectionFilterAsksTheSameCards() {
        let cards = PracticeSeed.cards.filter { !$0.kind.isDerived }
        let filter = SectionFilter("3.4")
        let lazy = QuizBuilder(catalog: catalog(cards, reads: Reads()), filter: filter)
        #expect(lazy.build(mode: .choice, count: 50, seed: 1).map(\.card.id)
                == QuizBuilder(cards: cards, filter: filter).build(mode: .choice, count: 50, seed: 1).map(\.card.id))
    }
}
