import JSONText
import Store
import Study
import Review
import Practice
import Progress
import Terminal
import Timekeeping

/// `sysdrill stats`: today, streaks, retention, forecast, a year's heatmap, mastery.
enum StatsCommand {
    static let spec = CommandSpec(
        name: "stats",
        summary: "where you stand: today, streak, retention, forecast, heatmap, mastery per section",
        usage: ["stats [--days N] [--only NAME]... [--json]"],
        options: [OptionSpec("days", .value, valueName: "N", help: "forecast length in days, 1-365 (default 14)"),
                  DeckSelection.option],
        discussion: """
        Definitions:
          due        review and learning cards in today's queue (daily review limit applied)
          done       reviews logged this study day (the day rolls over at 04:00; see 'sysdrill config')
          new left   new cards today's queue would still show
          streak     consecutive study days with at least one review, up to today
          retention  passing grades (quality >= 3) among reviews of cards that were in the
                     review phase before the review (first reviews and same-day steps excluded)
          forecast   reviewed cards by the day they fall due (overdue cards count today)
          leeches    active cards that lapsed 'leech-lapses' times or more (default 8)
          suspended  active cards taken out of every queue (not due, not in the forecast)
          flagged    active cards flagged with 'card ID --flag' or ! in a review
          mature     review cards with an interval of 21 days or more; young: shorter
          quiz       share of correct quiz answers on the section's cards
          drill      mean score (0-100) of the section's finished drills
          drills due exercises whose drill is due again (shown once one has been drilled)
          estimates  per kind of estimation question, answers within 2x: all, last 30 days
        JSON: {"now", "today": {"date", "starts", "ends", "due", "done", "new_left"}, "streak",
        "longest_streak", "total_reviews", "leeches", "leech_lapses", "suspended", "flagged", "retention": {"last_7_days": {"passed", "reviews", "rate"},
        "last_30_days": {...}}, "average_answer_ms": {"today", "last_30_days", "all"},
        "forecast": [{"date", "due"}], "heatmap": {"from", "to", "max", "days": [{"date", "reviews"}]}
        (days without reviews left out),
        "mastery": [{"deck", "section", "cards", "mature", "young", "learning", "new",
        "quiz": {"answered", "correct", "score"}, "drills": {"finished", "mean_total"}}],
        "drills_due": [{"number", "name", "card", "due", "last_total"}],
        "estimates": [{"kind", "answered", "correct", "recent_answered", "recent_correct"}]},
        and with a target date (config target-date) not yet past: "target": {"date",
        "days_left", "predicted_recall"} (FSRS's mean recall of the studied cards on that day).
        """,
        run: run
    )

    static let defaultForecastDays = 14

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let days = try invocation.integer("days", in: 1...365) ?? defaultForecastDays
        let store = try context.readingStore(synced: true)
        let configuration = try context.configuration(store)
        let decks = try DeckSelection.scope(invocation, store: store, allowDisabled: true)
        // Every pass reads the same snapshot.
        let (report, quizResults, schedule, target) = try store.readSnapshot {
            let source = try StoreStatsSource(store: store, configuration: configuration, now: context.now, decks: decks)
            let report = try StatsReport.make(source: source, calendar: context.calendar(configuration), now: context.now,
                                              forecastDays: days)
            return (report, source.quizResults, try DrillExercises.schedule(store: store),
                    try targetLine(store: store, configuration: configuration, today: report.today.day.number))
        }
        let drillsDue = DrillSchedule.due(schedule, at: context.now)
        if context.json {
            var object = report.json
            object.set("drills_due", .array(drillsDue.map { .object(DueCommand.drillJSON($0)) }))
            object.set("estimates", .array(EstimateSpacing.accuracy(quizResults, now: context.now).map { row in
                .object(["kind": .string(row.kind.rawValue), "answered": JSONValue(row.answered), "correct": JSONValue(row.correct),
                         "recent_answered": JSONValue(row.recentAnswered), "recent_correct": JSONValue(row.recentCorrect)])
            }))
            if let target { object.set("target", target.json) }
            context.print(JSONValue.object(object).serialized(pretty: true))
        } else {
            var text = text(report, style: context.style) + estimates(EstimateSpacing.accuracy(quizResults, now: context.now),
                                                                      style: context.style)
            // Only once some exercise has been drilled: a new user has no drill due.
            if schedule.contains(where: { $0.due != nil }) {
                // After the heading and the "due" line of Today.
                let lineEnds = text.indices.filter { text[$0] == "\n" }
                let at = lineEnds.count >= 2 ? text.index(after: lineEnds[1]) : text.endIndex
                text.insert(contentsOf: drillsLine(drillsDue, scheduled: schedule), at: at)
            }
            if let target { text += "\n" + target.text }
            context.stdout.write(text)
        }
        return ExitCode.ok
    }

    /// Estimation accuracy per kind (within 2x), all time and the last 30 days; nothing
    /// before the first estimate.
    static func estimates(_ rows: [EstimateSpacing.Accuracy], style: Style) -> String {
        guard !rows.isEmpty else { return "" }
        func share(_ correct: Int, _ answered: Int) -> String {
            answered == 0 ? "—" : "\(correct)/\(answered) \(percent(Double(correct) / Double(answered)))"
        }
        var text = "\n" + style.bold("Estimates") + ": answers within 2x, per kind\n"
        text += "  " + TextLayout.padRight("kind", to: 14) + TextLayout.padRight("all", to: 14) + "last \(EstimateSpacing.recentDays) days\n"
        for row in rows {
            text += "  " + TextLayout.padRight(row.kind.rawValue, to: 14) + TextLayout.padRight(share(row.correct, row.answered), to: 14)
                + share(row.recentCorrect, row.recentAnswered) + "\n"
        }
        return text
    }

    /// "  drills due 1 of 3 drilled (Chat service) · next URL shortener on 2026-12-09".
    static func drillsLine(_ due: [DrillSchedule.Entry], scheduled: [DrillSchedule.Entry]) -> String {
        let drilled = scheduled.filter { $0.due != nil }
        var line = "  drills due \(due.count) of \(drilled.count) drilled"
        if !due.isEmpty { line += " (" + due.prefix(3).map(\.exercise.name).joined(separator: ", ") + (due.count > 3 ? ", …" : "") + ")" }
        if let next = drilled.filter({ !due.contains($0) }).min(by: { $0.due! < $1.due! }) {
            line += " · next \(next.exercise.name) on \(LocalTime.shortFormat(next.due!).prefix(10))"
        }
        return line + "\n"
    }

    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]

    /// With a target date not yet past: the recall FSRS predicts for the studied cards on it.
    static func targetLine(store: StudyStore, configuration: StudyConfiguration, today: Int64) throws -> (text: String, json: JSONValue)? {
        guard let date = configuration.targetDate, date.daysSinceEpoch >= today else { return nil }
        let recall = try TargetDatePlan.predictedRecall(store: store, configuration: configuration, on: date.daysSinceEpoch)
        let days = date.daysSinceEpoch - today
        let text = "Target \(date) (in \(plural(Int(days), "day"))): predicted recall "
            + (recall.map { percent($0) } ?? "— (no card studied yet)") + " of the studied cards, from their last reviews\n"
        return (text, ["date": .string(date.description), "days_left": JSONValue(Int(days)), "predicted_recall": JSONValue(recall)])
    }

    static func text(_ report: StatsReport, style: Style) -> String {
        [today(report, style: style), forecast(report, style: style), heatmap(report, style: style), mastery(report, style: style)]
            .joined(separator: "\n")
    }

    static func today(_ report: StatsReport, style: Style) -> String {
        let today = report.today
        let date = today.day.date
        var text = style.bold("Today") + " (\(weekdays[date.weekday]) \(date), study day ends \(LocalTime.shortFormat(today.day.end)))\n"
        text += "  due \(style.green(String(today.due))) · done \(today.done) · new left \(style.blue(String(today.newLeft)))\n"
        var line = "  streak \(plural(report.streak, "day")) (longest \(report.longestStreak)) · \(plural(report.totalReviews, "review")) in all"
        if let all = report.answerTimes.all {
            line += " · average answer \(seconds(all))"
            if let todayTime = report.answerTimes.today { line += " (today \(seconds(todayTime)))" }
        }
        text += line + "\n"
        let windows = report.retention.map { window -> String in
            guard let rate = window.rate else { return "last \(window.days) days —" }
            return "last \(window.days) days \(percent(rate)) (\(window.passed) of \(window.reviews))"
        }
        text += "  retention " + windows.joined(separator: " · ") + "\n"
        let tags = report.tags
        text += "  leeches \(tags.leeches > 0 ? style.yellow(String(tags.leeches)) : "0") (\(tags.leechLapses)+ lapses"
            + (tags.leeches > 0 ? ": 'sysdrill cards --leeches'" : "") + ") · suspended \(tags.suspended) · flagged \(tags.flagged)\n"
        return text
    }

    static func forecast(_ report: StatsReport, style: Style) -> String {
        let days = report.forecast
        var text = style.bold("Forecast") + ": cards due per day, next \(plural(days.count, "day"))\n"
        let largest = days.map(\.due).max() ?? 0
        let barWidth = 40
        let numberWidth = String(largest).count
        for day in days {
            let length = largest == 0 ? 0 : (day.due * barWidth + largest - 1) / largest
            let label = "\(weekdays[day.date.weekday]) \(String(day.date.description.dropFirst(5)))"
            text += "  \(label) │" + style.cyan(String(repeating: "█", count: length))
                + String(repeating: " ", count: barWidth - length) + " " + TextLayout.padLeft(String(day.due), to: numberWidth) + "\n"
        }
        return text
    }

    static func heatmap(_ report: StatsReport, style: Style) -> String {
        let grid = report.heatmap
        let total = grid.counts.values.reduce(0, +)
        let paint: (Int, String) -> String = { level, shade in level == 0 ? style.dim(shade) : style.green(shade) }
        var text = style.bold("Reviews in the last year") + ": \(plural(total, "review")) on \(plural(grid.counts.count, "day"))\n"
        for line in grid.lines(paint: paint) { text += "  " + line + "\n" }
        text += "      " + grid.legend(paint: paint) + "\n"
        return text
    }

    static func mastery(_ report: StatsReport, style: Style) -> String {
        let rows = report.mastery
        let showDeck = Set(rows.map(\.deck)).count > 1
        let names = rows.map { showDeck ? "\($0.deck): \($0.section)" : $0.section }
        let nameWidth = min(34, max(7, names.map(TextLayout.width).max() ?? 0))
        let columns = [("cards", 6), ("mature", 7), ("young", 6), ("learning", 9), ("new", 5), ("quiz", 6), ("drill", 6)]
        var text = style.bold("Mastery") + " by section (mature: interval of 21 days or more)\n"
        text += "  " + TextLayout.padRight("section", to: nameWidth)
            + columns.map { TextLayout.padLeft($0.0, to: $0.1) }.joined() + "\n"
        for (row, name) in zip(rows, names) {
            let values = [String(row.cards), String(row.mature), String(row.young), String(row.learning), String(row.new),
                          row.quizScore.map(percent) ?? "—", row.drillScore.map { String(Int($0.rounded())) } ?? "—"]
            text += "  " + TextLayout.padRight(TextLayout.truncate(name, to: nameWidth), to: nameWidth)
                + zip(values, columns).map { TextLayout.padLeft($0, to: $1.1) }.joined() + "\n"
        }
        if rows.isEmpty { text += "  no cards yet\n" }
        return text
    }

    static func plural(_ count: Int, _ word: String) -> String {
        "\(count) \(word)\(count == 1 ? "" : "s")"
    }

    static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded()))%"
    }

    static func seconds(_ milliseconds: Double) -> String {
        let tenths = Int((milliseconds / 100).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
