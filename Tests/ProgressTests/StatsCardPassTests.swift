import Testing
@testable import Deck
@testable import Scheduling
@testable import Store
@testable import Study
@testable import Progress
import Timekeeping

/// The store hands `stats` its cards in ID order, merged with their states from a second
/// scan, and numbers each deck's top sections; the arrays hand them over in deck order. The
/// card pass must give the same report either way: today's counts, the forecast, the tags
/// and mastery (its sections in deck order, a section of retired cards only left out).
@Suite struct StatsCardPassTests {
    let folder = ProgressTempFolder()

    static func time(_ text: String) -> UnixTime { ISO8601.parse(text)! }

    @Test func theStoresPassInIDOrderGivesTheReportOfTheArraysInDeckOrder() throws {
        let store = try ProgressFixture.store(in: folder)
        // A second deck whose sections' cards are scattered in ID order; one section will be
        // retired whole, and one card has no section.
        var text = "- Loose: a card before any heading.\n\n"
        for section in ["Queues", "Caches", "Gone", "Logs"] {
            text += "# \(section)\n\n"
            for number in 1...5 { text += "- \(section) term \(number): what \(section.lowercased()) item \(number) means.\n" }
            text += "\n"
        }
        let first = try OutlineParser(deck: "other", file: "other.md").parse(text).filter { !$0.kind.isDerived }
        _ = try store.sync(deck: "other", source: "/other.md", origin: .registered, files: [], cards: first, at: 1_000)
        let kept = first.filter { !$0.section.contains("Gone") && !$0.term.hasPrefix("Logs term 1") }
        _ = try store.sync(deck: "other", source: "/other.md", origin: .registered, files: [], cards: kept, at: 2_000)

        let every = try store.cards(includeRetired: true)
        let active = every.filter { !$0.retired }
        #expect(every.count > active.count + 5)
        // Reviews in every phase: cards failed, passed long ago (mature and due later), and one leech.
        var number = 0
        for (index, card) in active.enumerated() where index % 4 != 3 {
            let grades = index % 4 == 0 ? [4, 4, 5, 5, 5] : (index % 4 == 1 ? [1] : [4, 1, 4])
            for (step, grade) in grades.enumerated() {
                number += 1
                let at = Self.time("2026-09-01T08:00:00Z") + Int64(step * 12 + index % 5) * 86_400
                try ProgressFixture.review(store, card: card.id, at: ISO8601.format(at), grade: grade, id: ProgressFixture.reviewID(number))
            }
        }
        // Marks and the queue's own sets, on cards spread over the sections.
        try store.setMark(.suspended, true, on: active[2].id, at: Self.time("2026-11-20T08:00:00Z"))
        try store.setMark(.flagged, true, on: active[5].id, at: Self.time("2026-11-20T08:00:00Z"))
        try store.setMark(.flagged, true, on: active[9].id, at: Self.time("2026-11-20T08:00:00Z"))
        try store.bury(active[6].id, until: Self.time("2026-11-26T04:00:00Z"))
        try store.requeue(active[7].id, at: Self.time("2026-11-25T08:00:00Z"))
        // Quiz answers on a retired card and an active one count for their sections.
        let retired = try #require(every.first { $0.retired })
        for (index, card) in [retired.id, active[1].id, active[1].id].enumerated() {
            _ = try store.insertQuizResult(QuizResultRecord(id: "q\(index)", sessionID: "s", at: Self.time("2026-11-24T08:00:00Z"),
                                                            mode: "typed", cardID: card, prompt: "p", expected: "e", given: "g",
                                                            correct: index != 2, durationMs: 1_000))
        }

        var configuration = try StudyConfiguration.load(from: store)
        configuration.leechLapses = 1
        let now = Self.time("2026-11-25T09:00:00Z")
        let calendar = StudyCalendar(rolloverHour: 4, utcOffset: { _ in 0 })
        let fromStore = try StatsReport.make(source: try StoreStatsSource(store: store, configuration: configuration, now: now),
                                             calendar: calendar, now: now, forecastDays: 60)
        var reviews: [ReviewRecord] = []
        try store.forEachReview(decks: .every) { reviews.append($0) }
        let arrays = StatsReport.make(StatsInput(configuration: configuration, cards: every, states: try store.allStates(), reviews: reviews,
                                                 quizResults: try store.quizResults(),
                                                 buried: try store.buriedCards(at: now), requeued: Set(try store.requeuedCards(at: now)),
                                                 suspended: try store.cards(marked: .suspended), flagged: try store.cards(marked: .flagged)),
                                      calendar: calendar, now: now, forecastDays: 60)

        #expect(fromStore.mastery == arrays.mastery)
        #expect(fromStore.mastery.map { "\($0.deck)/\($0.section)" }
                == ["deck/1. Core", "deck/2. Data", "other/(no section)", "other/Queues", "other/Caches", "other/Logs"])
        #expect(!fromStore.mastery.contains { $0.section == "Gone" })
        #expect(fromStore.mastery.reduce(0) { $0 + $1.cards } == active.count)
        #expect(fromStore.mastery.reduce(0) { $0 + $1.quizAnswered } == 2)
        #expect(fromStore.forecast == arrays.forecast)
        #expect(fromStore.forecast.reduce(0) { $0 + $1.due } > 0)
        #expect(fromStore.today == arrays.today)
        #expect(fromStore.tags == arrays.tags)
        #expect(fromStore.tags.suspended == 1 && fromStore.tags.flagged == 2 && fromStore.tags.leeches > 0)
    }
}
