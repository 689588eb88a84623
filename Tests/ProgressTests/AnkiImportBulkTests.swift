import Testing
@testable import Interop
import Progress
import Scheduling
@testable import Store

/// An Anki collection's reviews go in one by one, or as a whole history when there are
/// many (`BulkReviewLoad`): both ways must leave the same database and report, and a
/// second import of the same collection adds nothing.
@Suite struct AnkiImportBulkTests {
    let folder = ProgressTempFolder()

    /// Three Basic notes in one deck; two cards with graded reviews (one twice in the same
    /// second) and a manual reschedule of the third, which is skipped.
    func collection() -> AnkiCollection {
        let basic = AnkiCollection.Notetype(id: 1, name: "Basic", isCloze: false, fields: ["Front", "Back"],
                                            templates: [(question: "{{Front}}", answer: "{{FrontSide}}<hr id=answer>{{Back}}")])
        let notes = (1...3).map { number in
            AnkiCollection.Note(id: Int64(number), guid: "guid\(number)", notetypeID: 1,
                                fields: ["What is term \(number)?", "Answer \(number)."], tags: [])
        }
        let cards = (1...3).map { AnkiCollection.Card(id: Int64(100 + $0), noteID: Int64($0), deckID: 10, ordinal: 0) }
        let day: Int64 = 86_400_000, start: Int64 = 1_700_000_000_000
        let revlog = [(start, 101, 3), (start + 500, 102, 1), (start + 900, 102, 4), (start + day, 101, 1), (start + day + 1, 103, 0),
                      (start + 3 * day, 102, 3), (start + 4 * day, 101, 4)].map { at, card, ease in
            AnkiCollection.RevlogEntry(id: at, cardID: Int64(card), ease: ease, milliseconds: 4_000, type: ease == 0 ? 4 : 1)
        }
        return AnkiCollection(schemaVersion: 11, notetypes: [1: basic], decks: [10: "anki"], notes: notes, cards: cards, revlog: revlog)
    }

    func run(_ store: StudyStore, bulkReviews: Int) throws -> AnkiImportReport {
        try AnkiImport(store: store, bulkReviews: bulkReviews).run(collection(), format: .ankiCollection, path: "c.anki2", source: "/c.anki2",
                                                                   configuration: .defaults, now: 1_800_000_000, dryRun: false)
    }

    func contents(_ store: StudyStore) throws -> [String] {
        func rows(_ sql: String, columns: Int32) throws -> [String] {
            try store.connection.prepare(sql).map { row in
                (0..<columns).map { row.isNull($0) ? "null" : row.string($0) }.joined(separator: "|")
            }
        }
        return try rows("SELECT * FROM review_log ORDER BY rowid", columns: 5).map { "review: " + $0 }
            + rows("SELECT * FROM card_state ORDER BY card_id", columns: 15).map { "state: " + $0 }
            + rows("SELECT * FROM card_first_review ORDER BY card_id", columns: 2).map { "first: " + $0 }
    }

    @Test func bothWaysLeaveTheSameDatabaseAndAnImportAgainAddsNothing() throws {
        let oneByOne = try StudyStore.open(path: folder.file("one.sqlite"))
        let bulk = try StudyStore.open(path: folder.file("bulk.sqlite"))
        let first = try run(oneByOne, bulkReviews: .max)
        let second = try run(bulk, bulkReviews: 1)
        #expect(first.reviewsAdded == 6 && second.reviewsAdded == 6)
        #expect(first.cardsReplayed == 2 && second.cardsReplayed == 2 && first.statesChanged == second.statesChanged)
        #expect(try contents(oneByOne) == contents(bulk))
        #expect(try contents(bulk).filter { $0.hasPrefix("review: ") }.count == 6)
        // The states were the first ones stored: the cards' flags are set in one pass at the
        // end of the replay, and must say exactly which cards have a state.
        for store in [oneByOne, bulk] {
            let wrongFlags = try store.connection.prepare("""
                SELECT COUNT(*) FROM cards WHERE introduced <> (id IN (SELECT card_id FROM card_state))
                """).first { $0.int(0) }
            #expect(wrongFlags == 0)
            #expect(try store.connection.prepare("SELECT COUNT(*) FROM cards WHERE introduced = 1").first { $0.int(0) } == 2)
        }
        let again = try run(bulk, bulkReviews: 1)
        #expect(again.reviewsAdded == 0 && again.reviewsAlreadyPresent == 6 && again.reviewsConflicting == 0 && again.statesChanged == 0)
        #expect(try contents(oneByOne) == contents(bulk))
    }

    /// A log whose rowids are beyond the streamed merge's per-row bits is merged from a
    /// batch (`ReviewMerge`) instead: the same report and log.
    @Test func aLogWithRowidsBeyondTheStreamedMergeGivesTheSameImport() throws {
        var reports: [AnkiImportReport] = [], stores: [StudyStore] = []
        for (name, far) in [("streamed.sqlite", StreamedReviewMerge.largestRowid), ("batch.sqlite", StreamedReviewMerge.largestRowid + 1)] {
            let store = try StudyStore.open(path: folder.file(name))
            _ = try run(store, bulkReviews: .max)
            try store.connection.run("UPDATE review_log SET rowid = ?1 WHERE rowid = (SELECT max(rowid) FROM review_log)", [far])
            try store.connection.run("DELETE FROM review_log WHERE rowid = (SELECT min(rowid) FROM review_log)")
            #expect(try streamedMergeIsPossible(store) == (far <= StreamedReviewMerge.largestRowid))
            reports.append(try run(store, bulkReviews: .max))
            stores.append(store)
        }
        #expect(reports[0].json == reports[1].json)
        #expect(reports[0].reviewsAdded == 1 && reports[0].reviewsAlreadyPresent == 5)
        #expect(try contents(stores[0]) == contents(stores[1]))
    }
}

/// Whether a merge into the store's log can be streamed: begun in a transaction that is
/// then rolled back, so the merge's temporary table goes with it.
func streamedMergeIsPossible(_ store: StudyStore) throws -> Bool {
    struct RollBack: Error {}
    var possible = false
    do {
        try store.connection.transaction {
            possible = try store.beginStreamedReviewMerge() != nil
            throw RollBack()
        }
    } catch is RollBack {}
    return possible
}
