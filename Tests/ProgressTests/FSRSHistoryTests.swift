import FSRSOptimizer
import Testing
@testable import Deck
@testable import Scheduling
@testable import Store
@testable import Study
@testable import Progress
import Timekeeping

/// `FSRSHistory.load` counts each card's reviews in SQL, then reads the log in time order
/// straight into the training set: cards numbered by their first review, each review on
/// its study day (the rollover hour applied), answer times in seconds, retired cards kept.
@Suite struct FSRSHistoryTests {
    @Test func theLogReadInTimeOrderGivesTheSetOfTheList() throws {
        let folder = ProgressTempFolder()
        let store = try ProgressFixture.store(in: folder)
        let ids = ProgressFixture.cards().map(\.id)
        // Card 3 first; cards 0 and 1 at the same second; reviews either side of the 04:00
        // rollover; card 4 retired after its reviews.
        let plan: [(card: Int, at: String, grade: Int, ms: Int64)] = [
            (3, "2026-10-01T09:00:00Z", 4, 3_500), (0, "2026-10-01T10:00:00Z", 1, 9_000), (1, "2026-10-01T10:00:00Z", 4, 2_000),
            (0, "2026-10-01T10:10:00Z", 3, 4_000), (4, "2026-10-02T03:30:00Z", 4, 1_000), (4, "2026-10-02T04:30:00Z", 2, 6_000),
            (0, "2026-10-04T09:00:00Z", 4, 2_500), (3, "2026-10-05T09:00:00Z", 5, 1_500), (1, "2026-10-09T09:00:00Z", 1, 8_000),
            (1, "2026-10-09T09:05:00Z", 4, 3_000), (0, "2026-10-12T03:59:00Z", 4, 2_000),
        ]
        for (number, entry) in plan.enumerated() {
            try ProgressFixture.review(store, card: ids[entry.card], at: entry.at, grade: entry.grade,
                                       id: ProgressFixture.reviewID(number + 1), durationMs: entry.ms)
        }
        let remaining = ProgressFixture.cards().filter { $0.id != ids[4] }
        _ = try store.sync(deck: "deck", source: "/deck.md", origin: .registered, files: [], cards: remaining, at: 5_000)

        let calendar = StudyCalendar(rolloverHour: 4)
        let history = try FSRSHistory.load(from: store, calendar: calendar)
        #expect(history.reviews == plan.count)
        #expect(history.cardIDs == [ids[3], ids[0], ids[1], ids[4]])
        let number = Dictionary(uniqueKeysWithValues: history.cardIDs.enumerated().map { ($1, $0) })
        let logged = plan.map { entry -> LoggedReview in
            let at = ISO8601.parse(entry.at)!
            return LoggedReview(card: number[ids[entry.card]]!, at: at, studyDay: calendar.day(containing: at).number,
                                grade: Quality(rawValue: entry.grade)!, seconds: Double(entry.ms) / 1000)
        }
        let listed = TrainingSet(reviews: logged)
        #expect(history.set.items == listed.items)
        #expect(history.set.cards.map(\.ratings) == listed.cards.map(\.ratings))
        // 03:30 and 04:30 on the 2nd are two study days; 03:59 on the 12th belongs to the 11th.
        #expect(history.set.cards.map(\.elapsedDays) == [[0, 4], [0, 0, 3, 7], [0, 8, 0], [0, 1]])
        #expect(history.lastStudyDays == history.cardIDs.map { id in
            logged.filter { $0.card == number[id]! }.map(\.studyDay).max()!
        })
        #expect(history.measures == LogMeasures.measure(logged))
        // The retired card is in the history, and left out of the active ones.
        #expect(try history.activeCardIndexes(in: store) == [0, 1, 2])
    }
}
