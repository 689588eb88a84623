import BundledContent
import SeededRandom
import Testing
@testable import Deck

/// Random and mutated decks: the parser must never crash, trap or hang, and every
/// rejection must be a located, readable error. `SYSDRILL_FUZZ_ITERATIONS` raises the
/// count for `make fuzz`.
@Suite struct ParserFuzzTests {
    static var iterations: Int {
        if let text = getEnvironment("SYSDRILL_FUZZ_ITERATIONS"), let count = Int(text) { return count }
        return 100_000
    }

    @Test func randomAndMutatedInputsNeverCrash() {
        var generator = SplitMix64(seed: 20_261_125)
        let seed = BundledContent.files[0].bytes
        let fragments: [[UInt8]] = ["# ", "## 3.4 ", "- ", "  - ", "**", "**:", ": ", "Q: ", "A: ", "```", "---", "\n", "\n\n",
                                    "(", ")", "`", "1. ", "\t", "\r\n", "→", "é", "Drill", "\u{FEFF}"].map { Array($0.utf8) }
        var accepted = 0, rejected = 0
        for index in 0..<Self.iterations {
            var input: [UInt8]
            switch index % 3 {
            case 0:  // random bytes, mostly printable
                input = (0..<Int.random(in: 0...120, using: &generator)).map { _ in
                    Bool.random(using: &generator) ? UInt8.random(in: 32...126, using: &generator) : UInt8.random(in: 0...255, using: &generator)
                }
            case 1:  // a slice of the real outline with a few bytes flipped
                let start = Int.random(in: 0..<seed.count, using: &generator)
                input = Array(seed[start..<min(seed.count, start + Int.random(in: 1...600, using: &generator))])
                for _ in 0..<Int.random(in: 0...4, using: &generator) where !input.isEmpty {
                    input[Int.random(in: 0..<input.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
            default:  // outline-shaped fragments glued together
                input = []
                for _ in 0..<Int.random(in: 1...30, using: &generator) {
                    input += fragments.randomElement(using: &generator)!
                    if Bool.random(using: &generator) { input += Array("Term\(index % 7)".utf8) }
                }
            }
            do {
                let cards = try OutlineParser(deck: "fuzz", file: "fuzz.md").parse(input)
                accepted += 1
                for card in cards where !CardID.isWellFormed(card.id.rawValue) || card.source.line < 1 {
                    Issue.record("malformed card from input \(index)")
                }
            } catch {
                rejected += 1
                let message = error.description
                if !message.hasPrefix("fuzz.md:") || message.count < 15 {
                    Issue.record("unclear error for input \(index): \(message)")
                }
            }
        }
        #expect(accepted + rejected == Self.iterations)
        #expect(accepted > 0 && rejected > 0)
    }
}


#if canImport(Glibc)
import Glibc
#endif

func getEnvironment(_ name: String) -> String? {
    getenv(name).map { String(cString: $0) }
}
