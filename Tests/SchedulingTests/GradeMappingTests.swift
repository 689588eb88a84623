import Scheduling
import Testing

// The review log stores SM-2 qualities; FSRS reads them as ratings, and the four buttons
// record fixed qualities. These tables are the documented contract (Grades.swift).

@Suite("Grade mapping")
struct GradeMappingTests {
    @Test("quality 0-2 is Again, 3 Hard, 4 Good, 5 Easy",
          arguments: [(0, Rating.again), (1, .again), (2, .again), (3, .hard), (4, .good), (5, .easy)])
    func qualityToRating(raw: Int, rating: Rating) throws {
        let quality = try #require(Quality(rawValue: raw))
        #expect(quality.rating == rating)
        #expect(quality.passes == (raw >= 3))
    }

    @Test("each button records 1 / 3 / 4 / 5 and reads back as itself",
          arguments: [(Rating.again, 1), (.hard, 3), (.good, 4), (.easy, 5)])
    func buttonToQuality(rating: Rating, raw: Int) {
        #expect(rating.quality.rawValue == raw)
        #expect(rating.quality.rating == rating)
    }

    @Test("ratings carry FSRS's numbers 1...4", arguments: [(1, Rating.again), (2, .hard), (3, .good), (4, .easy)])
    func fsrsNumbering(number: Int, rating: Rating) {
        #expect(Rating(rawValue: number) == rating)
        #expect(Rating(rawValue: number)?.quality.rating == rating)
    }

    @Test("qualities outside 0...5 and ratings outside 1...4 do not exist", arguments: [-1, 6, 100])
    func outOfRange(raw: Int) {
        #expect(Quality(rawValue: raw) == nil)
    }

    @Test func ratingsOutOfRange() {
        #expect(Rating(rawValue: 0) == nil)
        #expect(Rating(rawValue: 5) == nil)
    }

    @Test("rating names round-trip", arguments: Rating.allCases)
    func names(rating: Rating) {
        #expect(Rating(name: rating.name) == rating)
        #expect(rating.description == rating.name)
    }

    @Test func unknownName() {
        #expect(Rating(name: "Good") == nil)
        #expect(Rating(name: "") == nil)
    }
}
