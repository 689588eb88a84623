import Deck
import Foundation
import Scheduling
import Store
@testable import Study
@testable import Review

/// A private database with a small deck, a fake clock and predictable IDs.
final class StudyFixture {
    let directory: String
    let store: StudyStore
    let clock: FakeClock
    let identifiers = CountingIdentifiers()

    /// Ten definition cards in one section, in deck order A1...A10.
    static let deck = "# 1. Basics\n\n" + (1...10).map { "- A\($0): answer \($0).\n" }.joined()

    /// `includeDerived`: also the reverse and comparison cards the deck gives (off for the
    /// tests written before them, whose queues hold the written cards only).
    init(deck: String = StudyFixture.deck, now: Int64 = 1_764_061_200 /* 2025-11-25T09:00:00Z */,
         includeDerived: Bool = false) throws {
        directory = NSTemporaryDirectory() + "sysdrill-study-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try StudyStore.open(path: directory + "/db.sqlite")
        clock = FakeClock(now: now)
        let cards = try OutlineParser(deck: "t", file: "t.md").parse(deck).filter { includeDerived || !$0.kind.isDerived }
        _ = try store.sync(deck: "t", source: "/t.md", origin: .registered, files: [], cards: cards, at: now)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    var utcCalendar: StudyCalendar { StudyCalendar(rolloverHour: 4, utcOffset: { _ in 0 }) }

    func today(_ configuration: StudyConfiguration = .defaults, options: TodayQueue.Options = .init()) throws -> TodayQueue {
        try TodayQueue.build(store: store, configuration: configuration, calendar: utcCalendar, now: clock.now, options: options)
    }

    /// A session with `configuration`, which is also stored: a session writes with the
    /// scheduler the stored settings name (as `sysdrill review` always has them).
    func session(_ configuration: StudyConfiguration = .defaults, limit: Int? = nil) throws -> ReviewSession {
        for key in [ConfigKey.scheduler, .learningSteps, .relearningSteps, .desiredRetention, .maximumInterval, .fuzz] {
            try store.setSetting(key.rawValue, key.value(in: configuration))
        }
        return ReviewSession(store: store, scheduler: configuration.scheduler.makeScheduler(), today: try today(configuration),
                      clock: clock, identifiers: identifiers, limit: limit)
    }

    func cardID(_ term: String) throws -> CardID {
        try store.cards(includeRetired: true).first { $0.card.term == term }!.id
    }
}

final class FakeClock: SessionClock {
    var now: Int64
    var milliseconds: Int64 = 0

    init(now: Int64) {
        self.now = now
    }

    func monotonicMilliseconds() -> Int64 {
        milliseconds += 1500  // every look at the clock is 1.5 s later: answers take time
        return milliseconds
    }
}

extension ReviewSession {
    /// The next card's term, or nil when none is offered now.
    func nextTerm() throws -> String? {
        if case .card(let presented) = try next() { return presented.card.term }
        return nil
    }
}
