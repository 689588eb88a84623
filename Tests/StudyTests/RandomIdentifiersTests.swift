import SeededRandom
import Testing
@testable import Study

/// Review IDs are the merge key of export/import: they must be well-formed version-4
/// UUIDs and must not repeat.
@Suite struct RandomIdentifiersTests {
    @Test func identifiersAreVersion4UUIDsThatDoNotRepeat() {
        let source = RandomIdentifiers()
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let id = source.makeIdentifier()
            #expect(RandomIdentifiers.isUUID(id), "\(id)")
            let characters = Array(id)
            #expect(characters[14] == "4", "version nibble of \(id)")
            #expect("89ab".contains(characters[19]), "variant nibble of \(id)")
            #expect(id == id.lowercased())
            seen.insert(id)
        }
        #expect(seen.count == 10_000)
    }

    @Test func everyRandomDigitVariesAndASeedRepeats() {
        // All 30 hex digits that are not fixed by the version and variant take several
        // values over many IDs (no byte of the draws left unused or repeated).
        let source = RandomIdentifiers(generator: SplitMix64(seed: 7))
        var valuesAt = [Set<Character>](repeating: [], count: 36)
        for _ in 0..<2_000 {
            for (offset, character) in source.makeIdentifier().enumerated() { valuesAt[offset].insert(character) }
        }
        for offset in 0..<36 where ![8, 13, 18, 23, 14].contains(offset) {
            #expect(valuesAt[offset].count >= (offset == 19 ? 4 : 16), "digit \(offset): \(valuesAt[offset].sorted())")
        }
        #expect(RandomIdentifiers(generator: SplitMix64(seed: 9)).makeIdentifier()
                == RandomIdentifiers(generator: SplitMix64(seed: 9)).makeIdentifier())
    }
}
