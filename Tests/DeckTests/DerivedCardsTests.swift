import Testing
@testable import Deck

/// Reverse and comparison cards: one small case per rule (docs/markdown.md).
@Suite struct DerivedCardsTests {
    func cards(_ text: String) throws -> [Card] {
        try OutlineParser(deck: "t", file: "t.md").parse(text)
    }

    @Test func aDefinitionGetsAReverseWithItsTermHidden() throws {
        let all = try cards("# API\n\n## Gateways\n\n- BFF (Backend for Frontend): A gateway per client type; each BFF shapes responses for its client.\n")
        let source = try #require(all.first { $0.kind == .definition })
        let reverse = try #require(all.first { $0.kind == .reverse })
        #expect(reverse.back == "BFF (Backend for Frontend)")
        #expect(reverse.front == "Gateways: which term is this? A gateway per client type; each (…) shapes responses for its client.")
        #expect(reverse.from == [source.id])
        #expect(reverse.id == DerivedCards.reverseID(of: source.id))
        #expect(reverse.id != source.id)
        #expect(reverse.source == source.source)
    }

    @Test func hidingCoversPluralsAndSlashParts() {
        #expect(DerivedCards.masked("A message queue holds messages.", hiding: DerivedCards.names(of: "Message queues"))
            == "A (…) holds messages.")
        #expect(DerivedCards.masked("Use a mutex or locks.", hiding: DerivedCards.names(of: "Mutex/Locks/Atomics"))
            == "Use a (…) or (…).")
        #expect(DerivedCards.masked("Caching helps a cache-aside design.", hiding: DerivedCards.names(of: "Cache"))
            == "Caching helps a (…)-aside design.")
    }

    @Test func noReverseWhenTooLittleIsLeftToAsk() throws {
        #expect(try cards("# T\n\n- Lamport Clocks: Logical timestamps.\n").filter { $0.kind == .reverse }.isEmpty)
        #expect(try cards("# T\n\n- Security: See the security section.\n").filter { $0.kind == .reverse }.isEmpty)
    }

    @Test func noReverseOfATitleAQuestionALabelledHeadingOrANumberedPart() throws {
        func reverses(_ term: String) throws -> [Card] {
            try cards("# T\n\n- \(term): Splits the rows of one table over many servers by a key.\n").filter { $0.kind == .reverse }
        }
        #expect(try reverses("A Crash Course on Database Sharding").isEmpty)  // six words
        #expect(try reverses("Step 3").isEmpty)
        #expect(try reverses("Phase II").isEmpty)
        #expect(try reverses("Option B").isEmpty)
        #expect(try reverses("Steps 2-4").isEmpty)
        #expect(try reverses("Assumptions").isEmpty)
        #expect(try cards("# T\n\n## Step 3: Shard the table\n\nSplit the rows of one table over many servers by a key.\n")
            .filter { $0.kind == .reverse }.isEmpty)
        // Short names, numbered ones that name a thing among them, are still asked both ways.
        #expect(try reverses("Rate Limiting & DDoS Protection").count == 1)
        #expect(try reverses("Layer 4").count == 1)
        #expect(try reverses("Sharding").count == 1)
        #expect(try reverses("std::map").count == 1)
    }

    @Test func aReverseDoesNotGiveItsAnswerAway() throws {
        // The spelled-out name of an acronym goes with it.
        let udp = try cards("# Transport\n\n- UDP: User Datagram Protocol (UDP) sends datagrams without a connection.\n")
            .filter { $0.kind == .reverse }
        #expect(udp.map(\.front) == ["Transport: which term is this? (…) sends datagrams without a connection."])
        #expect(DerivedCards.withoutSpelledOutAcronym("Infrastructure as Code (IAC) keeps servers in files.", acronym: "IAC")
                == "IAC keeps servers in files.")
        #expect(DerivedCards.withoutSpelledOutAcronym("Each Time to Live (TTL) ends.", acronym: "TTL") == "Each TTL ends.")
        #expect(DerivedCards.withoutSpelledOutAcronym("A Domain Name System (DNS) lookup.", acronym: "DNS") == "A DNS lookup.")
        #expect(DerivedCards.withoutSpelledOutAcronym("Some other words (UDP) here.", acronym: "UDP") == "Some other words (UDP) here.")
        // Capitalized words that spell it out go too, even without brackets.
        #expect(DerivedCards.withoutExpansion("JSON Web Tokens carry signed claims.", acronym: "JWT") == "JWTs carry signed claims.")
        #expect(DerivedCards.withoutExpansion("Uses Dynamic Host Configuration Protocol, then more.", acronym: "DHCP")
                == "Uses DHCP, then more.")
        #expect(DerivedCards.withoutExpansion("Just want tokens here.", acronym: "JWT") == "Just want tokens here.")
        #expect(DerivedCards.withoutExpansion("On Startup it loads.", acronym: "OS") == "On Startup it loads.")
        // No reverse when the context already names the term.
        let named = try cards("# Firewalls\n\n## Stateful inspection\n\n- Stateful Inspection: Tracks each connection and lets replies through.\n")
        #expect(named.filter { $0.kind == .reverse }.isEmpty)
        #expect(!DerivedCards.endsWithTitle("Firewalls › Packet filtering", "Filtering"))
        #expect(DerivedCards.endsWithTitle("Filtering", "filtering"))
    }

    @Test func anAttributeLabelAsksItsTopicAndIsNotReversed() throws {
        let made = try cards("# Databases\n\n## Indexing\n\n- **Purpose**: Speed up the reads of a table.\n- **Cons**: Slower writes and more space on disk.\n")
        #expect(made.filter { $0.kind == .definition }.map(\.front) == ["Indexing: purpose?", "Indexing: cons?"])
        #expect(GenericWords.isAttribute("Benefit(s)") && GenericWords.isAttribute("Cons:") && GenericWords.isAttribute("PROS"))
        #expect(!GenericWords.isAttribute("Purposeful") && !GenericWords.isAttribute(""))
        // Without a topic above, an attribute is asked as usual.
        #expect(try cards("- **Note**: Keep the keys short.\n").filter { $0.kind == .definition }.map(\.front)
                == ["What is meant by Note?"])
        #expect(made.filter { $0.kind == .reverse }.isEmpty)
    }

    @Test func frontMatterTurnsReversesOff() throws {
        let text = "---\nreverse: false\n---\n# T\n\n- Quorum: A majority of the replicas that must agree.\n"
        #expect(try cards(text).map(\.kind) == [.definition])
    }

    @Test func aVersusHeadingComparesTheTermsItDefines() throws {
        let all = try cards("# T\n\n## Message Queues vs. Pub/Sub\n\n- Queues: One consumer gets each message.\n- Pub/Sub: Every subscriber gets a copy.\n")
        let comparison = try #require(all.first { $0.kind == .comparison })
        #expect(comparison.term == "Queues vs. Pub/Sub")
        #expect(comparison.front == "Message Queues vs. Pub/Sub: how do Queues and Pub/Sub differ?")
        #expect(comparison.back == "Queues: One consumer gets each message.\nPub/Sub: Every subscriber gets a copy.")
        #expect(comparison.from == all.filter { $0.kind == .definition }.map(\.id))
    }

    @Test(arguments: [
        // Acronyms that differ in one letter.
        ("- SLI (Indicator): A measured number.\n- SLO (Objective): The target for it.\n- SLA (Agreement): The promise to customers.\n- Error Budget: What the target leaves.\n",
         ["SLI vs. SLO vs. SLA"]),
        // A shared head noun.
        ("- Lamport Clocks: Order events with counters.\n- Vector Clocks: Track causality per node.\n", ["Lamport Clocks vs. Vector Clocks"]),
        // A shared first part of a hyphenated name.
        ("- Write-through: Cache, then database.\n- Write-back: Cache now, database later.\n", ["Write-through vs. Write-back"]),
        // A shared last part.
        ("- At-most-once: May lose, never repeats.\n- At-least-once: Never loses, may repeat.\n", ["At-most-once vs. At-least-once"]),
        // Known opposites.
        ("- Vertical: A bigger machine.\n- Horizontal: More machines.\n", ["Vertical vs. Horizontal"]),
        // A shared first word describes; it does not name a kind.
        ("- Graceful Degradation: Serve less under load.\n- Graceful Shutdown: Finish requests before stopping.\n", [String]()),
        // Not alternatives of one kind.
        ("- Two-Phase Commit: Coordinated commit.\n- Coordination Services: Config and leader election.\n", [String]()),
        // More than four is a list, not a comparison.
        ("- L1: a.\n- L2: b.\n- L3: c.\n- L4: d.\n- L5: e.\n", [String]()),
    ])
    func comparisonRules(_ bullets: String, _ expected: [String]) throws {
        let found = try cards("# T\n\n## Kinds\n\n" + bullets).filter { $0.kind == .comparison }.map(\.term)
        #expect(found == expected)
    }

    @Test func aVersusParentComparesThePartsItsPointNames() throws {
        let all = try cards("# T\n\n- L4 vs. L7 Load Balancers:\n  - L4 (TCP-level), L7 (HTTP-level; can read headers).\n")
        let comparison = try #require(all.first { $0.kind == .comparison })
        #expect(comparison.term == "L4 vs. L7")
        #expect(comparison.back == "L4: TCP-level\nL7: HTTP-level; can read headers")
        #expect(comparison.from == all.filter { $0.kind == .list }.map(\.id))
    }

    @Test func aFrontWithoutContextIsWidenedWithThePath() {
        #expect(CardFront.widened("Which term is this? X", section: ["Guide", "Topic"]) == "Guide › Topic: which term is this? X")
        #expect(CardFront.widened("Topic: name the 2 points.", section: ["Guide", "Topic"]) == "Guide › Topic: name the 2 points.")
    }
}
