import Testing
@testable import Deck
@testable import Scheduling
@testable import Store

/// A sync that retires a card and inserts its successor moves the history over
/// (`RenameMatcher`, `StudyStore.moveHistory`).
@Suite struct RenameTests {
    let dir = TemporaryDirectory()
    /// Fuzz on, as by default: a state depends on its card's ID, so a moved state must be
    /// replayed, not copied.
    let scheduler = SM2Scheduler(fuzz: true)

    func cards(_ text: String) throws -> [Card] {
        try OutlineParser(deck: "d", file: "d.md").parse(text).filter { !$0.kind.isDerived }
    }

    @discardableResult
    func sync(_ store: StudyStore, _ text: String, at time: Int64 = 1000, replaying: Bool = true) throws -> SyncReport {
        let scheduler = self.scheduler
        return try store.sync(deck: "d", source: "/d.md", origin: .registered, files: [], cards: try cards(text), at: time,
                              replay: replaying ? { scheduler.replay($1, cardID: $0.rawValue) } : nil)
    }

    func id(_ store: StudyStore, term: String) throws -> CardID {
        try #require(try store.cards(includeRetired: true).first { $0.card.term == term }).id
    }

    /// Records passing reviews a few days apart as a session would (the third interval is
    /// long enough to be fuzzed).
    func review(_ store: StudyStore, _ card: CardID, count: Int = 3, prefix: String = "r", from start: Int64 = 10_000) throws {
        var time = start
        for index in 0..<count {
            let review = ReviewRecord(id: "\(prefix)\(index)", cardID: card, at: time, grade: Quality(rawValue: 5)!, durationMs: 900)
            let before = try store.state(of: card) ?? .new
            let seed = FuzzSeed.make(cardID: card.rawValue, reviewIndex: try store.reviews(of: card).count)
            try store.record(review, newState: scheduler.next(before, review: review.event, fuzzSeed: seed))
            time += 7 * 86_400
        }
    }

    /// Every stored state is its card's replayed log, and no card without reviews has one.
    func expectStatesAreReplays(_ store: StudyStore) throws {
        var logs: [CardID: [ReviewEvent]] = [:]
        try store.forEachReview { logs[$0.cardID, default: []].append($0.event) }
        var replayed: [CardID: CardState] = [:]
        for (id, events) in logs { replayed[id] = scheduler.replay(events, cardID: id.rawValue) }
        #expect(try store.allStates() == replayed)
    }

    // MARK: Pairing

    @Test func sameKindAndAnswerIsARename() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        try sync(store, "# S\n\n- Other: x.\n- Cache: Keeps copies close to readers.\n")
        let old = try id(store, term: "Cache")
        try review(store, old)
        // Another term on another line, the same answer; the card now at its line is new.
        let report = try sync(store, "# S\n\n- Other: x.\n- Filler: y.\n- Memo store: Keeps copies close to readers.\n", at: 2000)
        #expect(report.renamed == 1)
        #expect(report.inserted == 1)
        #expect(report.retired == 0)
        #expect(report.unchanged == 1)
        let new = try id(store, term: "Memo store")
        #expect(try store.reviews(of: new).map(\.id) == ["r0", "r1", "r2"])
        #expect(try store.reviews(of: old).isEmpty)
        #expect(try store.card(id: old)?.retired == true)
        #expect(try store.card(id: new)?.retired == false)
        #expect(try store.allRenames() == [CardRename(old: old, new: new, at: 2000)])
        try expectStatesAreReplays(store)
    }

    @Test(arguments: [
        ("- Cache: Keeps copies.\n", "- Caches: Stores copies near users.\n"),  // one edit in six letters
        ("- Shard: A piece.\n", "- Shard key: What picks the piece.\n"),  // one contains the other
        ("- Write-Back Cache: Later.\n", "- write back cache: Writes later.\n"),  // case and a hyphen
    ])
    func samePositionAndSimilarTermIsARename(before: String, after: String) throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        try sync(store, "# S\n\n" + before)
        let old = try store.cards()[0].id
        try review(store, old)
        let report = try sync(store, "# S\n\n" + after, at: 2000)
        #expect(report.renamed == 1)
        #expect(report.inserted == 0 && report.retired == 0)
        let new = try store.cards()[0].id
        #expect(new != old)
        #expect(try store.reviews(of: new).count == 3)
        try expectStatesAreReplays(store)
    }

    @Test(arguments: [
        // Another answer on another line, though the term is close.
        ("- Cache: one.\n- B: two.\n", "- B: two.\n- Caches: three.\n"),
        // The same line, but a term with nothing in common and another answer.
        ("- Cache: one.\n", "- Zebra: two.\n"),
        // The same answer, but another kind of card (at another line).
        ("- Cache: one.\n", "- Filler: z.\nQ: What is a cache?\nA: one.\n"),
    ])
    func noRenameWhenNeitherAnswerNorPositionMatch(before: String, after: String) throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        try sync(store, "# S\n\n" + before)
        let old = try id(store, term: "Cache")
        try review(store, old)
        let report = try sync(store, "# S\n\n" + after, at: 2000)
        #expect(report.renamed == 0)
        #expect(report.inserted >= 1)
        #expect(report.retired == 1)
        #expect(try store.reviews(of: old).count == 3)
        #expect(try store.allRenames().isEmpty)
        try expectStatesAreReplays(store)
    }

    @Test func twoEquallyGoodCandidatesAreNotPaired() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        // Two vanished cards with the answer of one new card.
        try sync(store, "# S\n\n- Alpha: Yes.\n- Beta: Yes.\n- Keep: k.\n")
        let alpha = try id(store, term: "Alpha")
        try review(store, alpha)
        let report = try sync(store, "# S\n\n- Keep: k.\n\n\n- Gamma: Yes.\n", at: 2000)
        #expect(report.renamed == 0)
        #expect(report.inserted == 1 && report.retired == 2)
        #expect(try store.reviews(of: alpha).count == 3)

        // Two new cards at one old card's place, both one edit from its term.
        func candidate(_ term: String, back: String, line: Int) -> RenameMatcher.Candidate {
            RenameMatcher.Candidate(Card(id: CardID(rawValue: term), deck: "d", section: [], kind: .definition, term: term,
                                         front: term, back: back, items: [], source: SourceLocation(file: "d.md", line: line),
                                         order: 0))
        }
        let old = [candidate("cache", back: "a", line: 3)]
        #expect(RenameMatcher.pairs(old: old, new: [candidate("caches", back: "b", line: 3), candidate("cachez", back: "c", line: 3)]).isEmpty)
        // A closer one wins; a tie between the answers falls back to the place.
        #expect(RenameMatcher.pairs(old: old, new: [candidate("caches", back: "b", line: 3), candidate("cache!!", back: "c", line: 3)])
                .map { [$0.old, $0.new] } == [[0, 0]])
        let twins = [candidate("one", back: "same", line: 3), candidate("two", back: "same", line: 4)]
        #expect(RenameMatcher.pairs(old: twins, new: [candidate("One!", back: "same", line: 3), candidate("zzz", back: "same", line: 9)])
                .map { [$0.old, $0.new] } == [[0, 0]])
        // An empty answer never pairs by answer.
        #expect(RenameMatcher.pairs(old: [candidate("x", back: " ", line: 1)], new: [candidate("y", back: " ", line: 2)]).isEmpty)
    }

    // MARK: History

    @Test func everythingRecordedAboutTheOldCardMovesAndStatesStayReplays() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        try sync(store, "# S\n\n- Cache: Keeps copies.\n- Other: x.\n")
        let old = try id(store, term: "Cache"), other = try id(store, term: "Other")
        try review(store, old, count: 4)
        try review(store, other, count: 2, prefix: "o")
        let oldState = try #require(try store.state(of: old))
        try store.bury(old, until: 50_000)
        try store.requeue(old, at: 5_000_000)
        try store.insertQuizResult(QuizResultRecord(id: "q1", sessionID: "s", at: 30_000, mode: "typed", cardID: old, prompt: "p",
                                                    expected: "e", given: "g", correct: true, durationMs: 1))
        try store.saveDrill(DrillResultRecord(id: "d1", cardID: old, name: "n", minutes: 5, startedAt: 1, updatedAt: 2, phase: 0,
                                              elapsedSeconds: 0, phaseScores: [], total: nil, status: .inProgress))

        try sync(store, "# S\n\n- Caching: Keeps copies.\n- Other: x.\n", at: 2000)
        let new = try id(store, term: "Caching")
        #expect(try store.reviews(of: new).map(\.id) == ["r0", "r1", "r2", "r3"])
        #expect(try store.state(of: old) == nil)
        let newState = try #require(try store.state(of: new))
        // Same log, same phase and counts; the due date is the new ID's own fuzz.
        #expect(newState == scheduler.replay(try store.reviews(of: new).map(\.event), cardID: new.rawValue))
        #expect(newState.reps == oldState.reps && newState.lastReview == oldState.lastReview)
        #expect(try store.buriedCards(at: 45_000) == [new])
        #expect(try store.requeuedCards(at: 6_000_000) == [new])
        #expect(try store.quizResults().map(\.cardID) == [new])
        #expect(try store.drills().map(\.cardID) == [new])
        #expect(try store.reviews(of: other).count == 2)
        try expectStatesAreReplays(store)
        #expect(try store.foreignKeyProblems().isEmpty)
    }

    @Test func aChainKeepsEveryStepAndRenamingBackIsARevive() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        try sync(store, "# S\n\n- Cache: Keeps copies.\n")
        let a = try id(store, term: "Cache")
        try review(store, a, count: 2)
        #expect(try sync(store, "# S\n\n- Caches: Keeps copies.\n", at: 2000).renamed == 1)
        let b = try id(store, term: "Caches")
        try review(store, b, count: 1, prefix: "b", from: 2_000_000)
        #expect(try sync(store, "# S\n\n- Caching: Keeps copies.\n", at: 3000).renamed == 1)
        let c = try id(store, term: "Caching")
        #expect(try store.reviews(of: c).map(\.id) == ["r0", "r1", "b0"])
        #expect(try store.renamedFrom(c) == [RenamedFrom(id: b, term: "Caches", at: 3000), RenamedFrom(id: a, term: "Cache", at: 2000)])
        #expect(try store.renamedFrom(b) == [RenamedFrom(id: a, term: "Cache", at: 2000)])
        try expectStatesAreReplays(store)

        // Back to the first term: that card exists (retired), so it comes back as itself.
        let back = try sync(store, "# S\n\n- Cache: Keeps copies.\n", at: 4000)
        #expect(back.revived == 1)
        #expect(back.renamed == 0 && back.retired == 1 && back.inserted == 0)
        #expect(try store.allRenames().count == 2)
        try expectStatesAreReplays(store)

        // Renamed again: the revived card's newer rename replaces its first one.
        try review(store, a, count: 1, prefix: "a", from: 3_000_000)
        #expect(try sync(store, "# S\n\n- Cache store: Keeps copies.\n", at: 5000).renamed == 1)
        let d = try id(store, term: "Cache store")
        #expect(try store.reviews(of: d).map(\.id) == ["a0"])
        #expect(try store.allRenames() == [CardRename(old: b, new: c, at: 3000), CardRename(old: a, new: d, at: 5000)])
        #expect(try store.renamedFrom(d) == [RenamedFrom(id: a, term: "Cache", at: 5000)])
        try expectStatesAreReplays(store)
    }

    @Test func withoutAReplayNoRenameIsLookedFor() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        try sync(store, "# S\n\n- Cache: Keeps copies.\n")
        let report = try sync(store, "# S\n\n- Caches: Keeps copies.\n", at: 2000, replaying: false)
        #expect(report.renamed == 0 && report.inserted == 1 && report.retired == 1)
    }

    @Test func aFailedSyncMovesNothing() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        try sync(store, "# S\n\n- Cache: Keeps copies.\n")
        let old = try id(store, term: "Cache")
        try review(store, old)
        let state = try store.state(of: old)
        #expect(throws: StoreError.self) {
            try store.connection.transaction {
                try sync(store, "# S\n\n- Caches: Keeps copies.\n", at: 2000)
                throw StoreError.inconsistent("boom")
            }
        }
        #expect(try store.reviews(of: old).count == 3)
        #expect(try store.state(of: old) == state)
        #expect(try store.allRenames().isEmpty)
        #expect(try store.cards(includeRetired: true).count == 1)
    }

    // MARK: Links

    @Test func linksAreStoredAndAChangeOfLinksIsAnUpdate() throws {
        let store = try StudyStore.open(path: dir.file("db.sqlite"))
        let parsed = try cards("# S\n\n- Cache: Keeps copies.\n")[0]
        func with(_ links: [String]) -> Card {
            Card(id: parsed.id, deck: parsed.deck, section: parsed.section, kind: parsed.kind, term: parsed.term, front: parsed.front,
                 back: parsed.back, items: parsed.items, source: parsed.source, order: parsed.order, links: links)
        }
        func sync(_ card: Card) throws -> SyncReport {
            try store.sync(deck: "d", source: "/d.md", origin: .registered, files: [], cards: [card], at: 1000)
        }
        let links = ["https://example.com/a?b=1&c", "https://example.com/ü"]
        #expect(try sync(with(links)).inserted == 1)
        #expect(try store.card(id: parsed.id)?.card.links == links)
        #expect(try sync(with(links)).unchanged == 1)
        #expect(try sync(with([links[1]])).updated == 1)
        #expect(try store.cards()[0].card.links == [links[1]])
        #expect(try sync(with([])).updated == 1)
        #expect(try store.card(id: parsed.id)?.card.links == [])

        let retired = Card(id: CardID(rawValue: "00000000000000aa"), deck: "x", section: ["S"], kind: .definition, term: "t",
                           front: "f", back: "b", items: [], source: SourceLocation(file: "x.md", line: 1), order: 0,
                           links: ["https://example.org"])
        try store.insertRetiredCard(retired)
        #expect(try store.card(id: retired.id)?.card.links == ["https://example.org"])
    }
}
