import Scheduling
import Testing
import Timekeeping

// The review log is the source of truth: a card's state must be exactly reproducible by
// replaying its log, with fuzz on, and with either scheduler.

@Suite("Replay")
struct ReplayTests {
    /// A mixed log: learning, graduation, a lapse, a same-day repeat, late reviews.
    static let log: [ReviewEvent] = {
        let start: UnixTime = 1_710_063_000
        let plan: [(Int64, Int)] = [
            (0, 4), (600, 4), (Seconds.day, 4), (4 * Seconds.day, 5), (15 * Seconds.day, 3),
            (15 * Seconds.day + 600, 4), (60 * Seconds.day, 1), (60 * Seconds.day + 600, 4),
            (61 * Seconds.day, 4), (75 * Seconds.day, 5), (150 * Seconds.day, 4), (400 * Seconds.day, 2),
        ]
        return plan.map { ReviewEvent(at: start + $0.0, quality: Quality(rawValue: $0.1)!) }
    }()

    static let schedulers: [any Scheduler] = [
        SM2Scheduler(fuzz: true), SM2Scheduler(fuzz: false),
        FSRSScheduler(fuzz: true), FSRSScheduler(fuzz: false),
    ]

    @Test("replay is deterministic", arguments: 0..<4)
    func deterministic(index: Int) {
        let scheduler = Self.schedulers[index]
        let first = scheduler.replay(Self.log, cardID: "net/cap-theorem")
        for _ in 0..<3 {
            #expect(scheduler.replay(Self.log, cardID: "net/cap-theorem") == first)
        }
    }

    @Test("replay is the fold of next with the card's fuzz seeds", arguments: 0..<4)
    func replayIsFold(index: Int) {
        let scheduler = Self.schedulers[index]
        var state = CardState.new
        for (reviewIndex, event) in Self.log.enumerated() {
            state = scheduler.next(state, review: event, fuzzSeed: FuzzSeed.make(cardID: "x", reviewIndex: reviewIndex))
        }
        #expect(scheduler.replay(Self.log, cardID: "x") == state)
    }

    @Test func fuzzChangesOnlyDueDatesSM2() {
        compareWithAndWithoutFuzz(SM2Scheduler(fuzz: true), SM2Scheduler(fuzz: false), maximumDays: SM2Scheduler.defaultMaximumIntervalDays)
    }

    @Test func fuzzChangesOnlyDueDatesFSRS() {
        compareWithAndWithoutFuzz(FSRSScheduler(fuzz: true), FSRSScheduler(fuzz: false), maximumDays: 36500)
    }

    private func compareWithAndWithoutFuzz(_ fuzzy: any Scheduler, _ plain: any Scheduler, maximumDays: Int) {
        var fuzzedDueDates = 0
        for prefix in 1...Self.log.count {
            let events = Array(Self.log.prefix(prefix))
            let withFuzz = fuzzy.replay(events, cardID: "card")
            let without = plain.replay(events, cardID: "card")
            #expect(withFuzz.sm2 == without.sm2)
            #expect(withFuzz.fsrs == without.fsrs)
            #expect(withFuzz.phase == without.phase)
            #expect(withFuzz.intervalDays == without.intervalDays)
            #expect((withFuzz.reps, withFuzz.lapses, withFuzz.lastReview) == (without.reps, without.lapses, without.lastReview))
            if withFuzz.due != without.due {
                fuzzedDueDates += 1
                let last = events[events.count - 1].at
                let days = Int((withFuzz.due - last) / Seconds.day)
                #expect(IntervalFuzz.range(forDays: without.intervalDays, maximumDays: maximumDays)?.contains(days) == true)
            }
        }
        #expect(fuzzedDueDates > 0, "the log has long enough intervals for fuzz to show")
    }

    @Test func differentCardsSpreadApart() {
        let scheduler = FSRSScheduler(fuzz: true)
        // Stop before the final lapse: relearning steps are never fuzzed.
        let untilLongInterval = Array(Self.log.dropLast())
        let dueDates = Set((0..<10).map { scheduler.replay(untilLongInterval, cardID: "card-\($0)").due })
        #expect(dueDates.count > 1)
    }

    @Test("switching scheduler by replaying the log round-trips")
    func switchingRoundTrips() {
        let sm2 = SM2Scheduler()
        let fsrs = FSRSScheduler()
        let before = sm2.replay(Self.log, cardID: "card")
        let underFSRS = fsrs.replay(Self.log, cardID: "card")
        let after = sm2.replay(Self.log, cardID: "card")
        #expect(after == before)
        #expect(underFSRS.sm2 == nil && underFSRS.fsrs != nil)
        #expect(before.fsrs == nil && before.sm2 != nil)
        #expect(fsrs.replay(Self.log, cardID: "card") == underFSRS)
        #expect((underFSRS.reps, underFSRS.lastReview) == (before.reps, before.lastReview))
    }

    @Test func emptyLogIsANewCard() {
        #expect(SM2Scheduler().replay([], cardID: "a") == .new)
        #expect(FSRSScheduler().replay([], cardID: "a") == .new)
    }
}
