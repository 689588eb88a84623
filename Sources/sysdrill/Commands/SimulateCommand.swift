import Deck
import FSRSOptimizer
import JSONText
import Progress
import Scheduling
import Store
import Study
import Terminal

/// `sysdrill simulate [--retention R]... [--days N] [--json]`: the workload ahead under
/// FSRS for one or several desired retentions.
enum SimulateCommand {
    static let spec = CommandSpec(
        name: "simulate",
        summary: "forecast reviews and minutes a day under FSRS for several desired retentions",
        usage: ["simulate [--retention R]... [--days N] [--json]"],
        options: [
            OptionSpec("retention", .value, valueName: "R", repeatable: true,
                       help: "a desired retention to try, 0.70-0.99 (repeatable; default 0.75 0.80 0.85 0.90 0.95 and yours)"),
            OptionSpec("days", .value, valueName: "N", help: "days ahead, 1-3650 (default 365)"),
        ],
        discussion: """
        Your active cards go forward day by day with the current FSRS parameters: a reviewed
        card starts from the memory its log gives, new cards come in at new-per-day, at most
        reviews-per-day reviews a day; each review is remembered with the probability FSRS
        predicts (a seeded generator: the same database gives the same forecast). Answers cost
        the time your log says such answers take (first day of a new card, a successful
        review, a lapse with its relearning), grades follow your habits; with fewer than 10
        examples of a kind, defaults are used.
          remembered       cards you would recall on the last day (sum of probabilities)
          min/remembered   total study minutes per remembered card; the suggested retention
                           is the one where it is lowest
        JSON: {"days", "cards", "new_cards", "seconds_per_answer": {"learn", "pass", "lapse"},
        "results": [{"retention", "reviews_per_day", "minutes_per_day", "remembered",
        "minutes_per_remembered", "daily_reviews": [...], "daily_minutes": [...]}],
        "suggested_retention"}.
        """,
        run: run
    )

    static let defaultRetentions = [0.75, 0.80, 0.85, 0.90, 0.95]

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let days = try invocation.integer("days", in: 1...3650) ?? 365
        var retentions: [Double] = []
        for text in invocation.values("retention") {
            guard let value = Double(text), FSRSParameters.desiredRetentionRange.contains(value) else {
                throw UsageError("--retention must be a number from 0.70 to 0.99, got '\(text)'", command: "sysdrill simulate")
            }
            retentions.append(value)
        }
        let store = try context.syncedStore()
        let configuration = try context.configuration(store)
        let fsrs = configuration.scheduler.fsrs
        if retentions.isEmpty { retentions = defaultRetentions + [fsrs.desiredRetention] }
        retentions = Array(Set(retentions)).sorted()

        let calendar = context.calendar(configuration)
        let history = try FSRSHistory.load(from: store, calendar: calendar)
        let setup = try SimulationSetup(store: store, configuration: configuration, history: history, calendar: calendar, now: context.now)
        let input = setup.input(weights: fsrs.weights, days: days)
        let cards = input.cards, newCards = setup.newCards, measures = history.measures
        let results = retentions.map { WorkloadSimulator.run(input, retention: $0) }
        let suggested = WorkloadSimulator.suggestion(results)

        if context.json {
            let costs: JSONValue = ["learn": JSONValue(measures.costs.learn), "pass": JSONValue(measures.costs.pass),
                                    "lapse": JSONValue(measures.costs.lapse)]
            let rows: [JSONValue] = results.map(json)
            let object: JSONValue = ["days": JSONValue(days), "cards": JSONValue(cards.count), "new_cards": JSONValue(newCards),
                                     "seconds_per_answer": costs, "results": .array(rows), "suggested_retention": JSONValue(suggested)]
            context.print(object.serialized(pretty: true))
            return ExitCode.ok
        }
        var text = "\(FSRSFitText.count(cards.count)) studied and \(FSRSFitText.count(newCards)) new cards, next \(days) days "
            + "(\(configuration.limits.newPerDay) new and at most \(configuration.limits.reviewsPerDay) reviews a day; answers take "
            + "\(FSRSFitText.fixed(measures.costs.pass, places: 0)) s, lapses \(FSRSFitText.fixed(measures.costs.lapse, places: 0)) s, "
            + "a new card's first day \(FSRSFitText.fixed(measures.costs.learn, places: 0)) s)\n"
        text += "retention  reviews/day  minutes/day  remembered  min/remembered\n"
        for result in results {
            let mark = result.retention == suggested ? " *" : ""
            var row = TextLayout.padRight(FSRSFitText.fixed(result.retention, places: 2) + mark, to: 11)
            row += TextLayout.padRight(FSRSFitText.fixed(result.averageReviews, places: 1), to: 13)
            row += TextLayout.padRight(FSRSFitText.fixed(result.averageMinutes, places: 1), to: 13)
            row += TextLayout.padRight(FSRSFitText.fixed(result.remembered, places: 0), to: 12)
            text += row + FSRSFitText.fixed(result.minutesPerRemembered, places: 2) + "\n"
        }
        text += "\nminutes a day, \(days) days left to right:\n"
        for (result, line) in zip(results, WorkloadChart.sparklines(results.map(\.secondsPerDay), width: 48)) {
            text += FSRSFitText.fixed(result.retention, places: 2) + "  " + line + "\n"
        }
        if let suggested {
            text += "\n* suggested retention \(FSRSFitText.fixed(suggested, places: 2)): the least study time per card remembered"
                + (suggested == fsrs.desiredRetention ? " (yours)" : "; 'sysdrill config set desired-retention \(FSRSFitText.fixed(suggested, places: 2))'")
                + "\n"
        }
        context.stdout.write(text)
        return ExitCode.ok
    }
}

extension SimulateCommand {
    static func json(_ result: SimulationResult) -> JSONValue {
        let reviews: [JSONValue] = result.reviewsPerDay.map { JSONValue($0) }
        let minutes: [JSONValue] = result.secondsPerDay.map { JSONValue($0 / 60) }
        var object = JSONObject()
        object.set("retention", JSONValue(result.retention))
        object.set("reviews_per_day", JSONValue(result.averageReviews))
        object.set("minutes_per_day", JSONValue(result.averageMinutes))
        object.set("remembered", JSONValue(result.remembered))
        object.set("minutes_per_remembered", JSONValue(result.minutesPerRemembered))
        object.set("daily_reviews", .array(reviews))
        object.set("daily_minutes", .array(minutes))
        return .object(object)
    }
}

/// Rows of ▁▂▃▄▅▆▇█, one per series, on one scale, each column the mean of a run of days.
enum WorkloadChart {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func sparklines(_ series: [[Double]], width: Int) -> [String] {
        let columns = series.map { values -> [Double] in
            guard !values.isEmpty else { return [] }
            let count = min(width, values.count)
            return (0..<count).map { column in
                let from = column * values.count / count, to = (column + 1) * values.count / count
                return values[from..<to].reduce(0, +) / Double(to - from)
            }
        }
        let top = columns.flatMap { $0 }.max() ?? 0
        return columns.map { row in
            String(row.map { value in top > 0 ? blocks[min(blocks.count - 1, Int(value / top * Double(blocks.count - 1) + 0.5))] : blocks[0] })
        }
    }
}
