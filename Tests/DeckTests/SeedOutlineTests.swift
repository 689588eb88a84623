import BundledContent
import Testing
@testable import Deck

/// The user's outline (Content/system-design.md, compiled into the binary).
@Suite struct SeedOutlineTests {
    static let bytes: [UInt8] = BundledContent.files.first { $0.name == "system-design.md" }!.bytes
    /// Every card the outline gives, derived ones included.
    static let allCards: [Card] = try! OutlineParser(deck: "system-design", file: "Content/system-design.md").parse(bytes)
    /// The cards written in the outline (the census of round 1).
    static let cards: [Card] = allCards.filter { !$0.kind.isDerived }

    @Test func cardCountPerSection() {
        var counts: [String: Int] = [:]
        for card in Self.cards { counts[HeadingNumber.split(card.section[0]).number!, default: 0] += 1 }
        // Counted by hand from the outline: definitions + one list card per container
        // of plain bullets + the eight drills of section 16.
        let expected = ["1": 18, "2": 5, "3": 21, "4": 7, "5": 7, "6": 12, "7": 5, "8": 9, "9": 6, "10": 9,
                        "11": 4, "12": 4, "13": 5, "14": 6, "15": 5, "16": 8]
        #expect(counts == expected)
        #expect(Self.cards.count == 131)
    }

    @Test(arguments: [
        (["3. Core Fundamentals", "3.4 Caching", "Invalidation"], "Write-back", "Write to cache, later flush to database."),
        (["1. Requirements & Constraints", "1.3 Non-Functional Requirements (NFRs)", "Scalability"], "Vertical", "Bigger machine (more CPU/RAM)."),
        (["1. Requirements & Constraints", "1.4 SLIs / SLOs / SLAs"], "Error Budget", "Allowed margin of failure (100% – SLO)."),
        (["6. Data Storage & Management", "6.2 NoSQL Databases"], "Key–Value", "Very fast lookups (Redis, DynamoDB)."),
        (["6. Data Storage & Management", "6.5 Search & Indexing"], "Inverted Index", "Map terms → document IDs (Elasticsearch)."),
        (["10. Reliability & Resilience", "Disaster Recovery"], "RPO", "How much data you can afford to lose."),
        (["14. Deployment & Operations", "Containers & Kubernetes"], "DaemonSets", "Run one pod per node."),
        (["5. API & Interface Design", "5.1 RESTful APIs"], "Resources", "Nouns in URLs (e.g., /users/123)."),
        (["5. API & Interface Design", "5.4 API Gateways & BFF"], "BFF (Backend for Frontend)", "Separate gateway tailored for each client type (mobile vs. web)."),
        (["4. High-Level Architecture Patterns"], "Monolith", "All features in one deployable unit. Simple, but harder to scale small parts independently."),
        (["1. Requirements & Constraints", "1.2 Use-Cases, Actors, User Stories"], "User Story", "\"As a Customer, I want to reset my password so that I can regain account access.\""),
        (["16. Case Studies & Mock Drills", "Failure Scenarios"], "Network partition", "degraded mode, eventual consistency."),
    ])
    func sampleTriples(section: [String], term: String, back: String) throws {
        let card = try #require(Self.cards.first { $0.term == term && $0.section == section })
        #expect(card.back == back)
    }

    @Test func everyDefinitionBulletIsACard() {
        let text = String(decoding: Self.bytes, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let cardLines = Set(Self.cards.map(\.source.line))
        var missing: [Int] = []
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("- "), let colon = trimmed.firstRange(of: ": ") else { continue }
            // "- Fault Isolation:" style parents end with the colon; these have text after it.
            guard !trimmed[colon.upperBound...].isEmpty else { continue }
            if !cardLines.contains(index + 1) { missing.append(index + 1) }
        }
        #expect(missing.isEmpty, "definition bullets without a card at lines \(missing)")
    }

    @Test func kindsAndCrossReferences() {
        #expect(Self.cards.filter { $0.kind == .drill }.count == 8)
        #expect(Self.cards.filter { $0.kind == .list }.count == 12)
        #expect(!Self.cards.contains { $0.back.contains("Covered above") })
        #expect(!Self.cards.contains { $0.section.contains("6.4 Caching Strategies") })
    }

    @Test func idsAreUniqueAndFrontsAskWithContext() {
        #expect(Set(Self.cards.map(\.id)).count == Self.cards.count)
        let writeThrough = Self.cards.first { $0.term == "Write-through" }!
        #expect(writeThrough.front == "Caching › Invalidation: what is meant by Write-through?")
    }
}

extension SeedOutlineTests {
    /// The IDs of round 2's built-in cards never change: every pinned card is still made,
    /// with the same kind and term.
    @Test func idsArePinned() {
        let made = Dictionary(uniqueKeysWithValues: Self.cards.map { ($0.id.rawValue, $0) })
        var missing: [String] = []
        for pin in SeedIDPins.cards {
            guard let card = made[pin.id], card.kind.rawValue == pin.kind, card.term == pin.term else {
                missing.append("\(pin.id) \(pin.kind) \(pin.term)")
                continue
            }
        }
        #expect(missing.isEmpty, "pinned built-in cards no longer made: \(missing)")
        #expect(SeedIDPins.cards.count == 131)
    }
}

extension SeedOutlineTests {
    /// Every definition has its reverse; the comparisons the issue names are there.
    @Test func derivedCards() throws {
        let definitions = Self.cards.filter { $0.kind == .definition }
        let reverses = Self.allCards.filter { $0.kind == .reverse }
        // One answer leaves fewer than three words once the term is hidden: no reverse.
        let without = Set(definitions.map(\.id)).subtracting(reverses.flatMap(\.from))
        #expect(Set(definitions.filter { without.contains($0.id) }.map(\.term)) == ["Lamport Clocks"])
        #expect(reverses.count == definitions.count - 1)
        for reverse in reverses {
            let source = try #require(definitions.first { $0.id == reverse.from[0] })
            #expect(reverse.back == source.term && reverse.id == DerivedCards.reverseID(of: source.id))
        }
        let comparisons = Self.allCards.filter { $0.kind == .comparison }
        let names = Set(comparisons.map(\.term))
        for required in ["SLI vs. SLO vs. SLA", "RPO vs. RTO", "Write-through vs. Write-back vs. Write-around", "L4 vs. L7",
                         "Lamport Clocks vs. Vector Clocks"] {
            #expect(names.contains(required), "no comparison \(required)")
        }
        #expect(comparisons.count == 15)
        #expect(Set(Self.allCards.map(\.id)).count == Self.allCards.count)
    }
}
