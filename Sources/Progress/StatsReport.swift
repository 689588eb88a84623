import Study
import Deck
import Scheduling
import Store
import Timekeeping

/// What `sysdrill stats` computes from: plain arrays, so the numbers can be checked on
/// a synthetic history without a database.
public struct StatsInput: Sendable {
    public var configuration: StudyConfiguration
    /// Every card, active and retired, in deck order.
    public var cards: [StoredCard]
    public var states: [CardID: CardState]
    /// Every review in replay order (time, then arrival).
    public var reviews: [ReviewRecord]
    public var quizResults: [QuizResultRecord]
    public var drillResults: [DrillResultRecord]
    /// Cards hidden today by a skip (not due today, as in the queue).
    public var buried: Set<CardID>
    /// Cards a quiz sent back to review: due now, as in the queue.
    public var requeued: Set<CardID>
    /// Suspended cards: in no queue, so neither due today nor in the forecast.
    public var suspended: Set<CardID>
    public var flagged: Set<CardID>

    public init(configuration: StudyConfiguration, cards: [StoredCard], states: [CardID: CardState], reviews: [ReviewRecord],
                quizResults: [QuizResultRecord] = [], drillResults: [DrillResultRecord] = [], buried: Set<CardID> = [],
                requeued: Set<CardID> = [], suspended: Set<CardID> = [], flagged: Set<CardID> = []) {
        self.configuration = configuration
        self.cards = cards
        self.states = states
        self.reviews = reviews
        self.quizResults = quizResults
        self.drillResults = drillResults
        self.buried = buried
        self.requeued = requeued
        self.suspended = suspended
        self.flagged = flagged
    }

    /// Everything from the store, read from one snapshot.
    public static func load(from store: StudyStore, configuration: StudyConfiguration, now: UnixTime) throws -> StatsInput {
        try store.readSnapshot {
            StatsInput(configuration: configuration, cards: try store.cards(includeRetired: true), states: try store.allStates(),
                       reviews: try store.allReviews(), quizResults: try store.quizResults(), drillResults: try store.drills(),
                       buried: try store.buriedCards(at: now), requeued: Set(try store.requeuedCards(at: now)),
                       suspended: try store.cards(marked: .suspended), flagged: try store.cards(marked: .flagged))
        }
    }
}

/// Where the user stands. Definitions (also shown by `sysdrill stats --help`):
/// - today: `due` = review and learning cards in today's queue (daily review limit
///   applied), `done` = reviews logged this study day, `newLeft` = new cards today's
///   queue would still show (new-card limit left, at most the new cards there are);
/// - streak: consecutive study days with a review, up to today (or yesterday while
///   today has none yet);
/// - retention over the last N study days (today included): the share of passing
///   grades (quality >= 3) among reviews of cards that were in the review phase just
///   before the review, as the active scheduler replays the log: first reviews and
///   same-day learning steps do not count;
/// - forecast: active reviewed cards by the study day they fall due (overdue: today),
///   without daily limits; suspended cards are in no queue, so in neither `due` nor here;
/// - tags: active cards that are leeches (lapses >= `leech-lapses`), suspended, flagged;
/// - mastery per top-level section: mature (review, interval >= 21 days), young (review,
///   shorter), learning (learning or relearning), new (never reviewed); quiz score = share
///   of correct answers on the section's cards; drill score = mean total of its finished drills.
public struct StatsReport: Sendable {
    public struct Today: Hashable, Sendable {
        public let day: StudyDay
        public let due: Int
        public let done: Int
        public let newLeft: Int
    }

    public struct Retention: Hashable, Sendable {
        public let days: Int
        public let passed: Int
        public let reviews: Int
        /// nil when there was no review to judge by.
        public var rate: Double? { reviews == 0 ? nil : Double(passed) / Double(reviews) }
    }

    public struct AnswerTimes: Hashable, Sendable {
        /// Mean answer time in milliseconds, nil without reviews.
        public let today: Double?
        public let last30Days: Double?
        public let all: Double?
    }

    public struct ForecastDay: Hashable, Sendable {
        public let date: CivilDate
        public let due: Int
    }

    public struct SectionMastery: Hashable, Sendable {
        public let deck: String
        public let section: String
        public internal(set) var cards = 0
        public internal(set) var mature = 0
        public internal(set) var young = 0
        public internal(set) var learning = 0
        public internal(set) var new = 0
        public internal(set) var quizAnswered = 0
        public internal(set) var quizCorrect = 0
        public internal(set) var drillsFinished = 0
        var drillTotalSum = 0.0

        public var quizScore: Double? { quizAnswered == 0 ? nil : Double(quizCorrect) / Double(quizAnswered) }
        public var drillScore: Double? { drillsFinished == 0 ? nil : drillTotalSum / Double(drillsFinished) }
    }

    public let now: UnixTime
    public let today: Today
    public let streak: Int
    public let longestStreak: Int
    public let totalReviews: Int
    public let retention: [Retention]
    public let answerTimes: AnswerTimes
    public let forecast: [ForecastDay]
    public let heatmap: HeatmapGrid
    public let mastery: [SectionMastery]
    public let tags: Tags

    /// How many active cards carry each tag.
    public struct Tags: Hashable, Sendable {
        public let leeches: Int
        /// The threshold they were counted with.
        public let leechLapses: Int
        public let suspended: Int
        public let flagged: Int
    }

    public static let retentionWindows = [7, 30]
    public static let matureIntervalDays = 21

    public static func make(_ input: StatsInput, calendar: StudyCalendar, now: UnixTime, forecastDays: Int) -> StatsReport {
        let day = calendar.day(containing: now)
        // Reviews come in time order, so the study day found for one almost always holds
        // the next: look a day up only when a review falls outside the last one found.
        var lastDay: StudyDay?
        let reviewDays = input.reviews.map { review -> Int64 in
            if let lastDay, review.at >= lastDay.start, review.at < lastDay.end { return lastDay.number }
            let found = calendar.day(containing: review.at)
            lastDay = found
            return found.number
        }
        var perDay: [Int64: Int] = [:]
        for number in reviewDays { perDay[number, default: 0] += 1 }
        let studied = Set(perDay.keys.filter { $0 <= day.number })

        return StatsReport(
            now: now,
            today: today(input, day: day, now: now, reviewDays: reviewDays),
            streak: calendar.streak(reviewDays: studied, today: day.number),
            longestStreak: longestRun(studied),
            totalReviews: input.reviews.count,
            retention: retention(input, reviewDays: reviewDays, today: day.number),
            answerTimes: answerTimes(input.reviews, reviewDays: reviewDays, today: day.number),
            forecast: forecast(input, calendar: calendar, today: day.number, days: forecastDays),
            heatmap: HeatmapGrid(reviewsPerDay: perDay, today: day.number),
            mastery: mastery(input),
            tags: tags(input)
        )
    }

    // MARK: Today

    static func today(_ input: StatsInput, day: StudyDay, now: UnixTime, reviewDays: [Int64]) -> Today {
        var firstReview: [CardID: Int64] = [:]
        var reviewedToday = Set<CardID>()
        var done = 0
        for (review, number) in zip(input.reviews, reviewDays) {
            if firstReview[review.cardID] == nil { firstReview[review.cardID] = review.at }
            if number == day.number {
                done += 1
                reviewedToday.insert(review.cardID)
            }
        }
        // What counts against today's limits, as the review queue counts it.
        let introduced = reviewedToday.filter { (firstReview[$0] ?? 0) >= day.start }.count
        let progress = TodayProgress(newIntroducedToday: introduced, reviewsDoneToday: reviewedToday.count - introduced)
        let inQueue = input.cards.filter { !$0.retired && !input.buried.contains($0.id) && !input.suspended.contains($0.id) }
        let candidates = inQueue.map { stored in
            if input.requeued.contains(stored.id) {
                return QueueCandidate(id: stored.id.rawValue, phase: .review, due: now - 1, deckOrder: stored.card.order)
            }
            let state = input.states[stored.id] ?? .new
            return QueueCandidate(id: stored.id.rawValue, phase: state.phase, due: state.due, deckOrder: stored.card.order)
        }
        let queue = DailyQueue.build(from: candidates, now: now, dayEnd: day.end, limits: input.configuration.limits,
                                     progress: progress)
        return Today(day: day, due: queue.reviewCount + queue.learningCount, done: done, newLeft: queue.newCount)
    }

    // MARK: Streaks

    static func longestRun(_ days: Set<Int64>) -> Int {
        var longest = 0
        for day in days where !days.contains(day - 1) {
            var length = 1
            while days.contains(day + Int64(length)) { length += 1 }
            longest = max(longest, length)
        }
        return longest
    }

    // MARK: Retention

    static func retention(_ input: StatsInput, reviewDays: [Int64], today: Int64) -> [Retention] {
        let scheduler = input.configuration.makeScheduler()
        var states: [CardID: CardState] = [:]
        var counts: [CardID: Int] = [:]
        var judged: [(day: Int64, passed: Bool)] = []
        for (review, number) in zip(input.reviews, reviewDays) {
            let before = states[review.cardID] ?? .new
            let index = counts[review.cardID, default: 0]
            if before.phase == .review { judged.append((number, review.grade.passes)) }
            states[review.cardID] = scheduler.next(before, review: review.event,
                                                   fuzzSeed: FuzzSeed.make(cardID: review.cardID.rawValue, reviewIndex: index))
            counts[review.cardID] = index + 1
        }
        return retentionWindows.map { days in
            let window = judged.filter { $0.day > today - Int64(days) && $0.day <= today }
            return Retention(days: days, passed: window.filter(\.passed).count, reviews: window.count)
        }
    }

    static func answerTimes(_ reviews: [ReviewRecord], reviewDays: [Int64], today: Int64) -> AnswerTimes {
        func mean(_ durations: [Int64]) -> Double? {
            // Summed in Double: durations in a database from before import checked their
            // range (issue 17) may be near 2^63, and an Int64 sum of two of them traps.
            durations.isEmpty ? nil : durations.reduce(0.0) { $0 + Double($1) } / Double(durations.count)
        }
        let dated = zip(reviews, reviewDays)
        return AnswerTimes(today: mean(dated.filter { $0.1 == today }.map(\.0.durationMs)),
                           last30Days: mean(dated.filter { $0.1 > today - 30 && $0.1 <= today }.map(\.0.durationMs)),
                           all: mean(reviews.map(\.durationMs)))
    }

    // MARK: Forecast

    static func forecast(_ input: StatsInput, calendar: StudyCalendar, today: Int64, days: Int) -> [ForecastDay] {
        var counts = [Int](repeating: 0, count: days)
        for stored in input.cards where !stored.retired && !input.suspended.contains(stored.id) {
            guard let state = input.states[stored.id], state.phase != .new else { continue }
            let offset = max(0, calendar.day(containing: state.due).number - today)
            if offset < Int64(days) { counts[Int(offset)] += 1 }
        }
        return counts.enumerated().map { ForecastDay(date: CivilDate(daysSinceEpoch: today + Int64($0.offset)), due: $0.element) }
    }

    // MARK: Tags

    static func tags(_ input: StatsInput) -> Tags {
        let leech = input.configuration.leech
        let active = input.cards.filter { !$0.retired }
        return Tags(leeches: active.filter { leech.isLeech(input.states[$0.id]) }.count, leechLapses: leech.lapses,
                    suspended: active.filter { input.suspended.contains($0.id) }.count,
                    flagged: active.filter { input.flagged.contains($0.id) }.count)
    }

    // MARK: Mastery

    static func mastery(_ input: StatsInput) -> [SectionMastery] {
        struct Key: Hashable { let deck: String, section: String }
        func key(_ card: Card) -> Key { Key(deck: card.deck, section: card.section.first ?? "(no section)") }
        var order: [Key] = []
        var table: [Key: SectionMastery] = [:]
        for stored in input.cards where !stored.retired {
            let key = key(stored.card)
            if table[key] == nil {
                order.append(key)
                table[key] = SectionMastery(deck: key.deck, section: key.section)
            }
            let state = input.states[stored.id] ?? .new
            table[key]!.cards += 1
            switch state.phase {
            case .new: table[key]!.new += 1
            case .learning, .relearning: table[key]!.learning += 1
            case .review:
                if state.intervalDays >= matureIntervalDays { table[key]!.mature += 1 } else { table[key]!.young += 1 }
            }
        }
        // Quiz answers and drills count for the section of their card, retired or not.
        let sectionOf = Dictionary(input.cards.map { ($0.id, key($0.card)) }, uniquingKeysWith: { first, _ in first })
        for result in input.quizResults {
            guard let id = result.cardID, let key = sectionOf[id], table[key] != nil else { continue }
            table[key]!.quizAnswered += 1
            if result.correct { table[key]!.quizCorrect += 1 }
        }
        for drill in input.drillResults where drill.status == .finished {
            guard let total = drill.total, let id = drill.cardID, let key = sectionOf[id], table[key] != nil else { continue }
            table[key]!.drillsFinished += 1
            table[key]!.drillTotalSum += total
        }
        return order.map { table[$0]! }
    }
}
