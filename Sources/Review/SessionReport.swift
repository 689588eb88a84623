import Study
import JSONText
import Scheduling
import Store
import Timekeeping

/// The end-of-session summary: what was done plus where the user stands.
public struct SessionReport: Sendable {
    public let summary: SessionSummary
    /// When the next card is due after the session: now while today's queue has cards to
    /// show (new ones too), else the earliest due card (nil: nothing scheduled yet).
    public let nextDue: UnixTime?
    /// The next study day and how many cards its queue will hold (reviews and learning due
    /// by its end, and new cards within the daily limit). Only the JSON form says it: nil
    /// when the report is made for the text (`withNextDay: false`), which spares the
    /// summary a second plan of the queue (half a second after a break).
    public let nextDay: (date: CivilDate, due: Int)?
    public let streak: Int
    /// What today's queue still holds after the session (a fresh queue, so it includes
    /// cards left when quitting early and same-day repeats).
    public let dueLeftToday: Int
    public let learningLeftToday: Int

    public static func make(summary: SessionSummary, store: StudyStore, configuration: StudyConfiguration,
                            calendar: StudyCalendar, now: UnixTime, withNextDay: Bool = true,
                            queueAtStart: TodayQueue? = nil) throws -> SessionReport {
        // One read transaction for the whole report: the seeks below, one per study day of
        // the last 400, were each their own (a lock, a check of the file and an unlock
        // apiece), and the counts and the streak now see the same commits.
        try store.readSnapshot {
            try makeInSnapshot(summary: summary, store: store, configuration: configuration, calendar: calendar, now: now,
                               withNextDay: withNextDay, queueAtStart: queueAtStart)
        }
    }

    private static func makeInSnapshot(summary: SessionSummary, store: StudyStore, configuration: StudyConfiguration,
                                       calendar: StudyCalendar, now: UnixTime, withNextDay: Bool,
                                       queueAtStart: TodayQueue?) throws -> SessionReport {
        let today = calendar.day(containing: now)
        let since = calendar.start(ofDay: today.number - 400)
        // Each study day with reviews, found by one index seek per day: the first review at
        // or after a point, then on from the end of its day. Reading every review time of
        // the last 400 days (600k for a heavy user) and converting each to local time made
        // the summary after a review take half a second.
        var days = Set<Int64>()
        var cursor = since
        while let time = try store.firstReviewTime(atOrAfter: cursor, before: today.end) {
            let day = calendar.day(containing: time)
            days.insert(day.number)
            cursor = max(day.end, time + 1)
        }
        // The queue the session started from, with the default options, is still today's
        // when nothing was written since (nothing answered, skipped or changed elsewhere).
        let left = try TodayQueue.counts(store: store, configuration: configuration, calendar: calendar, now: now,
                                         unchanged: queueAtStart)
        let tomorrow = calendar.day(containing: today.end)
        let next = withNextDay
            ? try TodayQueue.counts(store: store, configuration: configuration, calendar: calendar, now: tomorrow.start) : nil
        // Cards still to show now (new ones have no due time) make "next due" now, not the
        // earliest scheduled card, which may be tomorrow's.
        let nextDue = left.cardIDs.isEmpty ? try store.earliestDue(now: now) : now
        return SessionReport(summary: summary, nextDue: nextDue, nextDay: next.map { (tomorrow.date, $0.total) },
                             streak: calendar.streak(reviewDays: days, today: today.number),
                             dueLeftToday: left.total,
                             learningLeftToday: left.learningCount)
    }

    public func text(now: UnixTime) -> String {
        var lines: [String] = []
        let seconds = summary.milliseconds / 1000
        let cards = summary.cards.count
        var first = "Reviewed \(cards) card\(cards == 1 ? "" : "s")"
        var details: [String] = []
        if summary.reviewed != cards { details.append("\(summary.reviewed) answers") }
        if summary.newCards > 0 { details.append("\(summary.newCards) new") }
        if !details.isEmpty { first += " (" + details.joined(separator: ", ") + ")" }
        first += " in \(Self.duration(seconds))"
        if summary.reviewed > 0 { first += " · again \(Int((summary.againRate * 100).rounded()))%" }
        if summary.skipped > 0 { first += " · \(summary.skipped) skipped" }
        if summary.suspended > 0 { first += " · \(summary.suspended) suspended" }
        lines.append(first)
        var second: [String] = []
        if dueLeftToday > 0 {
            second.append("\(dueLeftToday) still due today" + (learningLeftToday > 0 ? " (\(learningLeftToday) learning)" : ""))
        } else if let nextDue, nextDue > now {
            second.append("next due \(LocalTime.shortFormat(nextDue)) (in \(IntervalText.format(from: now, to: nextDue)))")
        }
        second.append("streak \(streak) day\(streak == 1 ? "" : "s")")
        lines.append(second.joined(separator: " · "))
        return lines.joined(separator: "\n")
    }

    /// The JSON form; `next_day` is null when the report was made `withNextDay: false`
    /// (for the text), so JSON callers make it with the next day.
    public var json: JSONObject {
        JSONObject([
            "event": "summary",
            "reviewed": JSONValue(summary.reviewed),
            "cards": JSONValue(summary.cards.count),
            "again": JSONValue(summary.again),
            "again_rate": JSONValue(summary.againRate),
            "new": JSONValue(summary.newCards),
            "skipped": JSONValue(summary.skipped),
            "suspended": JSONValue(summary.suspended),
            "seconds": JSONValue(Double(summary.milliseconds) / 1000),
            "next_due": JSONValue(nextDue.map(ISO8601.format)),
            "next_day": nextDay.map { .object(["date": .string($0.date.description), "due": JSONValue($0.due)]) } ?? .null,
            "due_left_today": JSONValue(dueLeftToday),
            "learning_left_today": JSONValue(learningLeftToday),
            "streak": JSONValue(streak),
        ])
    }

    static func duration(_ seconds: Int64) -> String {
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m \(seconds % 60)s" }
        return "\(seconds / 3600)h \(seconds / 60 % 60)m"
    }
}
