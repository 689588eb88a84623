import Study
import JSONText
import Timekeeping

extension StatsReport {
    /// `stats --json`: everything the text shows, as data. Rates are fractions 0...1,
    /// times milliseconds, dates local study-day dates (YYYY-MM-DD); null where there is
    /// nothing to measure yet.
    public var json: JSONObject {
        [
            "now": .string(ISO8601.format(now)),
            "today": [
                "date": .string(today.day.date.description),
                "starts": .string(ISO8601.format(today.day.start)),
                "ends": .string(ISO8601.format(today.day.end)),
                "due": JSONValue(today.due),
                "done": JSONValue(today.done),
                "new_left": JSONValue(today.newLeft),
            ],
            "streak": JSONValue(streak),
            "longest_streak": JSONValue(longestStreak),
            "total_reviews": JSONValue(totalReviews),
            "leeches": JSONValue(tags.leeches),
            "leech_lapses": JSONValue(tags.leechLapses),
            "suspended": JSONValue(tags.suspended),
            "flagged": JSONValue(tags.flagged),
            "retention": .object(retentionJSON),
            "average_answer_ms": [
                "today": Self.rounded(answerTimes.today),
                "last_30_days": Self.rounded(answerTimes.last30Days),
                "all": Self.rounded(answerTimes.all),
            ],
            "forecast": .array(forecast.map { ["date": .string($0.date.description), "due": JSONValue($0.due)] }),
            "heatmap": [
                "from": .string(CivilDate(daysSinceEpoch: heatmap.firstDay).description),
                "to": .string(CivilDate(daysSinceEpoch: heatmap.today).description),
                "max": JSONValue(heatmap.maximum),
                "days": .array(heatmap.counts.sorted { $0.key < $1.key }.map {
                    ["date": .string(CivilDate(daysSinceEpoch: $0.key).description), "reviews": JSONValue($0.value)]
                }),
            ],
            "mastery": .array(mastery.map { .object($0.json) }),
        ]
    }

    private var retentionJSON: JSONObject {
        var object = JSONObject()
        for window in retention {
            object.set("last_\(window.days)_days", [
                "passed": JSONValue(window.passed), "reviews": JSONValue(window.reviews), "rate": JSONValue(window.rate),
            ])
        }
        return object
    }

    static func rounded(_ milliseconds: Double?) -> JSONValue {
        milliseconds.map { .integer(Int64($0.rounded())) } ?? .null
    }
}

extension StatsReport.SectionMastery {
    var json: JSONObject {
        [
            "deck": .string(deck),
            "section": .string(section),
            "cards": JSONValue(cards),
            "mature": JSONValue(mature),
            "young": JSONValue(young),
            "learning": JSONValue(learning),
            "new": JSONValue(new),
            "quiz": ["answered": JSONValue(quizAnswered), "correct": JSONValue(quizCorrect), "score": JSONValue(quizScore)],
            "drills": ["finished": JSONValue(drillsFinished), "mean_total": JSONValue(drillScore)],
        ]
    }
}
