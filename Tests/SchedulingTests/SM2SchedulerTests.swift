import Scheduling
import Testing
import Timekeeping

// SM-2 behaviour the vectors don't show: phases, lapses, caps and fuzz.

@Suite("SM-2 scheduler")
struct SM2SchedulerTests {
    let scheduler = SM2Scheduler(fuzz: false)
    let start: UnixTime = 1_710_063_000

    func review(_ state: CardState, _ quality: Int, at time: UnixTime, with scheduler: SM2Scheduler? = nil) -> CardState {
        (scheduler ?? self.scheduler).next(state, review: ReviewEvent(at: time, quality: Quality(rawValue: quality)!), fuzzSeed: 42)
    }

    @Test func firstGoodAnswerGoesToReviewForOneDay() {
        let state = review(.new, 4, at: start)
        #expect(state.phase == .review)
        #expect(state.due == start + Seconds.day)
        #expect(state.intervalDays == 1)
        #expect((state.reps, state.lapses) == (1, 0))
        #expect(state.lastReview == start)
    }

    @Test func hardAnswerOnANewCardRepeatsTodayAsLearning() {
        let loop = review(.new, 3, at: start)
        #expect(loop.phase == .learning)
        #expect(loop.due == start)
        let out = review(loop, 4, at: start + 600)
        #expect(out.phase == .review)
        #expect(out.due == start + 600 + Seconds.day)
    }

    @Test func failingANewCardIsLearningNotALapse() {
        let state = review(.new, 0, at: start)
        #expect(state.phase == .learning)
        #expect(state.lapses == 0)
        #expect(state.due == start)
    }

    @Test func failingAReviewCardIsALapseOnce() {
        var state = review(.new, 4, at: start)
        state = review(state, 4, at: start + Seconds.day)
        state = review(state, 1, at: start + 7 * Seconds.day)
        #expect(state.phase == .relearning)
        #expect(state.lapses == 1)
        #expect(state.sm2?.n == 0)
        #expect(state.intervalDays == 0)
        #expect(state.due == start + 7 * Seconds.day)

        state = review(state, 2, at: start + 7 * Seconds.day + 600)
        #expect(state.phase == .relearning)
        #expect(state.lapses == 1, "failing again while relearning is not another lapse")

        state = review(state, 4, at: start + 7 * Seconds.day + 1200)
        #expect(state.phase == .review)
        #expect(state.intervalDays == 1)
        #expect(state.reps == 5)
    }

    @Test func failingInsideTheExtraLoopChangesNothingButTheDueTime() throws {
        var state = review(.new, 4, at: start)
        state = review(state, 3, at: start + Seconds.day)
        #expect(state.phase == .relearning)
        let loopMemory = try #require(state.sm2)
        state = review(state, 0, at: start + Seconds.day + 300)
        #expect(state.sm2 == loopMemory)
        #expect(state.lapses == 0)
        #expect(state.phase == .relearning)
        #expect(state.due == start + Seconds.day + 300)
    }

    @Test func easinessNeverDropsBelowFloor() throws {
        var state = CardState.new
        for index in 0..<12 {
            state = review(state, 3, at: start + Int64(index) * 60)
            state = review(state, 4, at: start + Int64(index) * 60 + 30)
        }
        let memory = try #require(state.sm2)
        #expect(memory.ef >= 1.3)
        #expect(memory.ef == 1.3)
    }

    @Test func maximumIntervalCapsIntervalAndDue() {
        let capped = SM2Scheduler(fuzz: false, maximumIntervalDays: 10)
        var state = CardState.new
        var time = start
        for _ in 0..<6 {
            state = review(state, 5, at: time, with: capped)
            #expect(state.intervalDays <= 10)
            #expect(state.due - time <= 10 * Seconds.day)
            time = state.due
        }
        #expect(state.intervalDays == 10)
    }

    @Test func endlessPerfectAnswersNeverOverflow() {
        var state = CardState.new
        for _ in 0..<200 {
            state = review(state, 5, at: start)
        }
        #expect(state.intervalDays == SM2Scheduler.defaultMaximumIntervalDays)
        #expect(state.due == start + Int64(SM2Scheduler.defaultMaximumIntervalDays) * Seconds.day)
    }

    @Test func fuzzMovesOnlyTheDueDate() throws {
        let fuzzy = SM2Scheduler(fuzz: true)
        var plain = CardState.new
        var fuzzed = CardState.new
        var time = start
        for index in 0..<8 {
            let seed = FuzzSeed.make(cardID: "card", reviewIndex: index)
            plain = scheduler.next(plain, review: ReviewEvent(at: time, quality: Rating.good.quality), fuzzSeed: seed)
            fuzzed = fuzzy.next(fuzzed, review: ReviewEvent(at: time, quality: Rating.good.quality), fuzzSeed: seed)
            #expect(fuzzed.sm2 == plain.sm2)
            #expect(fuzzed.intervalDays == plain.intervalDays)
            #expect(fuzzed.phase == plain.phase)
            let days = Int((fuzzed.due - time) / Seconds.day)
            #expect((fuzzed.due - time) % Seconds.day == 0)
            if let range = IntervalFuzz.range(forDays: plain.intervalDays, maximumDays: fuzzy.maximumIntervalDays) {
                #expect(range.contains(days))
            } else {
                #expect(days == plain.intervalDays, "intervals under 3 days are never fuzzed")
            }
            time = plain.due
        }
    }

    @Test func previewShowsEachButton() {
        let state = review(.new, 4, at: start)
        let preview = scheduler.preview(state, at: start + Seconds.day, fuzzSeed: 1)
        #expect(preview.map(\.0) == Rating.allCases)
        for (rating, next) in preview {
            #expect(next == review(state, rating.quality.rawValue, at: start + Seconds.day))
        }
        #expect(preview[0].1.phase == .relearning)
        #expect(preview[1].1.phase == .relearning)
        #expect(preview[2].1.intervalDays == 6)
    }
}
