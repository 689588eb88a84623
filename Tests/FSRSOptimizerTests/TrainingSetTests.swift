import FSRSOptimizer
import Scheduling
import Testing

@Suite("FSRS training items")
struct TrainingSetTests {
    func review(_ card: Int, day: Int64, hour: Int64 = 9, grade: Int) -> LoggedReview {
        LoggedReview(card: card, at: day * 86_400 + hour * 3600, studyDay: day, grade: Quality(rawValue: grade)!)
    }

    @Test func oneItemPerReviewAfterTheFirstWithADayOrMore() {
        let set = TrainingSet(reviews: [
            review(7, day: 0, grade: 4),
            review(7, day: 0, hour: 10, grade: 1),  // same day: history, not predicted
            review(9, day: 1, grade: 5),
            review(7, day: 2, grade: 0),
            review(9, day: 5, grade: 3),
            review(7, day: 3, grade: 2),
        ])
        #expect(set.cards.count == 2)
        let first = set.cards[0]
        #expect(first.ratings == [.good, .again, .again, .again], "grades 0-2 are all Again")
        #expect(first.elapsedDays == [0, 0, 2, 1])
        #expect(set.cards[1].ratings == [.easy, .hard])
        #expect(set.cards[1].elapsedDays == [0, 4])
        // Ordered by the predicted review's time: card 7 day 2, day 3, card 9 day 5.
        #expect(set.items == [TrainingItem(card: 0, review: 2), TrainingItem(card: 0, review: 3), TrainingItem(card: 1, review: 1)])
    }

    @Test func gapsAreStudyDaysNotSeconds() {
        // 23:00 and 05:00 the next morning: 6 hours apart, but different study days.
        let set = TrainingSet(reviews: [
            LoggedReview(card: 1, at: 82_800, studyDay: 0, grade: 4),
            LoggedReview(card: 1, at: 104_400, studyDay: 1, grade: 4),
            // Two study days later.
            LoggedReview(card: 1, at: 104_400 + 2 * 86_400, studyDay: 3, grade: 4),
        ])
        #expect(set.cards[0].elapsedDays == [0, 1, 2])
        #expect(set.items.count == 2)
    }

    @Test func reviewsGivenOutOfOrderAreSortedByTime() {
        let set = TrainingSet(reviews: [review(1, day: 4, grade: 3), review(1, day: 0, grade: 5), review(1, day: 1, grade: 1)])
        #expect(set.cards[0].ratings == [.easy, .again, .hard])
        #expect(set.cards[0].elapsedDays == [0, 1, 3])
    }

    @Test func aCardReviewedOnceOrOnlyOnOneDayHasNoItem() {
        let set = TrainingSet(reviews: [review(1, day: 0, grade: 4), review(2, day: 0, grade: 4), review(2, day: 0, hour: 11, grade: 4)])
        #expect(set.items.isEmpty)
        #expect(FSRSEvaluator.evaluate(set, weights: FSRSParameters.defaults.weights) == nil)
    }
}
