import Testing
import TextMatching

@Suite struct EditDistanceReferenceTests {
    @Test(arguments: [("", "", 0), ("kitten", "sitting", 3), ("flaw", "lawn", 2), ("RPO", "RTO", 1), ("é", "e", 1), ("abc", "", 3)])
    func distances(a: String, b: String, expected: Int) {
        #expect(EditDistance.between(a, b) == expected)
        #expect(EditDistance.between(b, a) == expected)
    }

    @Test func suggestsOnlyPlausibleTypos() {
        #expect(EditDistance.closest(to: "crads", in: ["cards", "card", "calc"]) == "cards")
        #expect(EditDistance.closest(to: "sectoin", in: ["section", "kind"]) == "section")
        #expect(EditDistance.closest(to: "xyz", in: ["review", "due"]) == nil)
    }
}
