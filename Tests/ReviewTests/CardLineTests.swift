import Deck
import SeededRandom
@testable import Review
import Testing

/// `CardLine` against a plain array doing the same: every operation a review session uses,
/// in random order, on lines long enough for the taken cards to be dropped many times.
@Suite struct CardLineTests {
    static func card(_ number: Int) -> CardID {
        CardID(number: UInt64(number + 1))
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func behavesLikeAnArray(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var model = (0..<5_000).map(Self.card)
        var line = CardLine(model)
        var taken: [CardID] = []
        for step in 0..<20_000 {
            let choice = random.next(in: 0...999)
            switch choice {
            case 0..<600 where !model.isEmpty:
                let first = line.removeFirst()
                #expect(first == model.removeFirst(), "step \(step)")
                taken.append(first)
            case 600..<750 where !taken.isEmpty:
                // An undo puts back the card it took back, not always the last one taken.
                let back = taken.remove(at: random.next(in: max(0, taken.count - 3)...(taken.count - 1)))
                line.insertFirst(back)
                model.insert(back, at: 0)
            case 750..<850:
                let card = Self.card(random.next(in: 0...6_000))
                line.append(card)
                model.append(card)
            case 850..<880 where !model.isEmpty:
                line.removeLast()
                model.removeLast()
            case 880..<883 where !model.isEmpty:
                // A suspend and its undo: the card leaves from everywhere, then comes back
                // at each place it stood.
                let card = model[random.next(in: 0...(model.count - 1))]
                let positions = line.positions(of: card)
                #expect(positions == model.indices.filter { model[$0] == card }, "step \(step)")
                line.removeAll(card)
                model.removeAll { $0 == card }
                #expect(Array(line.prefix(model.count + 1)) == model, "step \(step)")
                if random.next(in: 0...1) == 0 {
                    for position in positions {
                        line.insert(card, at: position)
                        model.insert(card, at: position)
                    }
                }
            default:
                let length = random.next(in: 0...20)
                #expect(Array(line.prefix(length)) == Array(model.prefix(length)), "step \(step)")
            }
            #expect(line.count == model.count && line.isEmpty == model.isEmpty, "step \(step)")
        }
        #expect(Array(line.prefix(model.count + 1)) == model)
        #expect(taken.count > CardLine.compactionThreshold * 2, "the taken cards were dropped several times")
    }

    @Test func emptiesAndRefills() {
        var line = CardLine([Self.card(1), Self.card(2)])
        #expect(line.removeFirst() == Self.card(1))
        #expect(line.removeFirst() == Self.card(2))
        #expect(line.isEmpty && line.count == 0 && line.prefix(3).isEmpty)
        line.insertFirst(Self.card(2))
        line.insertFirst(Self.card(1))
        #expect(Array(line.prefix(5)) == [Self.card(1), Self.card(2)])
        line.append(Self.card(3))
        line.removeLast()
        #expect(line.count == 2)
    }
}
