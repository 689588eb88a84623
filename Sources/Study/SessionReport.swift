import JSONText
import Scheduling
import Store
import Timekeeping

/// The end-of-session summary: what was done plus where the user stands.
public struct SessionReport: Sendable {
    public let summary: SessionSummary
    public let nextDue: UnixTime?
    public let streak: Int
    public let learningLeftToday: Int

    public static func make(summary: SessionSummary, store: StudyStore, calendar: StudyCalendar, now: UnixTime,
                            learningLeftToday: Int = 0) throws -> SessionReport {
        let today = calendar.day(containing: now)
        let since = calendar.start(ofDay: today.number - 400)
        // Each study day with reviews, found by one index seek per day: the first review at
        // or after a point, then on from the end of its day. Reading every review time of
        // the last 400 days (600k for a heavy user) and converting each to local time made
        // the summary after a review take half a second.
        var days = Set<Int64>()
        var cursor = since
        while let time = try store.firstReviewTime(from: cursor, to: today.end) {
            let day = calendar.day(containing: time)
            days.insert(day.number)
            cursor = max(day.end, time + 1)
        }
        return SessionReport(summary: summary, nextDue: try store.nextDue(after: now),
                             streak: calendar.streak(reviewDays: days, today: today.number), learningLeftToday: learningLeftToday)
    }

    public func text(now: UnixTime) -> String {
        var lines: [String] = []
        let seconds = summary.milliseconds / 1000
        var first = "Reviewed \(summary.reviewed) card\(summary.reviewed == 1 ? "" : "s")"
        if summary.newCards > 0 { first += " (\(summary.newCards) new)" }
        first += " in \(Self.duration(seconds))"
        if summary.reviewed > 0 { first += " · again \(Int((summary.againRate * 100).rounded()))%" }
        if summary.skipped > 0 { first += " · \(summary.skipped) skipped" }
        lines.append(first)
        var second: [String] = []
        if learningLeftToday > 0 { second.append("\(learningLeftToday) learning card\(learningLeftToday == 1 ? "" : "s") later today") }
        if let nextDue {
            second.append("next due \(LocalTime.shortFormat(nextDue)) (in \(IntervalText.format(from: now, to: nextDue)))")
        }
        second.append("streak \(streak) day\(streak == 1 ? "" : "s")")
        lines.append(second.joined(separator: " · "))
        return lines.joined(separator: "\n")
    }

    public var json: JSONObject {
        JSONObject([
            "event": "summary",
            "reviewed": JSONValue(summary.reviewed),
            "again": JSONValue(summary.again),
            "again_rate": JSONValue(summary.againRate),
            "new": JSONValue(summary.newCards),
            "skipped": JSONValue(summary.skipped),
            "seconds": JSONValue(Double(summary.milliseconds) / 1000),
            "next_due": JSONValue(nextDue.map(ISO8601.format)),
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
