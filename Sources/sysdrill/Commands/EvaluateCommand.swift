import FSRSOptimizer
import JSONText
import Progress
import Scheduling
import Study

/// `sysdrill evaluate [--parameters P] [--json]`: how well FSRS-6 weights predict this
/// database's review log.
enum EvaluateCommand {
    static let spec = CommandSpec(
        name: "evaluate",
        summary: "how well the FSRS parameters predict your review log (log loss, RMSE)",
        usage: ["evaluate [--parameters P] [--json]"],
        options: [OptionSpec("parameters", .value, valueName: "P", help: "21 comma-separated FSRS-6 weights instead of the current ones")],
        discussion: """
        Every review after a card's first with at least one study day since the card's
        previous review is an item: FSRS predicts its recall from the reviews before it.
          log loss     mean binary cross-entropy of the predictions (lower is better)
          RMSE(bins)   items grouped by gap, number of reviews and lapses; root mean square
                       of predicted minus actual recall per group, groups weighted by size
          weighted     the same with fsrs-rs's recency weights (an item's weight grows from
                       0.25 for the oldest to 1 for the newest), as Anki's Evaluate shows them
        JSON: {"parameters", "source": "current"|"given", "reviews", "cards", "items",
        "log_loss", "rmse_bins", "weighted_log_loss", "weighted_rmse_bins"} (figures null
        when there are no items).
        """,
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let given = try invocation.value("parameters").map { try FSRSFitText.parameters($0, command: "sysdrill evaluate") }
        let store = try context.store()
        let configuration = try context.configuration(store)
        let weights = given ?? configuration.scheduler.fsrs.weights
        let history = try FSRSHistory.load(from: store, calendar: context.calendar(configuration))
        let evaluation = FSRSEvaluator.evaluate(history.set, weights: weights)
        if context.json {
            var object: JSONObject = ["parameters": FSRSFitText.json(weights), "source": .string(given == nil ? "current" : "given"),
                                      "reviews": JSONValue(history.reviews), "cards": JSONValue(history.cards),
                                      "items": JSONValue(history.set.items.count)]
            let figures = FSRSFitText.json(evaluation)
            for key in ["log_loss", "rmse_bins", "weighted_log_loss", "weighted_rmse_bins"] {
                object.set(key, figures.objectValue?[key] ?? .null)
            }
            context.print(JSONValue.object(object).serialized(pretty: true))
            return ExitCode.ok
        }
        var text = "FSRS-6 parameters (\(given == nil ? "current" : "given")): \(FSRSFitText.weightsText(weights))\n"
        text += "review log: \(FSRSFitText.count(history.reviews)) reviews of \(FSRSFitText.count(history.cards)) cards, "
            + "\(FSRSFitText.count(history.set.items.count)) items to predict\n"
        if let evaluation {
            text += FSRSFitText.table([(given == nil ? "current" : "given", evaluation)])
        } else {
            text += "nothing to evaluate yet: an item is a review at least one study day after the card's previous one\n"
        }
        context.stdout.write(text)
        return ExitCode.ok
    }
}
