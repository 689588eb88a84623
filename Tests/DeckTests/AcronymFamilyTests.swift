import Testing
@testable import Deck

/// Acronym families ("SLI", "SLO", "SLA") are found by grouping names with one letter
/// blanked out; the answer must be the one that comparing every pair of names gives.
@Suite struct AcronymFamilyTests {
    /// Every pair compared: the way the family was found before it was grouped.
    func pairwiseFamily(_ names: [String], excluding used: Set<Int>) -> [Int] {
        let candidates = names.indices.filter { !used.contains($0) && DerivedCards.mayBeAcronym(names[$0]) }
        guard candidates.count >= 2 else { return [] }
        func differInOne(_ a: [Character], _ b: [Character]) -> Bool {
            a.count == b.count && zip(a, b).filter { $0 != $1 }.count == 1
        }
        for start in candidates {
            let family = candidates.filter { $0 == start || differInOne(Array(names[$0]), Array(names[start])) }
            guard family.count >= 2, family.count <= 4 else { continue }
            let places = (0..<names[start].count).filter { place in Set(family.map { Array(names[$0])[place] }).count > 1 }
            if places.count == 1 { return family }
        }
        return []
    }

    @Test func theGroupedSearchFindsWhatComparingEveryPairFinds() {
        // Short names over a small alphabet, so families, near misses and repeats are common.
        var random = LinearCongruential(seed: 11)
        let letters = Array("SLOAIP1")
        for _ in 0..<3_000 {
            let names = (0..<random.next(below: 9)).map { _ in
                String((0..<(2 + random.next(below: 2))).map { _ in letters[random.next(below: letters.count)] })
            }
            let used: Set<Int> = random.next(below: 3) == 0 && !names.isEmpty ? [random.next(below: names.count)] : []
            #expect(DerivedCards.acronymFamily(names, excluding: used) == pairwiseFamily(names, excluding: used), "\(names) \(used)")
        }
    }

    @Test func aLongListOfNumberedNamesHasNoFamilyAndAFamilyInItIsFound() {
        // "T1" … "T999": every group of near neighbours has more than four names.
        let numbered = (1..<1_000).map { "T\($0)" }
        #expect(DerivedCards.acronymFamily(numbered, excluding: []) == [])
        #expect(DerivedCards.acronymFamily(numbered + ["SLI", "SLO", "SLA"], excluding: []) == [999, 1000, 1001])
    }
}

/// A small seeded generator, so a failure names inputs that come back on every run.
struct LinearCongruential {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(below bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
