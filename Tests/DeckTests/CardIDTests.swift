import Testing
@testable import Deck

@Suite struct CardIDTests {
    func only(_ text: String) throws -> Card {
        let cards = try OutlineParser(deck: "d", file: "d.md").parse(text).filter { !$0.kind.isDerived }
        try #require(cards.count == 1)
        return cards[0]
    }

    @Test func correctingTheDefinitionKeepsTheID() throws {
        let before = try only("# 3. Core\n\n- CDN: Edge caching.\n")
        let after = try only("# 3. Core\n\n- CDN: Edge caching close to users.\n")
        #expect(before.id == after.id)
        #expect(before.back != after.back)
    }

    @Test func renamingTheTermMakesANewCard() throws {
        let before = try only("# 3. Core\n\n- CDN: Edge caching.\n")
        let after = try only("# 3. Core\n\n- CDNs: Edge caching.\n")
        #expect(before.id != after.id)
    }

    @Test func renumberingHeadingsOrReformattingKeepsTheID() throws {
        let before = try only("# 3. Core\n\n## 3.4 Caching\n\n- CDN: Edge caching.\n")
        let after = try only("# 4. Core\n\n## 4.1 Caching\n\n- **CDN**: Edge caching.\n")
        #expect(before.id == after.id)
    }

    @Test func sameTermInAnotherSectionOrDeckDiffers() throws {
        let a = try only("# A\n\n- Replication: copies.\n")
        let b = try only("# B\n\n- Replication: copies.\n")
        let other = try OutlineParser(deck: "other", file: "o.md").parse("# A\n\n- Replication: copies.\n").filter { !$0.kind.isDerived }[0]
        #expect(a.id != b.id)
        #expect(a.id != other.id)
    }

    @Test func idsAreSixteenHexDigits() throws {
        let card = try only("# A\n\n- Term: def.\n")
        #expect(CardID.isWellFormed(card.id.rawValue))
        #expect(!CardID.isWellFormed("xyz"))
    }

    @Test func headingNumbers() {
        #expect(HeadingNumber.split("3.4 Caching") == ("3.4", "Caching"))
        #expect(HeadingNumber.split("16. Case Studies") == ("16", "Case Studies"))
        #expect(HeadingNumber.split("Design Exercises") == (nil, "Design Exercises"))
        #expect(HeadingNumber.split("2PC basics") == (nil, "2PC basics"))
    }

    @Test func sectionFilterByNumberAndText() {
        let path = ["3. Core Fundamentals", "3.4 Caching", "Invalidation"]
        #expect(SectionFilter("3.4").matches(path))
        #expect(SectionFilter("3").matches(path))
        #expect(!SectionFilter("3.5").matches(path))
        #expect(!SectionFilter("3.4").matches(["3. Core", "3.41 Other"]))
        #expect(SectionFilter("invalid").matches(path))
        #expect(!SectionFilter("eviction").matches(path))
    }

    @Test func enumerationItems() {
        #expect(Enumeration.items(of: "LRU (Least Recently Used), LFU (Least Frequently Used), FIFO.")
            == ["LRU (Least Recently Used)", "LFU (Least Frequently Used)", "FIFO"])
        #expect(Enumeration.items(of: "Encryption, authentication, and legal rules (GDPR, PCI-DSS).")
            == ["Encryption", "authentication", "legal rules (GDPR, PCI-DSS)"])
    }
}
