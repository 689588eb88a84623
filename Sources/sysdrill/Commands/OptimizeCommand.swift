import FSRSOptimizer
import JSONText
import Progress
import Scheduling
import Study

/// `sysdrill optimize [--apply] [--json]`: fit the 21 FSRS-6 weights to this database's
/// review log, as Anki's "Optimize" does (fsrs-rs's method), and optionally use them.
enum OptimizeCommand {
    static let spec = CommandSpec(
        name: "optimize",
        summary: "fit the FSRS parameters to your own review log",
        usage: ["optimize [--apply] [--json]"],
        options: [OptionSpec("apply", help: "save the fitted parameters as fsrs-parameters (card states replayed when FSRS is active)")],
        discussion: """
        Learns from every card's log, retired cards included. Items are built as fsrs-rs (the
        optimizer inside Anki) builds them, rare (first rating, gap) groups are left out as
        outliers, S0 is pre-trained, then Adam and L-BFGS minimize the log loss. The figures
        before and after are on the same items ('sysdrill evaluate' explains them).
        Fewer than 8 items after the outlier filter: nothing is fitted and the current
        parameters stay. Fewer than 64: only the four initial stabilities are fitted.
        --apply saves the parameters unless they predict worse than the current ones (log
        loss); the saved value is exported with the rest of the settings.
        JSON: {"outcome": "fitted"|"initial-stability-only"|"not-enough-data", "reviews",
        "cards", "items", "training_items", "seconds", "parameters", "current_parameters",
        "before": {"log_loss", "rmse_bins", "weighted_log_loss", "weighted_rmse_bins"},
        "after": {...}, "forecast", "applied", "states_recomputed", "note"}.
        forecast: the next 30 days simulated for your memory as the fitted parameters model
        it, with the intervals of the current and of the fitted parameters at your desired
        retention: {"days", "retention", "reviews_per_day": {"current", "fitted"},
        "recall_rate": {"current", "fitted"}, "fewer_reviews_per_day"}.
        """,
        run: run
    )

    static func run(_ invocation: Invocation, _ context: AppContext) throws -> Int32 {
        let apply = invocation.flag("apply")
        let store = try context.store()
        let configuration = try context.configuration(store)
        let current = configuration.scheduler.fsrs.weights
        let line = ProgressLine(context, label: "optimizing")
        let history = try FSRSHistory.load(from: store, calendar: context.calendar(configuration))
        // The polishing's objective on every core: the same weights as on one, in about half the time on two.
        let optimization = FSRSTrainer.optimize(history.set, current: current, runner: PieceRunner(PiecesOnCores.run),
                                                progress: line.update)
        let fitted = FSRSFitText.rounded(optimization.weights)
        let before = FSRSEvaluator.evaluate(history.set, weights: current)
        let after = optimization.outcome == .notEnoughData ? nil : FSRSEvaluator.evaluate(history.set, weights: fitted)
        var forecast: ParameterForecast?
        if optimization.outcome != .notEnoughData {
            let setup = try SimulationSetup(store: store, configuration: configuration, history: history,
                                            calendar: context.calendar(configuration), now: context.now)
            forecast = ParameterForecast(setup, current: current, fitted: fitted)
        }
        line.finish()
        let seconds = line.elapsedSeconds

        var note: String?
        var applied = false, recomputed = 0
        switch optimization.outcome {
        case .notEnoughData:
            note = "not enough history to fit: \(optimization.trainingItems) usable items, at least \(FSRSTrainer.minimumItems) needed "
                + "(an item is a review a study day or more after the card's previous one; a first rating and gap seen on fewer "
                + "than 20 cards is left out as an outlier); the current parameters stay"
        case .initialStabilityOnly, .fitted:
            if optimization.outcome == .initialStabilityOnly {
                note = "only \(optimization.trainingItems) usable items (\(FSRSTrainer.minimumItemsForDescent) needed for all 21): "
                    + "the four initial stabilities were fitted, the rest are the defaults"
            }
            if apply {
                if let before, let after, after.logLoss > before.logLoss {
                    note = (note.map { $0 + "; " } ?? "") + "not applied: the fitted parameters predict your log worse than the current ones"
                } else {
                    recomputed = try FSRSParameterChange.apply(fitted, to: store)
                    applied = true
                }
            }
        }

        if context.json {
            context.print(JSONValue.object([
                "outcome": .string(optimization.outcome.rawValue), "reviews": JSONValue(history.reviews),
                "cards": JSONValue(history.cards), "items": JSONValue(history.set.items.count),
                "training_items": JSONValue(optimization.trainingItems), "seconds": JSONValue(seconds),
                "parameters": FSRSFitText.json(optimization.outcome == .notEnoughData ? current : fitted),
                "current_parameters": FSRSFitText.json(current),
                "before": FSRSFitText.json(before), "after": FSRSFitText.json(after),
                "forecast": forecast?.json ?? .null,
                "applied": .bool(applied), "states_recomputed": JSONValue(recomputed), "note": JSONValue(note),
            ]).serialized(pretty: true))
            return ExitCode.ok
        }
        var text = "review log: \(FSRSFitText.count(history.reviews)) reviews of \(FSRSFitText.count(history.cards)) cards, "
            + "\(FSRSFitText.count(history.set.items.count)) items (\(FSRSFitText.count(optimization.trainingItems)) trained on), "
            + "\(FSRSFitText.fixed(seconds, places: 1)) s\n"
        if optimization.outcome != .notEnoughData {
            text += "fitted parameters: \(FSRSFitText.weightsText(fitted))\n"
        }
        if let before {
            var rows = [("current", before)]
            if let after { rows.append(("fitted", after)) }
            text += FSRSFitText.table(rows)
        }
        if let forecast { text += forecast.text }
        if let note { text += note + "\n" }
        if applied {
            text += "saved as fsrs-parameters"
            text += configuration.scheduler.kind == .fsrs
                ? "; \(recomputed) card state\(recomputed == 1 ? "" : "s") recomputed from the review log\n"
                : " (used once 'sysdrill config set scheduler fsrs')\n"
        } else if !apply && optimization.outcome != .notEnoughData {
            text += "not saved: 'sysdrill optimize --apply' uses them\n"
        }
        context.stdout.write(text)
        return ExitCode.ok
    }
}
