import Deck
import Foundation
import JSONText
import Review
import Scheduling
import Store
import Study
@testable import sysdrill
import Terminal
import Testing
import Timekeeping

/// `due` reads the cards it lists in batches (`DueListing`) instead of loading the whole
/// queue first: its entries and its JSON must be what the whole queue, loaded at once,
/// gives. The deck is big enough for three batches, with new, learning and review cards.
@Suite struct DueListingTests {
    @Test func batchesListWhatTheWholeQueueGives() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let deck = cli.directory + "/big.md"
        var text = ""
        for section in 0..<13 {
            text += "# Topic \(section)\n\n"
            for term in 0..<100 { text += "- Term \(section)-\(term): what the term \(section)-\(term) means in this topic.\n" }
            text += "\n"
        }
        try text.write(toFile: deck, atomically: true, encoding: .utf8)
        #expect(try cli.run(["decks", "add", deck]).status == 0)
        #expect(try cli.run(["config", "set", "new-per-day", "1200"]).status == 0)
        // Some cards answered: failed ones come back later today, others wait.
        let answers = String(repeating: "again\ngood\n", count: 40)
        #expect(try cli.run(["review", "--limit", "80"], stdin: answers).status == 0)

        let store = try StudyStore.open(path: cli.databasePath)
        let configuration = try StudyConfiguration.load(from: store)
        let calendar = StudyCalendar(rolloverHour: configuration.rolloverHour, utcOffset: { _ in 0 })
        // Half an hour before the answers: the failed cards, due a minute after them, come
        // later today, past the learn-ahead window.
        let now = try #require(ISO8601.parse("2026-11-25T08:30:00Z"))
        let whole = try TodayQueue.build(store: store, configuration: configuration, calendar: calendar, now: now)
        let lazy = try TodayQueue.build(store: store, configuration: configuration, calendar: calendar, now: now, loadingCards: false)
        let listing = DueListing(store: store, today: lazy)
        #expect(listing.count > 2 * DueListing.batch)
        #expect(!whole.queue.laterToday.isEmpty, "the fixture must have learning cards due later today")

        // What `due` listed when the whole queue was loaded first.
        let expected: [DueListing.Entry] = whole.queue.cardIDs.map { id in
            let state = whole.states[CardID(rawValue: id)] ?? .new
            return DueListing.Entry(id: id, front: whole.cards[CardID(rawValue: id)]?.front ?? "", phase: state.phase,
                                    due: state.phase == .new ? nil : state.due)
        } + whole.queue.laterToday.map { pending in
            DueListing.Entry(id: pending.id, front: whole.cards[CardID(rawValue: pending.id)]?.front ?? "",
                             phase: (whole.states[CardID(rawValue: pending.id)] ?? .new).phase, due: pending.due)
        }
        var listed: [DueListing.Entry] = []
        try listing.forEach { listed.append($0) }
        #expect(listed.count == expected.count)
        for (one, other) in zip(listed, expected) {
            #expect(one.id == other.id && one.front == other.front && one.phase == other.phase && one.due == other.due)
        }
        // `due --json` keeps where each card was read and reads them by row; the text
        // (and this listing) looks them up by ID: the same entries either way.
        let withRows = try TodayQueue.build(store: store, configuration: configuration, calendar: calendar, now: now,
                                            loadingCards: false, forListing: true)
        #expect(withRows.listingRows.count > 2 * DueListing.batch)
        #expect(lazy.listingRows.isEmpty)
        var listedByRow: [DueListing.Entry] = []
        try DueListing(store: store, today: withRows).forEach { listedByRow.append($0) }
        #expect(listedByRow.count == listed.count)
        for (one, other) in zip(listedByRow, listed) {
            #expect(one.id == other.id && one.front == other.front && one.phase == other.phase && one.due == other.due)
        }
        var firstTen: [String] = []
        try listing.forEach(limit: 10) { firstTen.append($0.id) }
        #expect(firstTen == expected.prefix(10).map(\.id))

        // The streamed JSON is the bytes of the whole object pretty-printed.
        let path = cli.directory + "/due.json"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try DueCommand.writeJSON(listing, drills: [], to: StreamWriter(fileDescriptor: handle.fileDescriptor))
        try handle.close()
        let counts: JSONObject = ["new": JSONValue(whole.queue.newCount), "learning": JSONValue(whole.queue.learningCount),
                                  "review": JSONValue(whole.queue.reviewCount)]
        let cards: [JSONValue] = expected.map { entry in
            .object(["id": .string(entry.id), "front": .string(entry.front), "due": JSONValue(entry.due.map(ISO8601.format)),
                     "state": .string(entry.phase.rawValue)])
        }
        let object: JSONObject = ["now": .string(ISO8601.format(now)), "day_ends": .string(ISO8601.format(whole.day.end)),
                                  "counts": .object(counts), "total": JSONValue(whole.total), "cards": .array(cards),
                                  "drills_due": .array([])]
        #expect(try String(contentsOfFile: path, encoding: .utf8) == JSONValue.object(object).serialized(pretty: true) + "\n")
    }
}
