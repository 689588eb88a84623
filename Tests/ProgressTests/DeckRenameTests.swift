import Foundation
import Testing
@testable import Deck
@testable import Scheduling
@testable import Store
@testable import Study
@testable import Progress

/// A deck edited on disk: the synchronizer renames with the scheduler in effect, so the
/// moved states are what `sysdrill check` replays.
@Suite struct DeckRenameTests {
    let folder = ProgressTempFolder()

    @Test(arguments: [SchedulerKind.sm2, .fsrs])
    func aRenameBySyncLeavesEveryStateTheReplayOfTheLog(kind: SchedulerKind) throws {
        let store = try StudyStore.open(path: folder.file("db.sqlite"))
        try store.setSetting(ConfigKey.scheduler.rawValue, kind.rawValue)
        let deck = folder.file("notes.md")
        try "# Notes\n\n- Cache: Keeps copies of hot data near the reader.\n".write(toFile: deck, atomically: false, encoding: .utf8)
        let synchronizer = DeckSynchronizer(store: store, now: 1_000)
        // The definition and its reverse.
        #expect(try synchronizer.register(path: deck).report.inserted == 2)
        let old = try store.cards().first { $0.card.kind == .definition }!.id
        // Long enough apart for the intervals to be fuzzed, which depends on the card's ID.
        for (index, day) in ["01", "03", "10", "28"].enumerated() {
            try ProgressFixture.review(store, card: old, at: "2026-11-\(day)T08:00:00Z", grade: 5, id: ProgressFixture.reviewID(index))
        }

        try "# Notes\n\n- Caches: Keeps copies of hot data close to the reader.\n".write(toFile: deck, atomically: false, encoding: .utf8)
        let outcome = try synchronizer.syncAll(embedded: [], transientPaths: [])
        // The reverse is renamed with its definition (the same line, a similar term).
        #expect(outcome.reports.map(\.report.renamed) == [2])
        let new = try store.cards().first { $0.card.kind == .definition }!.id
        #expect(new != old)
        #expect(try store.reviews(of: new).count == 4)
        #expect(try store.state(of: old) == nil)
        let scheduler = try StudyConfiguration.load(from: store).scheduler.makeScheduler()
        #expect(scheduler.kind == kind)
        #expect(try StateRebuilder(store: store, scheduler: scheduler).mismatches().isEmpty)
    }
}
