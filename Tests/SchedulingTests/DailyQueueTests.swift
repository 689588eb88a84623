import Scheduling
import Testing
import Timekeeping

@Suite("Daily queue")
struct DailyQueueTests {
    let now: UnixTime = 1_710_080_000
    var dayEnd: UnixTime { now + 10 * Seconds.hour }
    let generous = QueueLimits(newPerDay: 100, reviewsPerDay: 1000)

    func card(_ id: String, _ phase: Phase, due: UnixTime, order: Int = 0) -> QueueCandidate {
        QueueCandidate(id: id, phase: phase, due: due, deckOrder: order)
    }

    @Test func reviewsThenLearningThenNew() {
        let candidates = [
            card("new-b", .new, due: 0, order: 2),
            card("learn-late", .learning, due: now - 60),
            card("rev-recent", .review, due: now - Seconds.day),
            card("new-a", .new, due: 0, order: 1),
            card("relearn-early", .relearning, due: now - 600),
            card("rev-old", .review, due: now - 30 * Seconds.day),
            card("rev-tonight", .review, due: now + 2 * Seconds.hour),
        ]
        let queue = DailyQueue.build(from: candidates, now: now, dayEnd: dayEnd, limits: generous)
        #expect(queue.cardIDs == ["rev-old", "rev-recent", "rev-tonight", "relearn-early", "learn-late", "new-a", "new-b"])
        #expect((queue.reviewCount, queue.learningCount, queue.newCount) == (3, 2, 2))
        #expect(queue.laterToday.isEmpty)
    }

    @Test func tiesFollowDeckOrderWhateverTheInputOrder() {
        let candidates = [
            card("r3", .review, due: now - 100, order: 3),
            card("r1", .review, due: now - 100, order: 1),
            card("r2", .review, due: now - 100, order: 2),
            card("n2", .new, due: 0, order: 5),
            card("n1", .new, due: 0, order: 4),
        ]
        let forward = DailyQueue.build(from: candidates, now: now, dayEnd: dayEnd, limits: generous)
        let backward = DailyQueue.build(from: candidates.reversed(), now: now, dayEnd: dayEnd, limits: generous)
        #expect(forward.cardIDs == ["r1", "r2", "r3", "n1", "n2"])
        #expect(backward == forward)
    }

    @Test func dayBoundaries() {
        let candidates = [
            card("review-last-second", .review, due: dayEnd - 1),
            card("review-tomorrow", .review, due: dayEnd),
            card("learning-now", .learning, due: now),
            card("learning-in-10m", .learning, due: now + 600),
            card("relearning-in-5m", .relearning, due: now + 300),
            card("learning-tomorrow", .learning, due: dayEnd),
        ]
        let queue = DailyQueue.build(from: candidates, now: now, dayEnd: dayEnd, limits: generous)
        #expect(queue.cardIDs == ["review-last-second", "learning-now"])
        #expect(queue.laterToday == [PendingCard(id: "relearning-in-5m", due: now + 300), PendingCard(id: "learning-in-10m", due: now + 600)])
        #expect((queue.reviewCount, queue.learningCount, queue.newCount) == (1, 3, 0))
    }

    @Test func reviewLimitKeepsTheMostOverdue() {
        let candidates = (1...5).map { card("r\($0)", .review, due: now - Int64($0) * Seconds.day) }
        let limits = QueueLimits(newPerDay: 0, reviewsPerDay: 4)
        let queue = DailyQueue.build(from: candidates, now: now, dayEnd: dayEnd, limits: limits,
                                     progress: TodayProgress(reviewsDoneToday: 2))
        #expect(queue.cardIDs == ["r5", "r4"])
        #expect(queue.reviewCount == 2)
    }

    @Test func newLimitCountsCardsAlreadyIntroduced() {
        let candidates = (1...5).map { card("n\($0)", .new, due: 0, order: $0) }
        let limits = QueueLimits(newPerDay: 3, reviewsPerDay: 0)
        let queue = DailyQueue.build(from: candidates, now: now, dayEnd: dayEnd, limits: limits,
                                     progress: TodayProgress(newIntroducedToday: 1))
        #expect(queue.cardIDs == ["n1", "n2"])
        #expect(queue.newCount == 2)
    }

    @Test func limitsAlreadyExceededMeanNothingMoreNotLess() {
        let candidates = [card("r", .review, due: now - 1), card("n", .new, due: 0)]
        let queue = DailyQueue.build(from: candidates, now: now, dayEnd: dayEnd, limits: QueueLimits(newPerDay: 1, reviewsPerDay: 1),
                                     progress: TodayProgress(newIntroducedToday: 5, reviewsDoneToday: 9))
        #expect(queue.cardIDs.isEmpty)
        #expect((queue.reviewCount, queue.newCount) == (0, 0))
    }

    @Test func learningCardsAreNeverCapped() {
        let candidates = (1...3).map { card("l\($0)", .relearning, due: now - Int64($0)) }
        let queue = DailyQueue.build(from: candidates, now: now, dayEnd: dayEnd, limits: QueueLimits(newPerDay: 0, reviewsPerDay: 0),
                                     progress: TodayProgress(newIntroducedToday: 3, reviewsDoneToday: 3))
        #expect(queue.cardIDs == ["l3", "l2", "l1"])
        #expect(queue.learningCount == 3)
    }

    @Test func nothingToDo() {
        let empty = DailyQueue.build(from: [], now: now, dayEnd: dayEnd, limits: .defaults)
        #expect(empty.isEmpty)
        #expect((empty.reviewCount, empty.learningCount, empty.newCount) == (0, 0, 0))
        let onlyLater = DailyQueue.build(from: [card("l", .learning, due: now + 60)], now: now, dayEnd: dayEnd, limits: .defaults)
        #expect(onlyLater.cardIDs.isEmpty)
        #expect(!onlyLater.isEmpty)
    }

    @Test func defaultLimitsAreAnkis() {
        #expect(QueueLimits.defaults == QueueLimits(newPerDay: 20, reviewsPerDay: 200))
    }
}
