import Scheduling
import Testing
import Timekeeping

@Suite("Target date cap")
struct DeadlineTests {
    let start: UnixTime = 1_767_258_000  // 2026-01-01T09:00:00Z
    /// The target day starts 30 days later (at 04:00); its last week 7 days before that.
    var deadline: ReviewDeadline {
        let target = start - 5 * 3600 + 30 * Seconds.day
        return ReviewDeadline(windowStart: target - 7 * Seconds.day, deadline: target)
    }

    func review(_ scheduler: any Scheduler, _ state: CardState, at time: UnixTime, seed: UInt64 = 3) -> CardState {
        scheduler.next(state, review: ReviewEvent(at: time, quality: Rating.easy.quality), fuzzSeed: seed)
    }

    @Test(arguments: [SchedulerKind.sm2, .fsrs])
    func anIntervalPastTheDateEndsInItsLastWeek(kind: SchedulerKind) {
        let base = SchedulerSettings(kind: kind, fuzz: false).makeScheduler()
        let capped = SchedulerSettings(kind: kind, fuzz: false, deadline: deadline).makeScheduler()
        var plain = CardState.new, limited = CardState.new
        var time = start
        for _ in 0..<6 {
            plain = review(base, plain, at: time)
            limited = review(capped, limited, at: time)
            #expect(limited.reps == plain.reps && limited.fsrs == plain.fsrs && limited.sm2 == plain.sm2, "only the due date moves")
            if plain.due >= deadline.deadline && time < deadline.windowStart {
                #expect(limited.due >= deadline.windowStart && limited.due < deadline.deadline)
            } else {
                #expect(limited.due == plain.due)
            }
            time = max(limited.due, time + 60)
            plain = limited  // both go on from the capped card, as the log would
        }
    }

    @Test func inTheLastWeekAndAfterTheDateNothingIsCapped() {
        let base = SchedulerSettings(kind: .fsrs, fuzz: false).makeScheduler()
        let capped = DeadlineCappedScheduler(base: base, deadline: deadline)
        var state = review(base, .new, at: start)
        state = review(base, state, at: start + 10 * Seconds.day)
        for time in [deadline.windowStart, deadline.windowStart + 3 * Seconds.day, deadline.deadline + Seconds.day] {
            #expect(review(capped, state, at: time) == review(base, state, at: time))
        }
    }

    @Test func cardsSpreadOverTheWeekAndAReplayRepeatsIt() {
        let capped = SchedulerSettings(kind: .fsrs, fuzz: false, deadline: deadline).makeScheduler()
        let dues = Set((0..<50 as Range<UInt64>).map { seed in
            review(capped, review(capped, .new, at: start, seed: seed), at: start + 10 * Seconds.day, seed: seed).due
        })
        #expect(dues.count == 7, "one due date per day of the last week")
        let events = [ReviewEvent(at: start, quality: Rating.easy.quality), ReviewEvent(at: start + 2 * Seconds.day, quality: Rating.good.quality)]
        #expect(capped.replay(events, cardID: "abc") == capped.replay(events, cardID: "abc"))
    }
}
