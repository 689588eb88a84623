import Study
import Deck
import Scheduling
import Store
import Timekeeping

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

        mutating func add(_ counts: SectionCounts) {
            cards += counts.cards
            mature += counts.mature
            young += counts.young
            learning += counts.learning
            new += counts.new
        }
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
        // Arrays cannot fail to be read.
        try! make(source: input, calendar: calendar, now: now, forecastDays: forecastDays)
    }

    /// The report from `source`, read in a few passes that keep only counts (and today's
    /// candidates for the queue's limits).
    public static func make(source: some StatsSource, calendar: StudyCalendar, now: UnixTime, forecastDays: Int) throws -> StatsReport {
        let day = calendar.day(containing: now)
        let reviews = try ReviewPass(source, calendar: calendar, today: day)
        let studied = Set(reviews.perDay.keys.filter { $0 <= day.number })
        let cards = try CardPass(source, day: day, now: now, forecastDays: forecastDays, calendar: calendar)
        // What counts against today's limits, as the review queue counts it.
        let firstReviews = try source.firstReviewTimes(of: reviews.reviewedToday)
        let introduced = reviews.reviewedToday.filter { (firstReviews[$0] ?? 0) >= day.start }.count
        let progress = try source.limitProgress(since: day.start)
            ?? TodayProgress(newIntroducedToday: introduced, reviewsDoneToday: reviews.reviewedToday.count - introduced)
        let queue = DailyQueue.counts(reviews: cards.inQueue.reviews, learning: cards.inQueue.learning, new: cards.inQueue.new,
                                      limits: source.configuration.limits, progress: progress)
        return StatsReport(
            now: now,
            today: Today(day: day, due: queue.review + queue.learning, done: reviews.doneToday, newLeft: queue.new),
            streak: calendar.streak(reviewDays: studied, today: day.number),
            longestStreak: longestRun(studied),
            totalReviews: reviews.count,
            retention: try retention(source, calendar: calendar, today: day),
            answerTimes: reviews.answerTimes,
            forecast: cards.forecast.enumerated().map { ForecastDay(date: CivilDate(daysSinceEpoch: day.number + Int64($0.offset)), due: $0.element) },
            heatmap: HeatmapGrid(reviewsPerDay: reviews.perDay, today: day.number),
            mastery: try mastery(source, cards: cards),
            tags: Tags(leeches: cards.leeches, leechLapses: source.configuration.leech.lapses, suspended: cards.suspended,
                       flagged: cards.flagged)
        )
    }

    /// The study days with reviews: reviews per day, today's reviews, answer times.
    struct ReviewPass {
        var perDay: [Int64: Int] = [:]
        var reviewedToday = Set<CardID>()
        /// Answer times summed in Double: durations in a database from before import checked
        /// their range (issue 17) may be near 2^63, and an Int64 sum traps.
        private var sums = (today: 0.0, month: 0.0, all: 0.0)
        private var counts = (today: 0, month: 0, all: 0)
        /// Every review, and this study day's.
        var count: Int { counts.all }
        var doneToday: Int { counts.today }

        init(_ source: some StatsSource, calendar: StudyCalendar, today: StudyDay) throws {
            try source.forEachReviewDay(calendar: calendar) { totals in
                perDay[totals.day.number, default: 0] += totals.count
                sums.all += totals.durationMs
                counts.all += totals.count
                if totals.day.number > today.number - 30 && totals.day.number <= today.number {
                    sums.month += totals.durationMs
                    counts.month += totals.count
                }
                if totals.day.number == today.number {
                    sums.today += totals.durationMs
                    counts.today += totals.count
                }
            }
            reviewedToday = try source.cardsReviewed(from: today.start, to: today.end)
        }

        var answerTimes: AnswerTimes {
            func mean(_ sum: Double, _ count: Int) -> Double? { count == 0 ? nil : sum / Double(count) }
            return AnswerTimes(today: mean(sums.today, counts.today), last30Days: mean(sums.month, counts.month),
                               all: mean(sums.all, counts.all))
        }
    }

    /// One pass over the cards: what today's queue holds, the forecast, the tags, mastery.
    struct CardPass {
        /// Today's candidates by bucket, as the queue would sort them (learning now and later together).
        var inQueue = (reviews: 0, learning: 0, new: 0)
        var forecast: [Int]
        var leeches = 0, suspended = 0, flagged = 0
        /// Each section's counts, in the order its first active card came (then sorted by
        /// deck order when the cards carry their place).
        var sections = SectionTable()
        /// The sections of the cards that quiz answers and drills name, retired or not.
        var sectionOf: [CardID: SectionKey] = [:]

        init(_ source: some StatsSource, day: StudyDay, now: UnixTime, forecastDays: Int, calendar: StudyCalendar) throws {
            forecast = [Int](repeating: 0, count: forecastDays)
            // The starts of the forecast's days after today: a due time's day is the number of them at or before it.
            let dayStarts = (1...max(1, forecastDays)).map { calendar.start(ofDay: day.number + Int64($0)) }
            let named = Set(source.quizResults.compactMap(\.cardID) + source.drillResults.compactMap(\.cardID))
            let leech = source.configuration.leech
            // Each set is asked only when it has members: hashing every card's ID five
            // times for sets that are usually empty was a sixth of the pass.
            let buried = source.buried, requeued = source.requeued, suspendedCards = source.suspended
            let flaggedCards = source.flagged, disabledDecks = source.disabledDecks
            func holds<Element>(_ set: Set<Element>, _ element: Element) -> Bool { !set.isEmpty && set.contains(element) }
            try source.forEachCard { card in
                let slot = sections.slot(of: card)
                if holds(named, card.id), sectionOf[card.id] == nil { sectionOf[card.id] = sections.key(of: slot) }
                guard !card.retired else { return }
                let isSuspended = holds(suspendedCards, card.id)
                // A card of a disabled deck is in no queue, like a suspended one.
                let inNoQueue = isSuspended || holds(disabledDecks, card.deck)
                if !inNoQueue && !holds(buried, card.id) {
                    // A card a quiz sent back is a review due now.
                    let isRequeued = holds(requeued, card.id)
                    let state = card.state ?? .new
                    switch DailyQueue.bucket(phase: isRequeued ? .review : state.phase, due: isRequeued ? now - 1 : state.due,
                                             now: now, dayEnd: day.end) {
                    case .review: inQueue.reviews += 1
                    case .learningNow, .learningLater: inQueue.learning += 1
                    case .new: inQueue.new += 1
                    case nil: break
                    }
                }
                if !inNoQueue, let state = card.state, state.phase != .new {
                    // Overdue cards count today; the day is found among the window's day starts.
                    let offset = StatsReport.countAtOrBefore(state.due, in: dayStarts)
                    if offset < forecastDays { forecast[offset] += 1 }
                }
                if leech.isLeech(card.state) { leeches += 1 }
                if isSuspended { suspended += 1 }
                if holds(flaggedCards, card.id) { flagged += 1 }
                sections.count(card, in: slot)
            }
        }
    }

    struct SectionKey: Hashable { let deck: String, section: String }

    /// The sections' counts, each section in a slot: found by the number the source gives
    /// each section (an array index), else by its key (one hash per card). The cards come
    /// in ID order, so a section's cards are scattered.
    struct SectionTable {
        private var slotOfKey: [SectionKey: Int] = [:]
        /// Slots by the source's section number (-1: not met yet).
        private var slotOfNumber: [Int] = []
        private var keys: [SectionKey] = []
        private var counts: [SectionCounts] = []
        /// Each section's first active card in deck order, when the cards carry their place.
        private var firstPlaces: [StatsCard.DeckPlace?] = []
        /// The slots with an active card, in the order of their first one.
        private var counted: [Int] = []

        mutating func slot(of card: StatsCard) -> Int {
            if let number = card.sectionNumber, number < slotOfNumber.count, slotOfNumber[number] >= 0 { return slotOfNumber[number] }
            let key = SectionKey(deck: card.deck, section: card.topSection ?? "(no section)")
            let slot: Int
            if let found = slotOfKey[key] {
                slot = found
            } else {
                slot = keys.count
                slotOfKey[key] = slot
                keys.append(key)
                counts.append(SectionCounts())
                firstPlaces.append(nil)
            }
            if let number = card.sectionNumber {
                if number >= slotOfNumber.count { slotOfNumber += repeatElement(-1, count: number + 1 - slotOfNumber.count) }
                slotOfNumber[number] = slot
            }
            return slot
        }

        func key(of slot: Int) -> SectionKey { keys[slot] }

        /// Counts an active card.
        mutating func count(_ card: StatsCard, in slot: Int) {
            if counts[slot].cards == 0 { counted.append(slot) }
            if let place = card.deckPlace, firstPlaces[slot].map({ place < $0 }) ?? true { firstPlaces[slot] = place }
            let state = card.state ?? .new
            counts[slot].cards += 1
            switch state.phase {
            case .new: counts[slot].new += 1
            case .learning, .relearning: counts[slot].learning += 1
            case .review:
                if state.intervalDays >= StatsReport.matureIntervalDays { counts[slot].mature += 1 } else { counts[slot].young += 1 }
            }
        }

        /// The sections with an active card (a section of retired cards only counts nowhere).
        var mastery: [SectionKey: SectionMastery] {
            var table: [SectionKey: SectionMastery] = [:]
            for slot in counted {
                var mastery = SectionMastery(deck: keys[slot].deck, section: keys[slot].section)
                mastery.add(counts[slot])
                table[keys[slot]] = mastery
            }
            return table
        }

        /// Those sections in the order of their first active card: in deck order when the
        /// cards carry their place, else as they came.
        var order: [SectionKey] {
            guard !counted.isEmpty, counted.allSatisfy({ firstPlaces[$0] != nil }) else { return counted.map { keys[$0] } }
            return counted.sorted { firstPlaces[$0]! < firstPlaces[$1]! }.map { keys[$0] }
        }
    }

    struct SectionCounts { var cards = 0, mature = 0, young = 0, learning = 0, new = 0 }

    /// How many of the ascending `times` are at or before `time` (a binary search).
    static func countAtOrBefore(_ time: UnixTime, in times: [UnixTime]) -> Int {
        var low = 0, high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] <= time { low = middle + 1 } else { high = middle }
        }
        return low
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

    /// Replays only the cards reviewed in the longest window (each from its first review,
    /// with its own fuzz seeds, as the whole log's replay would), judging the reviews that
    /// fall in each window.
    static func retention(_ source: some StatsSource, calendar: StudyCalendar, today: StudyDay) throws -> [Retention] {
        let scheduler = source.configuration.makeScheduler()
        let longest = Int64(retentionWindows.max() ?? 0)
        // A bound safely before the window's first study day (whatever the clock did);
        // cards reviewed only between it and the window just have nothing judged.
        let since = today.start - (longest + 2) * 86_400
        var passed = [Int](repeating: 0, count: retentionWindows.count)
        var judged = [Int](repeating: 0, count: retentionWindows.count)
        // A window of N days is today and the N - 1 study days before it.
        let windowStarts = retentionWindows.map { calendar.start(ofDay: today.number - Int64($0) + 1) }
        try source.forEachLog(ofCardsReviewedSince: since) { card, events in
            var state = CardState.new
            let cardHash = card.withUTF8 { FuzzSeed.cardHash($0) }
            for (index, event) in events.enumerated() {
                if state.phase == .review, event.at < today.end {
                    for window in windowStarts.indices where event.at >= windowStarts[window] {
                        judged[window] += 1
                        if event.quality.passes { passed[window] += 1 }
                    }
                }
                state = scheduler.next(state, review: event, fuzzSeed: FuzzSeed.make(cardHash: cardHash, reviewIndex: index))
            }
        }
        return retentionWindows.enumerated().map { Retention(days: $1, passed: passed[$0], reviews: judged[$0]) }
    }

    // MARK: Mastery

    static func mastery(_ source: some StatsSource, cards: CardPass) throws -> [SectionMastery] {
        var table = cards.sections.mastery
        // Quiz answers and drills count for the section of their card, retired or not.
        for result in source.quizResults {
            guard let id = result.cardID, let key = cards.sectionOf[id], table[key] != nil else { continue }
            table[key]!.quizAnswered += 1
            if result.correct { table[key]!.quizCorrect += 1 }
        }
        for drill in source.drillResults where drill.status == .finished {
            guard let total = drill.total, let id = drill.cardID, let key = cards.sectionOf[id], table[key] != nil else { continue }
            table[key]!.drillsFinished += 1
            table[key]!.drillTotalSum += total
        }
        return cards.sections.order.map { table[$0]! }
    }
}
