import Testing
@testable import Deck
@testable import Scheduling
@testable import Store
@testable import Study
@testable import Progress
import Timekeeping

/// `stats` on synthetic histories whose answers are worked out by hand in the comments.
@Suite struct ProgressStatsTests {
    static func time(_ text: String) -> UnixTime { ISO8601.parse(text)! }

    static func card(_ term: String, section: String = "1. Core", retired: Bool = false, order: Int = 0) -> StoredCard {
        let card = Card(id: CardID(deck: "d", section: [section], kind: .definition, term: term), deck: "d", section: [section],
                        kind: .definition, term: term, front: term + "?", back: term + ".", items: [],
                        source: SourceLocation(file: "d.md", line: order + 1), order: order)
        return StoredCard(card: card, retired: retired)
    }

    static func review(_ number: Int, _ card: StoredCard, _ at: String, grade: Int, ms: Int64 = 4_000) -> ReviewRecord {
        ReviewRecord(id: ProgressFixture.reviewID(number), cardID: card.id, at: time(at), grade: Quality(rawValue: grade)!, durationMs: ms)
    }

    static func state(_ phase: Phase, due: String, interval: Int = 0) -> CardState {
        CardState(phase: phase, due: time(due), reps: 1, lapses: 0, lastReview: nil, intervalDays: interval, sm2: nil, fsrs: nil)
    }

    static func report(_ input: StatsInput, now: String, rolloverHour: Int = 4, offset: Int64 = 0, days: Int = 14) -> StatsReport {
        StatsReport.make(input, calendar: StudyCalendar(rolloverHour: rolloverHour, utcOffset: { _ in offset }),
                         now: time(now), forecastDays: days)
    }

    // MARK: Streak

    @Test func streakFollowsStudyDaysAcrossTheRollover() {
        let card = Self.card("CDN")
        // UTC+2, rollover 04:00 local (02:00 UTC):
        //   22 Nov 20:00Z = 22:00 local on the 22nd             -> study day 22
        //   24 Nov 01:30Z = 03:30 local on the 24th, before 4:00 -> study day 23
        //   24 Nov 03:00Z = 05:00 local                          -> study day 24
        //   25 Nov 01:00Z = 03:00 local on the 25th              -> study day 24
        // Now 25 Nov 06:00Z = 08:00 local: day 25, not studied yet, so the streak is 22-24.
        var reviews = [
            Self.review(1, card, "2026-11-22T20:00:00Z", grade: 4),
            Self.review(2, card, "2026-11-24T01:30:00Z", grade: 4),
            Self.review(3, card, "2026-11-24T03:00:00Z", grade: 4),
            Self.review(4, card, "2026-11-25T01:00:00Z", grade: 4),
        ]
        var input = StatsInput(configuration: .defaults, cards: [card], states: [:], reviews: reviews)
        var report = Self.report(input, now: "2026-11-25T06:00:00Z", offset: 7_200)
        #expect(report.today.day.date == CivilDate(year: 2026, month: 11, day: 25))
        #expect(report.streak == 3)
        #expect(report.today.done == 0)
        #expect(report.heatmap.counts[CivilDate(year: 2026, month: 11, day: 24).daysSinceEpoch] == 2)

        // 25 Nov 02:30Z = 04:30 local: today's first review extends the streak.
        reviews.append(Self.review(5, card, "2026-11-25T02:30:00Z", grade: 4))
        input.reviews = reviews
        report = Self.report(input, now: "2026-11-25T06:00:00Z", offset: 7_200)
        #expect(report.streak == 4)
        #expect(report.longestStreak == 4)
        #expect(report.today.done == 1)

        // Midnight rollover: the 03:30 review belongs to the 24th, leaving a gap on the 23rd.
        let midnight = Self.report(input, now: "2026-11-25T06:00:00Z", rolloverHour: 0, offset: 7_200)
        #expect(midnight.streak == 2)
        #expect(midnight.longestStreak == 2)

        // A day without reviews that is over breaks the streak.
        let later = Self.report(input, now: "2026-11-27T06:00:00Z", offset: 7_200)
        #expect(later.streak == 0)
        #expect(later.longestStreak == 4)
    }

    // MARK: Retention and answer times

    @Test func retentionCountsOnlyReviewsOfCardsInReview() throws {
        let a = Self.card("A"), b = Self.card("B"), c = Self.card("C"), d = Self.card("D")
        // SM-2 phases before each review (the active scheduler replays them):
        //   A: 1 Oct q4 new (no) -> review; 1 Nov q1 review (fail, 30d) -> relearning;
        //      1 Nov 10:10 q4 relearning (no) -> review; 20 Nov q5 review (pass, 7d+30d)
        //   B: 10 Nov q4 new (no) -> review; 21 Nov q3 review (pass, 7d+30d) -> extra loop;
        //      21 Nov 10:05 q4 relearning (no); 24 Nov q2 review (fail, 7d+30d)
        //   C: 25 Nov q4 new (no)
        //   D: 10 Oct q4 new (no); 20 Oct q4 review (pass, but before the 30 days)
        // Today is 25 Nov: 7 days = 19-25 Nov -> 2 of 3; 30 days = 27 Oct-25 Nov -> 2 of 4.
        let reviews = [
            Self.review(1, a, "2026-10-01T10:00:00Z", grade: 4, ms: 1_000),
            Self.review(2, d, "2026-10-10T10:00:00Z", grade: 4, ms: 1_000),
            Self.review(3, d, "2026-10-20T10:00:00Z", grade: 4, ms: 1_000),
            Self.review(4, a, "2026-11-01T10:00:00Z", grade: 1, ms: 5_000),
            Self.review(5, a, "2026-11-01T10:10:00Z", grade: 4, ms: 5_000),
            Self.review(6, b, "2026-11-10T10:00:00Z", grade: 4, ms: 5_000),
            Self.review(7, a, "2026-11-20T10:00:00Z", grade: 5, ms: 5_000),
            Self.review(8, b, "2026-11-21T10:00:00Z", grade: 3, ms: 5_000),
            Self.review(9, b, "2026-11-21T10:05:00Z", grade: 4, ms: 5_000),
            Self.review(10, b, "2026-11-24T10:00:00Z", grade: 2, ms: 5_000),
            Self.review(11, c, "2026-11-25T10:00:00Z", grade: 4, ms: 2_000),
        ]
        let input = StatsInput(configuration: .defaults, cards: [a, b, c, d], states: [:], reviews: reviews)
        let report = Self.report(input, now: "2026-11-25T12:00:00Z")
        #expect(report.retention == [
            StatsReport.Retention(days: 7, passed: 2, reviews: 3),
            StatsReport.Retention(days: 30, passed: 2, reviews: 4),
        ])
        #expect(report.retention[0].rate == 2.0 / 3.0)
        #expect(report.totalReviews == 11)
        // Answer times: today only C (2 s); last 30 days the 8 reviews from 1 Nov on.
        #expect(report.answerTimes.today == 2_000)
        #expect(report.answerTimes.last30Days == Double(7 * 5_000 + 2_000) / 8)
        #expect(report.answerTimes.all == Double(3 * 1_000 + 7 * 5_000 + 2_000) / 11)
        let json = report.json
        #expect(json["retention"]?["last_7_days"]?["passed"] == 2)
        #expect(json["retention"]?["last_30_days"]?["reviews"] == 4)
        #expect(json["average_answer_ms"]?["today"] == 2_000)
    }

    @Test func noReviewsMeansNoRetentionRatherThanZero() {
        let input = StatsInput(configuration: .defaults, cards: [Self.card("A")], states: [:], reviews: [])
        let report = Self.report(input, now: "2026-11-25T12:00:00Z")
        #expect(report.retention.allSatisfy { $0.rate == nil })
        #expect(report.answerTimes.all == nil)
        #expect(report.json["retention"]?["last_7_days"]?["rate"] == .null)
    }

    // MARK: Today and forecast

    @Test func forecastAndTodayCounts() throws {
        let cards = (1...10).map { Self.card("C\($0)", order: $0) } + [Self.card("Gone", retired: true, order: 11)]
        // Today (UTC, rollover 04:00) runs from 25 Nov 04:00Z to 26 Nov 04:00Z.
        let states: [CardID: CardState] = [
            cards[0].id: Self.state(.review, due: "2026-11-20T10:00:00Z", interval: 3),  // overdue: today
            cards[1].id: Self.state(.review, due: "2026-11-26T03:00:00Z", interval: 3),  // before the rollover: today
            cards[2].id: Self.state(.review, due: "2026-11-26T05:00:00Z", interval: 3),  // tomorrow
            cards[3].id: Self.state(.learning, due: "2026-11-25T12:30:00Z"),             // later today
            cards[4].id: Self.state(.review, due: "2026-12-08T10:00:00Z", interval: 13), // day 13, the last shown
            cards[5].id: Self.state(.review, due: "2026-12-09T10:00:00Z", interval: 14), // day 14: beyond 14 days
            cards[10].id: Self.state(.review, due: "2026-11-26T10:00:00Z", interval: 1), // retired: never due
        ]
        var configuration = StudyConfiguration.defaults
        configuration.limits = QueueLimits(newPerDay: 2, reviewsPerDay: 200)
        // C4's first review was this morning, so one of today's two new cards is used.
        let reviews = [Self.review(1, cards[3], "2026-11-25T05:00:00Z", grade: 1)]
        let input = StatsInput(configuration: configuration, cards: cards, states: states, reviews: reviews)
        let report = Self.report(input, now: "2026-11-25T12:00:00Z")
        var expected = [Int](repeating: 0, count: 14)
        expected[0] = 3
        expected[1] = 1
        expected[13] = 1
        #expect(report.forecast.map(\.due) == expected)
        #expect(report.forecast.first?.date == CivilDate(year: 2026, month: 11, day: 25))
        #expect(report.forecast.last?.date == CivilDate(year: 2026, month: 12, day: 8))
        #expect(report.today.due == 3)
        #expect(report.today.done == 1)
        #expect(report.today.newLeft == 1)

        let longer = Self.report(input, now: "2026-11-25T12:00:00Z", days: 15)
        #expect(longer.forecast.count == 15)
        #expect(longer.forecast[14].due == 1)

        // The daily review limit caps "due" as the queue would; a skipped card is not due.
        var limited = input
        limited.configuration.limits.reviewsPerDay = 1
        #expect(Self.report(limited, now: "2026-11-25T12:00:00Z").today.due == 2)
        var buried = input
        buried.buried = [cards[0].id]
        #expect(Self.report(buried, now: "2026-11-25T12:00:00Z").today.due == 2)
        var requeued = input
        requeued.requeued = [cards[2].id]  // due tomorrow, but a quiz sent it back
        #expect(Self.report(requeued, now: "2026-11-25T12:00:00Z").today.due == 4)
    }

    // MARK: Mastery

    @Test func masteryPerTopLevelSectionWithQuizAndDrillScores() throws {
        let core = (0..<4).map { Self.card("K\($0)", section: "1. Core", order: $0) }
        let data = (0..<2).map { Self.card("D\($0)", section: "2. Data", order: 10 + $0) }
        let states: [CardID: CardState] = [
            core[0].id: Self.state(.review, due: "2026-12-30T10:00:00Z", interval: 21),  // mature
            core[1].id: Self.state(.review, due: "2026-12-20T10:00:00Z", interval: 20),  // young
            core[2].id: Self.state(.relearning, due: "2026-11-25T13:00:00Z"),            // learning
            data[0].id: Self.state(.learning, due: "2026-11-25T13:00:00Z"),              // learning
        ]
        func quiz(_ id: String, _ card: StoredCard?, correct: Bool) -> QuizResultRecord {
            QuizResultRecord(id: id, sessionID: "s", at: Self.time("2026-11-20T10:00:00Z"), mode: "typed", cardID: card?.id,
                             prompt: "", expected: "", given: "", correct: correct, durationMs: 1)
        }
        func drill(_ id: String, _ card: StoredCard, total: Double?, status: DrillResultRecord.Status) -> DrillResultRecord {
            DrillResultRecord(id: id, cardID: card.id, name: id, minutes: 30, startedAt: 0, updatedAt: 0, phase: 0,
                              elapsedSeconds: 0, phaseScores: [], total: total, status: status)
        }
        let input = StatsInput(
            configuration: .defaults, cards: core + data, states: states, reviews: [],
            quizResults: [quiz("q1", core[0], correct: true), quiz("q2", core[1], correct: true), quiz("q3", core[3], correct: false),
                          quiz("q4", nil, correct: true), quiz("q5", data[1], correct: false)],
            drillResults: [drill("d1", core[0], total: 80, status: .finished), drill("d2", core[2], total: 60, status: .finished),
                           drill("d3", core[1], total: nil, status: .inProgress), drill("d4", data[0], total: 50, status: .finished)])
        let mastery = Self.report(input, now: "2026-11-25T12:00:00Z").mastery
        #expect(mastery.map(\.section) == ["1. Core", "2. Data"])
        let first = mastery[0], second = mastery[1]
        #expect([first.cards, first.mature, first.young, first.learning, first.new] == [4, 1, 1, 1, 1])
        #expect([second.cards, second.mature, second.young, second.learning, second.new] == [2, 0, 0, 1, 1])
        #expect(first.quizScore == 2.0 / 3.0)
        #expect(first.drillScore == 70)
        #expect(second.quizScore == 0)
        #expect(second.drillScore == 50)
        #expect(first.json["quiz"]?["answered"] == 3)
        #expect(first.json["drills"]?["mean_total"]?.doubleValue == 70)
    }

    // MARK: Heatmap

    @Test func heatmapPlacesDaysInWeekColumnsAndShadesByQuarters() {
        let today = CivilDate(year: 2026, month: 11, day: 25).daysSinceEpoch  // a Wednesday
        let firstMonday = CivilDate(year: 2025, month: 11, day: 24).daysSinceEpoch
        let grid = HeatmapGrid(reviewsPerDay: [today: 8, today - 1: 1, today - 2: 3, today - 7: 6, firstMonday: 2, firstMonday - 1: 50],
                               today: today)
        #expect(grid.firstDay == firstMonday)
        #expect(grid.maximum == 8)  // the day before the grid does not count
        #expect(grid.day(row: 2, column: 52) == today)
        #expect(grid.level(row: 2, column: 52) == 4)  // 8 of 8
        #expect(grid.level(row: 1, column: 52) == 1)  // 1 of 8
        #expect(grid.level(row: 0, column: 52) == 2)  // 3 of 8: 12/8 rounded up
        #expect(grid.level(row: 2, column: 51) == 3)  // 6 of 8
        #expect(grid.level(row: 0, column: 0) == 1)   // 2 of 8
        #expect(grid.level(row: 1, column: 0) == 0)
        #expect(grid.level(row: 3, column: 52) == nil)  // tomorrow
        let labels = grid.monthLabels
        #expect(labels.count == 12)
        #expect(labels.first?.column == 1 && labels.first?.name == "Dec")
        #expect(labels.last?.column == 49 && labels.last?.name == "Nov")

        let lines = grid.lines()
        #expect(lines.count == 8)
        #expect(lines[0].hasPrefix("     Dec  Jan"))
        #expect(lines[1].hasPrefix("Mon ░"))
        #expect(lines[1].hasSuffix("·▒"))  // last Monday (none) and this Monday (3)
        #expect(lines[3].hasPrefix("Wed ·"))
        #expect(lines[3].hasSuffix("▓█"))  // last Wednesday (6) and today (8)
        #expect(lines[4].count == 4 + 52)  // Thursday: no cell for tomorrow
        #expect(lines.dropFirst().allSatisfy { $0.allSatisfy { " MonWedFri·░▒▓█".contains($0) } })
        #expect(grid.legend() == "less · ░ ▒ ▓ █ more")
    }
}
