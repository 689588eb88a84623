import Deck
import Foundation
import Store
@testable import Study
import Testing

/// `decks add` of a new deck reads it once and mends afterwards what a first reading would
/// have found (`DeckSynchronizer.registerReadingOnce`). Its cards must be exactly the cards of
/// the two readings that every other sync does: these decks hold each case that needs
/// mending, and the two ways are compared card by card.
@Suite struct OneReadingSyncTests {
    let folder = ProgressTempFolder()

    /// Two "Policies" sections defining one term (one front, widened on both cards), two
    /// terms with one answer (their reverses are left out, both), and plain cards.
    static let sharedFrontsAndPrompts = """
        # Caching

        ## Policies

        - Eviction: Removing entries to make room for new ones.

        ## Pros

        - Fast reads for hot keys
        - Less load on the database

        - Cache-aside: The application reads the cache first and loads a miss from the database.
        - Lazy loading: The application reads the cache first and loads a miss from the database.

        # Queues

        ## Policies

        - Eviction: Dropping old messages when the queue is full.

        ## Pros

        - Smooths bursts of writes
        - Decouples producers from consumers

        - Dead-letter queue: Holds the messages that failed processing too many times.

        """

    /// A file that hands out cards, then fails (a duplicate term in its second section).
    static let failsHalfWay = """
        # Replication

        - Leader: The replica that accepts the writes and ships them to the followers.
        - Follower: A replica that applies the leader's log and serves reads.

        # Sharding

        - Shard key: The column whose value picks the shard of a row.
        - Shard key: Written twice, which is an error.

        """

    static let last = """
        # Consistency

        ## Pros

        - Reads see the latest write
        - Simpler application code

        - Quorum: A majority of replicas that must answer a read or a write.

        """

    @Test func aSingleFileGivesTheCardsOfTwoReadings() throws {
        let deck = folder.file("notes.md")
        try Self.sharedFrontsAndPrompts.write(toFile: deck, atomically: false, encoding: .utf8)
        try expectSameCardsBothWays(path: deck)
    }

    @Test func aFolderWithAFileThatFailsHalfWayGivesTheCardsOfTwoReadings() throws {
        let notes = folder.file("notes")
        try FileManager.default.createDirectory(atPath: notes, withIntermediateDirectories: false)
        try Self.sharedFrontsAndPrompts.write(toFile: notes + "/a-caching.md", atomically: false, encoding: .utf8)
        try Self.failsHalfWay.write(toFile: notes + "/b-broken.md", atomically: false, encoding: .utf8)
        try Self.last.write(toFile: notes + "/c-consistency.md", atomically: false, encoding: .utf8)
        // The broken file does hand out cards before it fails, so they must be taken out again.
        var reader = DeckReader(deck: "notes", files: try DeckLoader.fingerprints(of: notes), folder: notes)
        while try reader.next() != nil {}
        #expect(reader.retracted.all > 0)
        #expect(reader.skippedFiles.count == 1)

        let result = try expectSameCardsBothWays(path: notes)
        #expect(result.check.skippedFiles.map(\.path) == [notes + "/b-broken.md"])
        #expect(try StudyStore.open(path: folder.file("once.sqlite")).cards().allSatisfy { !$0.card.source.file.hasSuffix("b-broken.md") })
    }

    @Test func aBrokenSingleFileWritesNothing() throws {
        let deck = folder.file("broken.md")
        try Self.failsHalfWay.write(toFile: deck, atomically: false, encoding: .utf8)
        let store = try StudyStore.open(path: folder.file("db.sqlite"))
        #expect(throws: DeckError.self) { try DeckSynchronizer(store: store, now: 1_000).register(path: deck) }
        #expect(try store.cards(includeRetired: true).isEmpty)
        #expect(try store.decks().allSatisfy { $0.name != "broken" })
    }

    @Test func aDeckNamedLikeAnotherButForCaseIsRefusedAndTakesNoCards() throws {
        for folder in ["A", "B"] { try FileManager.default.createDirectory(atPath: self.folder.file(folder), withIntermediateDirectories: false) }
        let first = folder.file("A/Notes.md"), second = folder.file("B/notes.md")
        for path in [first, second] { try Self.last.write(toFile: path, atomically: false, encoding: .utf8) }
        let store = try StudyStore.open(path: folder.file("db.sqlite"))
        let synchronizer = DeckSynchronizer(store: store, now: 1_000)
        _ = try synchronizer.register(path: first)
        let before = try store.cards().map(\.card)
        #expect(before.allSatisfy { $0.deck == "Notes" } && !before.isEmpty)
        #expect(throws: DeckError.self) { try synchronizer.register(path: second) }
        #expect(throws: DeckError.self) { try synchronizer.syncAll(embedded: [], transientPaths: [second]) }
        #expect(try store.cards().map(\.card) == before)
    }

    /// Registers `path` into one database (one reading) and syncs it as a `--deck` into
    /// another (two readings), then compares the cards; registering it again (two readings,
    /// now that cards are stored) must find every card unchanged.
    @discardableResult
    func expectSameCardsBothWays(path: String) throws -> (name: String, report: SyncReport, cards: Int, check: DeckCheck) {
        let once = try StudyStore.open(path: folder.file("once.sqlite"))
        let synchronizer = DeckSynchronizer(store: once, now: 1_000)
        let registered = try synchronizer.register(path: path)

        let twice = try StudyStore.open(path: folder.file("twice.sqlite"))
        let outcome = try DeckSynchronizer(store: twice, now: 1_000).syncAll(embedded: [], transientPaths: [path])
        let reference = try #require(outcome.checks.first)

        let onceCards = try once.cards(includeRetired: true).map(\.card).sorted { $0.id < $1.id }
        let twiceCards = try twice.cards(includeRetired: true).map(\.card).sorted { $0.id < $1.id }
        #expect(onceCards.count == twiceCards.count)
        for (one, two) in zip(onceCards, twiceCards) { #expect(one == two) }
        // The first card of the shared front was written before the second showed, and mended.
        #expect(onceCards.contains { $0.front == "Caching › Policies: what is meant by Eviction?" })
        #expect(!onceCards.contains { $0.kind == .reverse && $0.term == "Cache-aside" }, "the shared prompt's reverses are left out")

        #expect(registered.cards == onceCards.count)
        #expect(registered.report.inserted == onceCards.count)
        #expect(registered.report == outcome.reports.first?.report)
        #expect(registered.check.cards == reference.check.cards)
        #expect(registered.check.writtenCards == reference.check.writtenCards)
        #expect(registered.check.sharedFronts == reference.check.sharedFronts)
        #expect(registered.check.sharedReversePrompts == reference.check.sharedReversePrompts)
        #expect(registered.check.weakPrompts == reference.check.weakPrompts)
        #expect(registered.check.notes.count == reference.check.notes.count)

        let again = try synchronizer.register(path: path)
        #expect(again.report.unchanged == onceCards.count)
        #expect(again.report.inserted + again.report.updated + again.report.retired == 0)
        return registered
    }
}
