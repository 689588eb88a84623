import FSRSOptimizer
import Scheduling
import Testing

/// The builder `FSRSHistory` feeds the log to, one review at a time in time order with
/// each card opened by its review count, gives the same set as a list of the reviews
/// grouped and sorted, and the simulator's measures of the old list-based sums, digit
/// for digit.
@Suite("FSRS training set builder")
struct TrainingSetBuilderTests {
    /// A learner's log with answer times and many reviews at the same second (times
    /// rounded down to the hour), in time order, ties in the order generated.
    func timeOrderedLog() -> [LoggedReview] {
        var random = TestRandom(seed: 7)
        let log = SyntheticLearner(truth: FSRSParameters.defaults.weights, cards: 80, days: 200, seed: 3).reviews()
            .map { review -> LoggedReview in
                var review = review
                review.at = review.at / 3600 * 3600
                review.seconds = Double(500 + random.below(20_000)) / 1000
                return review
            }
        return log.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
    }

    func streamed(_ log: [LoggedReview]) -> (set: TrainingSet, measures: LogMeasures, lastDays: [Int64]) {
        var counts: [Int: Int] = [:]
        for review in log { counts[review.card, default: 0] += 1 }
        var builder = TrainingSetBuilder(reviews: log.count)
        var index: [Int: Int] = [:]
        for review in log {
            let card = index[review.card] ?? builder.addCard(reviews: counts[review.card]!)
            index[review.card] = card
            builder.add(card: card, at: review.at, studyDay: review.studyDay, grade: review.grade, seconds: review.seconds)
        }
        let lastDays = builder.lastStudyDays
        let (set, measures) = builder.finish()
        return (set, measures, lastDays)
    }

    @Test func aStreamedLogGivesTheSetOfTheList() {
        let log = timeOrderedLog()
        #expect(Set(log.map(\.at)).count < log.count / 2, "the log should have many reviews at the same second")
        let listed = TrainingSet(reviews: log)
        let (set, _, lastDays) = streamed(log)
        #expect(set.cardCount == listed.cardCount)
        #expect(set.reviewCount == log.count)
        #expect(set.items == listed.items)
        // Each card's ratings, gaps and last study day worked out here, cards numbered by
        // their first review.
        var last: [Int: Int64] = [:], order: [Int] = []
        var ratings: [Int: [Rating]] = [:], gaps: [Int: [Int]] = [:]
        for review in log {
            if let previous = last[review.card] {
                gaps[review.card]!.append(Int(review.studyDay - previous))
            } else {
                order.append(review.card)
                gaps[review.card] = [0]
            }
            ratings[review.card, default: []].append(review.grade.rating)
            last[review.card] = review.studyDay
        }
        #expect(set.cardCount == order.count)
        #expect(set.cards.map(\.ratings) == order.map { ratings[$0]! })
        #expect(set.cards.map(\.elapsedDays) == order.map { gaps[$0]! })
        #expect(lastDays == order.map { last[$0]! })
        // Items worked out here: every review after a card's first on a later study day,
        // in time order, ties by card (numbered by first review) then review.
        var reviewsOf: [Int: [LoggedReview]] = [:]
        for review in log { reviewsOf[review.card, default: []].append(review) }
        var expected: [(at: Int64, card: Int, review: Int)] = []
        for (number, card) in order.enumerated() {
            let reviews = reviewsOf[card]!
            for review in reviews.indices.dropFirst() where reviews[review].studyDay > reviews[review - 1].studyDay {
                expected.append((reviews[review].at, number, review))
            }
        }
        expected.sort { ($0.at, $0.card, $0.review) < ($1.at, $1.card, $1.review) }
        #expect(expected.count > 100)
        #expect(set.items == expected.map { TrainingItem(card: $0.card, review: $0.review) })
    }

    @Test func measuresAreTheSumsOfTheLists() {
        let log = timeOrderedLog()
        let (_, measures, _) = streamed(log)
        // The measures as first written: lists of values per kind, cards in order of
        // their first review, summed with `reduce`.
        var byCard: [Int: [LoggedReview]] = [:], order: [Int] = []
        for review in log {
            if byCard[review.card] == nil { order.append(review.card) }
            byCard[review.card, default: []].append(review)
        }
        var learn: [Double] = [], pass: [Double] = [], lapse: [Double] = []
        var first = [0, 0, 0, 0], passed = [0, 0, 0]
        for card in order {
            let reviews = byCard[card]!
            first[reviews[0].grade.rating.rawValue - 1] += 1
            var index = 0
            var learning = 0.0
            while index < reviews.count && reviews[index].studyDay == reviews[0].studyDay {
                learning += reviews[index].seconds
                index += 1
            }
            learn.append(learning)
            while index < reviews.count {
                let review = reviews[index]
                index += 1
                if review.grade.rating != .again {
                    pass.append(review.seconds)
                    passed[review.grade.rating.rawValue - 2] += 1
                    continue
                }
                var total = review.seconds
                while index < reviews.count && reviews[index].studyDay == review.studyDay {
                    total += reviews[index].seconds
                    index += 1
                }
                lapse.append(total)
            }
        }
        #expect(lapse.count >= LogMeasures.minimumExamples, "the log should have lapses to measure")
        #expect(measures.costs.learn == learn.reduce(0, +) / Double(learn.count))
        #expect(measures.costs.pass == pass.reduce(0, +) / Double(pass.count))
        #expect(measures.costs.lapse == lapse.reduce(0, +) / Double(lapse.count))
        #expect(measures.firstRatings == first.map { Double($0) / Double(first.reduce(0, +)) })
        #expect(measures.passRatings == passed.map { Double($0) / Double(passed.reduce(0, +)) })
    }
}
