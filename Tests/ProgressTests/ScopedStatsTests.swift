import Testing
@testable import Deck
@testable import Scheduling
@testable import Store
@testable import Study
@testable import Progress
import Timekeeping

/// `stats --only NAME` on the store makes its study days from each review of the named
/// decks' cards (`ReviewDayGrouping`), not from the per-day counts of the whole log: the
/// figures must be those of the same history given as arrays of those decks only, and
/// those of a store that holds only those decks.
@Suite struct ScopedStatsTests {
    let folder = ProgressTempFolder()

    @Test func aScopedReportMatchesTheSameDecksGivenAsArrays() throws {
        let store = try ProgressFixture.store(in: folder)
        let other = try OutlineParser(deck: "other", file: "other.md").parse("# O\n\n- Omega: the last letter of all.\n- Psi: the one before omega.\n")
        _ = try store.sync(deck: "other", source: "/other.md", origin: .registered, files: [], cards: other, at: 1_000)
        let mine = try store.cards(decks: DeckScope(["deck"])).map(\.id)
        let theirs = try store.cards(decks: DeckScope(["other"])).map(\.id)
        // Reviews of both decks on days with a gap, around the 04:00 rollover, two in the
        // same second, and a day on which only the other deck was studied.
        let times = ["2026-11-01T03:59:59Z", "2026-11-01T04:00:00Z", "2026-11-01T04:00:00Z", "2026-11-02T10:00:00Z",
                     "2026-11-05T23:00:00Z", "2026-11-20T08:00:00Z", "2026-11-24T04:30:00Z", "2026-11-25T08:59:00Z"]
        var number = 0
        for (index, time) in times.enumerated() {
            for (deckIndex, cards) in [mine, theirs].enumerated() where (index + deckIndex) % 3 != 0 {
                number += 1
                try ProgressFixture.review(store, card: cards[(index + number) % cards.count], at: time, grade: 1 + number % 5,
                                           id: ProgressFixture.reviewID(number), durationMs: Int64(1_000 * number))
            }
        }
        let configuration = try StudyConfiguration.load(from: store)
        let now = ISO8601.parse("2026-11-25T09:00:00Z")!
        let calendar = StudyCalendar(rolloverHour: 4, utcOffset: { _ in 0 })
        let scope = DeckScope(["deck"])
        let scoped = try StatsReport.make(source: try StoreStatsSource(store: store, configuration: configuration, now: now, decks: scope),
                                          calendar: calendar, now: now, forecastDays: 14)
        var reviews: [ReviewRecord] = []
        try store.forEachReview(decks: scope) { reviews.append($0) }
        let states = try store.allStates().filter { mine.contains($0.key) }
        let arrays = StatsReport.make(StatsInput(configuration: configuration, cards: try store.cards(includeRetired: true, decks: scope),
                                                 states: states, reviews: reviews),
                                      calendar: calendar, now: now, forecastDays: 14)
        #expect(reviews.count >= 5 && reviews.count < number)
        #expect(scoped.totalReviews == reviews.count)
        #expect(scoped.heatmap == arrays.heatmap)
        #expect(scoped.answerTimes == arrays.answerTimes)
        #expect(scoped.retention == arrays.retention)
        #expect(scoped.streak == arrays.streak && scoped.longestStreak == arrays.longestStreak)
        #expect(scoped.today.done == arrays.today.done)
        // And those of a store holding only that deck and its reviews, whose days come from
        // the store's per-day counts (not `ReviewDayGrouping`, which the arrays use too).
        let alone = try ProgressFixture.store(in: folder, named: "alone.sqlite")
        for review in reviews {
            try ProgressFixture.review(alone, card: review.cardID, at: ISO8601.format(review.at), grade: review.grade.rawValue,
                                       id: review.id, durationMs: review.durationMs)
        }
        let unscoped = try StatsReport.make(source: try StoreStatsSource(store: alone, configuration: configuration, now: now),
                                            calendar: calendar, now: now, forecastDays: 14)
        #expect(scoped.totalReviews == unscoped.totalReviews)
        #expect(scoped.heatmap == unscoped.heatmap)
        #expect(scoped.answerTimes == unscoped.answerTimes)
        #expect(scoped.streak == unscoped.streak && scoped.longestStreak == unscoped.longestStreak)
        #expect(scoped.today.done == unscoped.today.done)
        // The whole store counts both decks.
        let every = try StatsReport.make(source: try StoreStatsSource(store: store, configuration: configuration, now: now),
                                         calendar: calendar, now: now, forecastDays: 14)
        #expect(every.totalReviews == number)
    }
}
