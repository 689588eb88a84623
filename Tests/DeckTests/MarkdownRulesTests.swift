import Testing
@testable import Deck

/// The rules for Markdown as people write it (docs/markdown.md), one small case each.
@Suite struct MarkdownRulesTests {
    func parse(_ text: String, file: String = "t.md") throws -> [Card] {
        // The cards written in the Markdown (derived cards have tests of their own).
        try OutlineParser(deck: "t", file: file).parse(text).filter { !$0.kind.isDerived }
    }

    func notes(_ text: String) throws -> [DeckNote] {
        var reader = try OutlineParser(deck: "t", file: "t.md").reader(for: Array(text.utf8))
        while try reader.next() != nil {}
        return reader.notes
    }

    // MARK: Front matter and headings

    @Test func yamlFrontMatterMakesNoCardAndItsTitleHeadsTheFile() throws {
        let text = "---\ntitle: \"Rate limiting\"\ntags: [api, traffic]\ndescription: Limits: many\n---\n\n- Token bucket: Tokens refill at a fixed rate.\n"
        let cards = try parse(text)
        #expect(cards.count == 1)
        #expect(cards[0].section == ["Rate limiting"])
        #expect(cards[0].term == "Token bucket")
        #expect(cards[0].source.line == 7)
        var reader = try OutlineParser(deck: "t", file: "t.md").reader(for: Array(text.utf8))
        while try reader.next() != nil {}
        #expect(reader.tags == ["api", "traffic"])
        #expect(reader.notes.map(\.reason) == [.frontMatter])
    }

    @Test func tomlFrontMatter() throws {
        let cards = try parse("+++\ntitle = \"Queues\"\n+++\n- Dead letter queue: Holds messages that failed.\n")
        #expect(cards.map(\.section) == [["Queues"]])
    }

    @Test func frontMatterTitleDoesNotReplaceATopHeading() throws {
        let cards = try parse("---\ntitle: Other\n---\n# Caching\n\n- CDN: Edge caching.\n")
        #expect(cards[0].section == ["Caching"])
    }

    @Test func unclosedFrontMatterIsText() throws {
        let cards = try parse("---\ntitle: x\n\n# A\n\n- T: d.\n")
        #expect(cards.map(\.term) == ["T"])
    }

    @Test func setextHeadings() throws {
        let cards = try parse("Storage\n=======\n\nReplication\n-----------\n\n- Leader: Takes the writes.\n")
        #expect(cards[0].section == ["Storage", "Replication"])
    }

    // MARK: Inline Markdown

    @Test func inlineMarkdownIsRenderedAndLinksKept() throws {
        let cards = try parse("# S\n\n- **[Redis](https://redis.io)**: An *in-memory* `key-value` store &amp; cache.<br>Fast.\n")
        #expect(cards[0].term == "Redis")
        #expect(cards[0].back == "An in-memory key-value store & cache.\nFast.")
        #expect(cards[0].links == ["https://redis.io"])
        #expect(cards[0].front == "What is meant by Redis?" || cards[0].front == "S: what is meant by Redis?")
    }

    @Test func listItemsAreRendered() throws {
        let cards = try parse("# S\n\n## Ops\n\n- Watch **p99** latency\n- Page on [SLO burn](https://x/slo)\n")
        #expect(cards[0].items == ["Watch p99 latency", "Page on SLO burn"])
    }

    @Test func imageAndHTMLBlocksMakeNoCard() throws {
        let text = "# S\n\n![diagram](lb.png)\n\n<p align=\"center\">\n  <img src=\"x.png\">\n</p>\n\n- Anycast: routes to the nearest site.\n"
        #expect(try parse(text).map(\.term) == ["Anycast"])
        #expect(try notes(text).map(\.reason) == [.image, .html])
    }

    // MARK: Labels and lead-ins

    @Test func boldLabelAloneOwnsTheListAfterABlankLine() throws {
        let cards = try parse("# Load balancing\n\n**Advantages**\n\n- Removes unhealthy servers\n- Spreads load\n")
        #expect(cards.count == 1)
        #expect(cards[0].section == ["Load balancing", "Advantages"])
        #expect(cards[0].front == "Load balancing › Advantages: name the 2 points.")
    }

    /// A sentence ending in ":" too long to name the list after it says what the points
    /// are: the list's front shows it, and the list keeps its section's name and ID.
    @Test func aLongLeadInCuesTheListAfterIt() throws {
        let text = """
        # Networks

        ## Session Layer

        Sessions carry state between requests, and most of it lives in cookies.

        Three kinds of attack target the session layer of a web application:

        - Session hijacking
        - Session fixation
        - Cross-site request forgery
        """
        let cards = try parse(text)
        #expect(cards.map(\.front) == ["Networks: what is meant by Session Layer?",
                                        "Session Layer — Three kinds of attack target the session layer of a web application: name the 3."])
        #expect(cards[1].id == CardID(deck: "t", section: ["Networks", "Session Layer"], kind: .list, term: "Session Layer"))
        // Right under a heading, and numbered: the order is asked too.
        let steps = try parse("# Payments\n\n## Settlement\n\nA card payment settles in these steps, a day or two apart:\n\n1. Authorize\n2. Clear\n3. Settle\n")
        #expect(steps.map(\.front) == ["Settlement — A card payment settles in these steps, a day or two apart: name the 3 in order."])
        #expect(steps[0].front.hasSuffix(CardFront.inOrder))
    }

    /// The lead is the list's only when the list comes right after it: another paragraph,
    /// a heading or code in between, or a first point that is a definition, leaves the
    /// list as it was.
    @Test func aLeadInIsForTheListRightAfterIt() throws {
        let lead = "Load balancers can choose a server in several ways, each with its costs:\n\n"
        let plain = "Session Layer: name the 2 points."
        #expect(try parse("# T\n\n## Session Layer\n\n" + lead + "A note in between.\n\n- Round robin\n- Least connections\n")
                    .map(\.front) == [plain])
        #expect(try parse("# T\n\n## Session Layer\n\n" + lead + "```\ncode\n```\n\n- Round robin\n- Least connections\n")
                    .map(\.front) == [plain])
        #expect(try parse("# T\n\n## Other\n\n" + lead + "## Session Layer\n\n- Round robin\n- Least connections\n")
                    .map(\.front) == [plain])
        let definitionFirst = try parse("# T\n\n## Session Layer\n\n" + lead + "- Random: any server.\n- Round robin\n- Least connections\n")
        #expect(definitionFirst.map(\.front) == ["Session Layer: what is meant by Random?", plain])
        // One that only announces the list says no more than the heading: not shown.
        #expect(try parse("# T\n\n## Session Layer\n\nHere are some ways a load balancer can choose a server:\n\n- Round robin\n- Least connections\n")
                    .map(\.front) == [plain])
        // Right under a heading, a short one is a cue too, unless it repeats the heading.
        #expect(try parse("# T\n\n## Cache\n\nKey benefits:\n\n- Fewer reads\n- Less latency\n").map(\.front)
                == ["Cache — Key benefits: name the 2."])
        #expect(try parse("# T\n\n## Caching\n\n### Examples\n\nExamples:\n\n- Redis\n- Memcached\n").map(\.front)
                == ["Caching › Examples: name the 2 points."])
        // A short one still names the list, as a label does.
        #expect(try parse("# T\n\n## Balancing\n\nIntro text here.\n\nCommon strategies:\n\n- Round robin\n- Least connections\n")
                    .map(\.front).last == "Balancing › Common strategies: name the 2 points.")
    }

    @Test func boldLabelWithColonInside() throws {
        let cards = try parse("# Queues\n\n**Disadvantages:**\n- Extra hop\n- Ordering is harder\n")
        #expect(cards[0].section == ["Queues", "Disadvantages"])
    }

    @Test func boldLeadInsInParagraphsAreDefinitions() throws {
        let cards = try parse("# S\n\n**Round robin** - each server in turn.\n\n**Least connections**: the least busy server.\n")
        #expect(cards.map(\.term) == ["Round robin", "Least connections"])
        #expect(cards.map(\.back) == ["each server in turn.", "the least busy server."])
        #expect(cards.allSatisfy { $0.kind == .definition })
    }

    @Test func boldDashLeadInInABullet() throws {
        let cards = try parse("# S\n\n- **Sharding** – splits data by key.\n")
        #expect(cards[0].term == "Sharding")
        #expect(cards[0].back == "splits data by key.")
    }

    // MARK: Prose

    @Test func firstParagraphUnderAHeadingDefinesIt() throws {
        let text = """
        # Networking

        ## 2.1 Load balancing

        A load balancer spreads requests over a pool of servers. It also stops sending to servers that fail. It can end TLS.

        A second paragraph says more.
        """
        let cards = try parse(text)
        #expect(cards.count == 1)
        #expect(cards[0].term == "Load balancing")
        #expect(cards[0].kind == .definition)
        #expect(cards[0].section == ["Networking", "2.1 Load balancing"])
        #expect(cards[0].back == "A load balancer spreads requests over a pool of servers. It also stops sending to servers that fail.")
        #expect(cards[0].front == "Networking: what is meant by Load balancing?")
        #expect(cards[0].source.line == 5)
    }

    @Test func proseAnswerIsCutAtASentenceWithinAbout300Characters() throws {
        let long = String(repeating: "word ", count: 90) + "end. Next sentence."
        let cards = try parse("# T\n\n## Topic\n\n\(long)\n")
        #expect(cards[0].back.count <= 301)
        #expect(cards[0].back.hasSuffix("…"))
    }

    @Test func proseAfterAnImageStillDefinesTheHeading() throws {
        let cards = try parse("# T\n\n## Queue\n\n![q](q.png)\n\nA queue holds work until a worker takes it.\n")
        #expect(cards.map(\.term) == ["Queue"])
    }

    @Test func questionsAndAnnouncementsBeforeTheAnswerAreSkipped() throws {
        let cards = try parse("# T\n\n## Queue\n\nEver wondered how work waits? Here is the idea. A queue holds work until a worker takes it.\n")
        #expect(cards.map(\.back) == ["A queue holds work until a worker takes it."])
    }

    @Test func aParagraphThatOnlyHooksLeavesTheHeadingToTheNextOne() throws {
        let text = "# T\n\n## SWIFT\n\nYou have probably heard of SWIFT. What is it?\n\nSWIFT is the network banks use to send payment orders.\n"
        let cards = try parse(text)
        #expect(cards.map(\.term) == ["SWIFT"])
        #expect(cards.map(\.back) == ["SWIFT is the network banks use to send payment orders."])
        #expect(cards.map(\.source.line) == [7])
    }

    @Test func aParagraphThatOnlyAnnouncesMakesNoCard() throws {
        #expect(try parse("# T\n\n## Payments\n\nHere is how money moves when you pay online.\n").isEmpty)
        #expect(try parse("# T\n\n## Flow\n\nThe diagram below shows the flow.\n").isEmpty)
        #expect(try parse("# T\n\n## Design\n\nNow, let’s do a first draft of the design.\n").isEmpty)
    }

    @Test func aParagraphThatOnlyPointsElsewhereMakesNoCard() throws {
        #expect(try parse("# T\n\n## Security\n\nRefer to the [security section](#security).\n").isEmpty)
        #expect(try parse("# T\n\n## Latency\n\nSee [Latency numbers](https://example.com/latency).\n").isEmpty)
    }

    @Test func anEstimatePremiseIsNotAnAnnouncement() throws {
        let cards = try parse("# T\n\n## Traffic\n\nLet us assume 100 million daily users, each sending 10 messages.\n")
        #expect(cards.map(\.back) == ["Let us assume 100 million daily users, each sending 10 messages."])
    }

    @Test func aQuestionHeadingIsAskedAsWritten() throws {
        let cards = try parse("# DNS\n\n## How does a resolver find an address?\n\nIt asks a root server, then the TLD server, then the authoritative one.\n")
        #expect(cards.map(\.kind) == [.question])
        #expect(cards.map(\.front) == ["DNS: How does a resolver find an address?"])
        #expect(cards.map(\.term) == ["How does a resolver find an address?"])
        // A question is not turned round into "which term is this?".
        let all = try OutlineParser(deck: "t", file: "t.md").parse("# DNS\n\n## Why cache answers?\n\nLookups are slow and the same names are asked again and again.\n")
        #expect(all.map(\.kind) == [.question])
    }

    @Test func aNotesTitleIsDefinedOnlyByASentenceAboutWhatItNames() throws {
        // A teaser under an article's title makes no card…
        #expect(try parse("---\ntitle: Good Coding Principles\n---\n\nSoftware development requires good designs and standards.\n").isEmpty)
        #expect(try parse("# Can Kafka Lose Messages?\n\nError handling matters in every reliable system.\n").isEmpty)
        // …a sentence that says what the title names does.
        let defined = try parse("---\ntitle: Data Pipelines Overview\n---\n\nData pipelines are the stages that move data from sources to users.\n")
        #expect(defined.map(\.term) == ["Data Pipelines Overview"])
        let federation = try parse("# Database Federation\n\nFederation splits databases by function.\n")
        #expect(federation.map(\.back) == ["Federation splits databases by function."])
        // Below the title the rule does not apply: a section's prose defines its heading…
        #expect(try parse("# Pipelines\n\n## Consume\n\nDashboards read the processed data.\n").map(\.term) == ["Consume"])
        // A chapter's title (a later `#` heading) too: a teaser gives nothing, a definition a card.
        let readme = try parse("# Notes\n\nI wrote these in 2024.\n\n# DNS\n\nEarlier we saw addresses.\n\n# Queues\n\nA queue decouples producers from consumers.\n")
        #expect(readme.map(\.term) == ["Queues"])
        // A title that asks is answered by a sentence about its subject, whatever the verb…
        #expect(try parse("# How Does a Card Payment Settle?\n\nA card payment settles in two phases.\n").map(\.kind) == [.question])
        // …and not by one about something else.
        #expect(try parse("# Can Kafka Lose Messages?\n\nError handling matters in every system.\n").isEmpty)
        // The title's initials stand for it.
        #expect(try parse("# Content Delivery Network\n\nA CDN is a set of servers close to the users.\n").count == 1)
    }

    @Test func aHeadingThatOpensLikeAQuestionIsAskedAsWritten() throws {
        let cards = try parse("# Consistent hashing\n\n## How it works\n\nKeys and servers are placed on one ring of hash values.\n")
        #expect(cards.map(\.kind) == [.question])
        #expect(cards.map(\.front) == ["Consistent hashing: How it works"])
    }

    @Test func aStepIsAskedForWhatHappensInIt() throws {
        let prose = try parse("# Checkout\n\n## Step 2\n\nThe payment service reserves the amount on the card.\n")
        let bullet = try parse("# Checkout\n\n- Phase II: The order is shipped.\n- Option B: Ship it later.\n")
        #expect((prose + bullet).map(\.front)
                == ["Checkout: what happens in Step 2?", "Checkout: what happens in Phase II?", "Checkout: what is meant by Option B?"])
        #expect((prose + bullet).map(\.kind) == [.definition, .definition, .definition])
        #expect(try parse("# Orders\n\n- Steps 10 - 14: The fills go back to the client.\n- Step 15.: The order closes.\n").map(\.front)
                == ["Orders: what happens in Steps 10 - 14?", "Orders: what happens in Step 15?"])
    }

    @Test func aHeadingsColonAndADashAfterItsNumberAreNotShown() throws {
        // A year read as numbering leaves no dash in the term.
        let prose = try parse("# Redis\n\n## 2013 - Persistence\n\nSnapshots and an append-only file keep the data over restarts.\n")
        #expect(prose.map(\.term) == ["Persistence"])
        // A heading ending in ":" gives no double colon in the fronts under it.
        let list = try parse("# Delivery\n\n## At most once\n\n### Use cases:\n\n- Metrics that may lose a sample\n- Logs of little value\n")
        #expect(list.map(\.front) == ["At most once › Use cases: name the 2 points."])
        // A term that already asks is not asked twice.
        #expect(try parse("# Locks\n\n- Lock?: Only when two writers share a row.\n").map(\.front) == ["Locks: what is meant by Lock?"])
    }

    @Test func aNumberFollowedByAUnitIsAQuantityNotNumbering() {
        #expect(HeadingNumber.split("12.7 GB of new content per month") == (nil, "12.7 GB of new content per month"))
        #expect(HeadingNumber.split("1 billion friend relationships") == (nil, "1 billion friend relationships"))
        #expect(HeadingNumber.split("40 ms at the 99th percentile").number == nil)
        #expect(HeadingNumber.split("3.4 Caching") == ("3.4", "Caching"))
        #expect(HeadingNumber.split("2 B-trees") == ("2", "B-trees"))
    }

    @Test func aHeadingsTrailingColonIsNotPartOfTheTerm() throws {
        let cards = try parse("# Pipelines\n\n## Consume:\n\nDashboards and reports read the processed data.\n")
        #expect(cards.map(\.term) == ["Consume"])
        #expect(cards.map(\.front) == ["Pipelines: what is meant by Consume?"])
    }

    @Test func aRepeatedHeadingWithProseIsNotADuplicateError() throws {
        let cards = try parse("# T\n\n## Quorum\n\nFirst text here.\n\n## Quorum\n\nSecond text here.\n")
        #expect(cards.count == 1)
    }

    // MARK: Lists

    @Test func readingListsMakeNoCard() throws {
        let text = "# T\n\n## Further reading\n\n- [Paper one](https://a)\n- [Blog post](https://b), 2019\n- [Talk](https://c)\n"
        #expect(try parse(text).isEmpty)
        #expect(try notes(text).map(\.reason) == [.readingList])
    }

    @Test func aListWithLinksInsideSentencesIsNotAReadingList() throws {
        let cards = try parse("# T\n\n## Ops\n\n- Keep [runbooks](https://r) next to every alert you page on\n- Rotate on-call weekly\n")
        #expect(cards.count == 1)
    }

    @Test func longListsAreAskedInPartsOfAtMostSeven() throws {
        let items = (1...20).map { "- Point number \($0)" }.joined(separator: "\n")
        let cards = try parse("# T\n\n## Checklist\n\n\(items)\n")
        #expect(cards.map(\.items.count) == [7, 7, 6])
        #expect(cards[1].front == "Checklist: name items 8-14 of 20.")
        // The first part keeps the whole list's ID.
        #expect(cards[0].id == CardID(deck: "t", section: ["T", "Checklist"], kind: .list, term: "Checklist"))
        #expect(Set(cards.map(\.id)).count == 3)
    }

    @Test func aOnePointListIsCuedByItsOpeningWords() throws {
        let cards = try parse("# T\n\n## CAP Theorem\n\n- You can only have two of: Consistency, Availability, Partition tolerance.\n")
        #expect(cards[0].front == "CAP Theorem: “You can only …” — complete the point.")
        #expect(!cards[0].front.contains("key point"))
    }

    // MARK: Context

    @Test func genericLabelsKeepTheTopicAbove() throws {
        let cards = try parse("# Guide\n\n## Caching\n\n### Pros\n\n- Fast reads\n- Less load\n")
        #expect(cards[0].front == "Caching › Pros: name the 2 points.")
        #expect(GenericWords.isGeneric("Disadvantage(s)"))
        #expect(GenericWords.isGeneric("Use cases"))
        #expect(GenericWords.isGeneric("Examples:"))
        #expect(!GenericWords.isGeneric("Consistent hashing"))
    }

    // MARK: Blocks that make no card

    @Test func tablesCodeQuotesAndEmptySectionsAreNoted() throws {
        let text = "# T\n\n## Empty\n\n## Data\n\n| a | b |\n|---|---|\n\n```\nx\n```\n\n> quoted\n\n    indented code\n"
        let reasons = try notes(text).map(\.reason)
        #expect(reasons == [.emptySection, .table, .code, .quote, .code])
        #expect(try parse(text).isEmpty)
    }
}

@Suite struct SentencesTests {
    @Test func splitsAtSentenceEnds() {
        #expect(Sentences.split("It is fast, e.g. in memory. It is small! Is it? Yes") == ["It is fast, e.g. in memory.", "It is small!", "Is it?", "Yes"])
        #expect(Sentences.split("Version 2.5 ships. 3 nodes follow.") == ["Version 2.5 ships.", "3 nodes follow."])
    }

    @Test func openingSkipsHooksAndSaysWhatIsLeft() {
        #expect(Sentences.opening(of: "Why shard? Sharding splits rows over servers. It also splits load.")
                == .answer("Sharding splits rows over servers. It also splits load."))
        #expect(Sentences.opening(of: "What is a queue? Let's see.") == .hook)
        #expect(Sentences.opening(of: "There are three kinds:") == .introduction)
        // A question after the answer is not taken with it.
        #expect(Sentences.opening(of: "Short answer. Why? Because.") == .answer("Short answer."))
    }

    @Test func openingLooksAtSixSentencesWithinTheFirst1600Characters() {
        let questions = String(repeating: "Why? ", count: 6)
        #expect(Sentences.opening(of: questions + "Because queues absorb bursts.") == .hook)
        let long = String(repeating: "word ", count: 400) + "end."
        guard case .answer(let answer) = Sentences.opening(of: long) else { Issue.record("no answer"); return }
        #expect(answer.count <= Sentences.answerLimit + 1 && answer.hasSuffix("…"))
    }

    @Test func announcementsAndQuestionsAreRecognized() {
        for sentence in ["Here’s how it works.", "The cheat sheet below lists the rules.", "In this post, we cover queues.",
                         "Before we start, let's define it.", "Refer to the docs.", "Time to test your skills!"] {
            #expect(Announcements.isAnnouncement(sentence), "\(sentence)")
        }
        for sentence in ["Let's Encrypt issues free certificates.", "Latency above 100 ms shows.", "Seeding picks the first nodes.",
                         "This pattern decouples services."] {
            #expect(!Announcements.isAnnouncement(sentence), "\(sentence)")
        }
        // Definitions whose first words only look like an announcement.
        for sentence in ["Time to live (TTL) is how long a resolver may cache a record.", "ClickHouse is a column store.",
                         "The graphics processing unit renders frames.", "This Postgres extension adds vectors.",
                         "This listener accepts connections.", "Queues let us absorb bursts.", "Seeing is believing."] {
            #expect(!Announcements.isAnnouncement(sentence), "\(sentence)")
        }
        for sentence in ["Let's look at the flow.", "Click here to read more.", "To start, let us define it."] {
            #expect(Announcements.isAnnouncement(sentence), "\(sentence)")
        }
        #expect(Announcements.isQuestion("Is it fast?\u{201D}"))
        #expect(Announcements.isAsking("How it works") && Announcements.isAsking("Why shard?"))
        #expect(!Announcements.isAsking("WHERE vs HAVING") && !Announcements.isAsking("How-to guides")
                && !Announcements.isAsking("Whatever"))
        #expect(!Announcements.isQuestion("It is fast."))
    }

    @Test func shortFirstSentenceTakesTheSecond() {
        #expect(Sentences.opening(of: "Short one. Another short one. Third.") == .answer("Short one. Another short one."))
        let first = String(repeating: "a", count: 90) + "."
        #expect(Sentences.opening(of: first + " Second.") == .answer(first))
    }
}

extension MarkdownRulesTests {
    @Test func aGenericHeadingIsNotDefinedByItsProse() throws {
        #expect(try parse("# T\n\n## Overview\n\nThis guide covers queues.\n").isEmpty)
    }

    @Test func aParagraphBetweenTwoListsMakesThemTwoCards() throws {
        let cards = try parse("# T\n\n## Cache\n\n- Fast reads\n- Less load\n\nIt also helps with:\n\n- Spikes of traffic\n- Slow backends\n")
        #expect(cards.count == 2)
        #expect(cards[0].front == "Cache: name the 2 points.")
        #expect(cards[1].front == "Cache › It also helps with: name the 2 points.")
    }

    @Test func aSecondListWithoutALabelIsNumbered() throws {
        let cards = try parse("# T\n\n## Cache\n\n- Fast reads\n- Less load\n\nMore than that, it lets a team grow the read side without touching the database at all.\n\n- Spikes of traffic\n- Slow backends\n")
        #expect(cards.map(\.term) == ["Cache", "Cache (list 2)"])
        #expect(cards[1].front == "Cache (list 2): name the 2 points.")
    }

    @Test func anIntroductionRightUnderAHeadingLeavesTheHeadingAsTheListName() throws {
        let cards = try parse("# T\n\n## Advantages of queues\n\nHere are some advantages:\n\n- Decoupling\n- Buffering\n")
        #expect(cards.count == 1)
        #expect(cards[0].section == ["T", "Advantages of queues"])
    }
}

/// Line endings and nesting (issue 17's hostile decks).
@Suite struct LineEndingAndNestingTests {
    func parse(_ text: String) throws -> [Card] {
        try OutlineParser(deck: "t", file: "t.md").parse(text).filter { !$0.kind.isDerived }
    }

    @Test func carriageReturnsAloneEndLinesToo() throws {
        let lf = try parse("# S\n\n- Quorum: A majority must agree.\n- Lease: A lock that expires.\n")
        let cr = try parse("# S\r\r- Quorum: A majority must agree.\r- Lease: A lock that expires.\r")
        let crlf = try parse("# S\r\n\r\n- Quorum: A majority must agree.\r\n- Lease: A lock that expires.\r\n")
        #expect(cr.map(\.term) == ["Quorum", "Lease"])
        #expect(cr.map(\.back) == lf.map(\.back) && crlf.map(\.back) == lf.map(\.back))
        #expect(cr.map(\.source.line) == [3, 4])
        #expect(cr.map(\.id) == lf.map(\.id))
    }

    @Test func nestingPastTheLimitIsAnErrorWithItsPlace() {
        let depth = OutlineReader.maximumNesting + 1
        let text = "# S\n\n" + (0..<depth).map { String(repeating: "  ", count: $0) + "- level \($0)\n" }.joined()
        #expect(throws: DeckError.malformed(path: "t.md", line: 3 + OutlineReader.maximumNesting, column: 2 * OutlineReader.maximumNesting + 1,
                                            reason: "bullets nested more than \(OutlineReader.maximumNesting) levels deep; flatten the outline")) {
            try OutlineParser(deck: "t", file: "t.md").parse(text)
        }
        let allowed = "# S\n\n" + (0..<OutlineReader.maximumNesting).map { String(repeating: "  ", count: $0) + "- level \($0)\n" }.joined()
        #expect(throws: Never.self) { try OutlineParser(deck: "t", file: "t.md").parse(allowed) }
    }
}
