@testable import FSRSOptimizer
import Testing

/// The RMSE over bins is a sum of doubles, so it is taken in one fixed order (the bins'
/// keys), whatever order the dictionary of bins iterates in.
@Suite struct RecallBinOrderTests {
    @Test func binsComeInTheOrderOfTheirKeys() {
        var keys: [RecallBin.Key] = []
        for gap in 0..<6 { for length in 0..<5 { for lapses in -1..<4 { keys.append(.init(gap: gap, length: length, lapses: lapses)) } } }
        // Inserted in a scrambled order (a stride coprime with the count), each bin marked
        // by its key's rank.
        var bins: [RecallBin.Key: RecallBin] = [:]
        for step in keys.indices {
            let rank = (step * 37) % keys.count
            var bin = RecallBin()
            bin.count = Double(rank)
            bins[keys[rank]] = bin
        }
        #expect(bins.values.map(\.count) != keys.indices.map(Double.init), "the dictionary already iterates in key order")
        #expect(RecallBin.inKeyOrder(bins).map(\.count) == keys.indices.map(Double.init))
    }
}
