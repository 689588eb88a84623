import SeededRandom
import Deck
import Scheduling
import Store
import Study
import Review
import Practice
import Progress
import Timekeeping

/// A seeded review history: cards are introduced about 120 a day over two years and
/// then reviewed when the active scheduler says they are due (a little late, as people
/// are), with a realistic spread of grades. The earliest `reviewCount` reviews are kept
/// and every card's state is the replay of its kept reviews, exactly what
/// `StateRebuilder` (and `sysdrill check`) would compute, so the database is one the
/// app could have written itself.
struct HistoryGenerator {
    let reviewCount: Int
    let seed: UInt64
    /// The end of the history ("now" for every scenario).
    let now: UnixTime
    static let days: Int64 = 730
    static let day: Int64 = 86_400
    /// New cards a day for a 1M-review history (scaled for smaller ones), chosen so that
    /// two years of reviews come to just over a million with 100k cards.
    static let newPerDay = 120.0

    struct Event {
        let card: Int32
        let at: UnixTime
        let grade: UInt8
    }

    struct Summary {
        var reviews = 0
        var cardsReviewed = 0
        var first: UnixTime = 0
        var last: UnixTime = 0
    }

    /// Grades as a person gives them: mostly Good, some Hard and Easy, about one in
    /// seven a failure (which SM-2 repeats the same day).
    static func grade(_ random: inout SplitMix64) -> Quality {
        let roll = random.below(100)
        let value: Int
        switch roll {
        case 0..<2: value = 0
        case 2..<8: value = 1
        case 8..<13: value = 2
        case 13..<25: value = 3
        case 25..<88: value = 4
        default: value = 5
        }
        return Quality(rawValue: value)!
    }

    /// The events, earliest `reviewCount` of them, in time order. The simulation runs up
    /// to `now`, so keeping only the earliest ones ends the history a few days early; it
    /// is then moved later by whole days so its last review falls within the day before
    /// `now` (the user studied this morning, nothing is weeks overdue) while every card's
    /// reviews stay a prefix of its simulated ones. Also returns how many reviews were
    /// simulated and the shift in days.
    func simulate(cards: [CardID], scheduler: any Scheduler) -> (events: [Event], simulated: Int, shiftDays: Int64) {
        // New cards a day scale with the wanted history, so a quick run keeps the shape;
        // a few more a day when that falls short.
        var perDay = Self.newPerDay * Double(reviewCount) / 1_000_000
        while true {
            let events = simulate(cards: cards, scheduler: scheduler, perDay: perDay)
            if events.count >= reviewCount || Int(Double(cards.count) / perDay) < Self.days / 2 {
                return cut(events)
            }
            perDay *= 1.03
        }
    }

    private func cut(_ simulated: [Event]) -> (events: [Event], simulated: Int, shiftDays: Int64) {
        var events = simulated
        if events.count > reviewCount { events.removeLast(events.count - reviewCount) }
        let shiftDays = events.last.map { (now - $0.at) / Self.day } ?? 0
        if shiftDays > 0 {
            events = events.map { Event(card: $0.card, at: $0.at + shiftDays * Self.day, grade: $0.grade) }
        }
        return (events, simulated.count, shiftDays)
    }

    private func simulate(cards: [CardID], scheduler: any Scheduler, perDay: Double) -> [Event] {
        var random = SplitMix64(seed: seed)
        let start = now - Self.days * Self.day
        var events: [Event] = []
        events.reserveCapacity(reviewCount + reviewCount / 4)
        for (index, id) in cards.enumerated() {
            let introductionDay = Int64(Double(index) / perDay)
            guard introductionDay < Self.days else { break }
            // Morning sessions between 06:00 and 10:00 UTC.
            var at = start + introductionDay * Self.day + 6 * 3600 + Int64(random.below(4 * 3600))
            var state = CardState.new
            var reviewIndex = 0
            while at < now {
                let quality = Self.grade(&random)
                state = scheduler.next(state, review: ReviewEvent(at: at, quality: quality),
                                       fuzzSeed: FuzzSeed.make(cardID: id.rawValue, reviewIndex: reviewIndex))
                events.append(Event(card: Int32(index), at: at, grade: UInt8(quality.rawValue)))
                reviewIndex += 1
                if state.due <= at + 3600 {
                    at += 60 + Int64(random.below(900))  // repeated in the same session
                } else {
                    let lateness = random.below(100)
                    let delay: Int64 = lateness < 70 ? Int64(random.below(12 * 3600))
                        : lateness < 95 ? 12 * 3600 + Int64(random.below(24 * 3600))
                        : 2 * Self.day + Int64(random.below(3 * 86_400))
                    at = state.due + delay
                }
            }
        }
        events.sort { ($0.at, $0.card) < ($1.at, $1.card) }
        return events
    }

    /// Writes the events and the replayed states in one transaction through the Store API.
    func write(_ events: [Event], cards: [CardID], scheduler: any Scheduler, to store: StudyStore) throws -> Summary {
        var random = SplitMix64(seed: seed ^ 0x5EED)
        var perCard: [[ReviewEvent]] = Array(repeating: [], count: cards.count)
        try store.connection.transaction {
            for event in events {
                let quality = Quality(rawValue: Int(event.grade))!
                let record = ReviewRecord(id: Self.uuid(&random), cardID: cards[Int(event.card)], at: event.at, grade: quality,
                                          durationMs: Int64(1500 + random.below(25_000)))
                try store.insertReview(record)
                perCard[Int(event.card)].append(ReviewEvent(at: event.at, quality: quality))
            }
            for (index, log) in perCard.enumerated() where !log.isEmpty {
                try store.saveState(scheduler.replay(log, cardID: cards[index].rawValue), for: cards[index])
            }
        }
        var summary = Summary()
        summary.reviews = events.count
        summary.cardsReviewed = perCard.filter { !$0.isEmpty }.count
        summary.first = events.first?.at ?? 0
        summary.last = events.last?.at ?? 0
        return summary
    }

    /// A version-4 UUID from the seeded generator (review IDs are UUIDs in the app too).
    static func uuid(_ random: inout SplitMix64) -> String {
        var bytes: [UInt8] = []
        for word in [random.next(), random.next()] {
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
