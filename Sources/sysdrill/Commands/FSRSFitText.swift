import FSRSOptimizer
import JSONText
import Scheduling
import Study
import Terminal

/// What `evaluate` and `optimize` share: reading `--parameters`, the figures' JSON and
/// text, and the progress line.
enum FSRSFitText {
    /// `--parameters P`: 21 comma-separated weights within the allowed ranges.
    static func parameters(_ text: String, command: String) throws -> [Double] {
        var configuration = StudyConfiguration.defaults
        do {
            try ConfigKey.fsrsParameters.apply(text, to: &configuration)
        } catch {
            let message = error.message.replacingFirst("fsrs-parameters", with: "--parameters")
            throw UsageError(message.contains("--parameters") ? message : "--parameters: " + message, command: command)
        }
        return configuration.scheduler.fsrs.weights
    }

    static func json(_ evaluation: Evaluation?) -> JSONValue {
        guard let evaluation else { return .null }
        return ["log_loss": JSONValue(evaluation.logLoss), "rmse_bins": JSONValue(evaluation.rmseBins),
                "weighted_log_loss": JSONValue(evaluation.weightedLogLoss), "weighted_rmse_bins": JSONValue(evaluation.weightedRMSEBins)]
    }

    static func json(_ weights: [Double]) -> JSONValue {
        .array(weights.map { JSONValue($0) })
    }

    /// Four decimals, as Anki shows them; what is saved is what was evaluated.
    static func rounded(_ weights: [Double]) -> [Double] {
        weights.map { ($0 * 10_000).rounded() / 10_000 }
    }

    static func weightsText(_ weights: [Double]) -> String {
        weights.map { "\($0)" }.joined(separator: ", ")
    }

    /// `value` with `places` decimals (no Foundation formatter).
    static func fixed(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return "n/a" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int64((abs(value) * scale).rounded())
        let whole = scaled / Int64(scale), fraction = scaled % Int64(scale)
        let digits = String(fraction)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return sign + String(whole) + (places > 0 ? "." + String(repeating: "0", count: places - digits.count) + digits : "")
    }

    static func percent(_ value: Double) -> String { fixed(value * 100, places: 2) + "%" }

    static func count(_ number: Int) -> String {
        let digits = String(number)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(character)
        }
        return result
    }

    /// The table rows of `evaluation`: the plain means first (the figures to read), then
    /// the recency-weighted ones fsrs-rs's evaluate returns.
    static func table(_ rows: [(String, Evaluation)]) -> String {
        var text = TextLayout.padRight("", to: 12) + "log loss   RMSE(bins)   weighted: log loss   RMSE(bins)\n"
        for (name, evaluation) in rows {
            text += TextLayout.padRight(name, to: 12) + TextLayout.padRight(fixed(evaluation.logLoss, places: 4), to: 11)
                + TextLayout.padRight(percent(evaluation.rmseBins), to: 23)
                + TextLayout.padRight(fixed(evaluation.weightedLogLoss, places: 4), to: 11) + percent(evaluation.weightedRMSEBins) + "\n"
        }
        return text + "(log loss: mean over items, lower is better; RMSE(bins): predicted vs actual recall\n"
            + " over groups of similar items; weighted: recent items count up to 4x, as fsrs-rs reports)\n"
    }
}

/// "optimizing… 42%" on stderr, only when stderr is a terminal and the run has lasted a
/// second; cleared at the end.
final class ProgressLine {
    private let context: AppContext
    private let clock: SystemClock
    private let started: Int64
    private let label: String
    private var shown = false
    private var lastPercent = -1

    init(_ context: AppContext, label: String) {
        self.context = context
        self.label = label
        clock = context.clock
        started = clock.monotonicMilliseconds()
    }

    var elapsedSeconds: Double { Double(clock.monotonicMilliseconds() - started) / 1000 }

    func update(_ done: Int, _ total: Int) {
        guard context.stderr.isTerminal, total > 0, clock.monotonicMilliseconds() - started >= 1000 else { return }
        let percent = min(100, done * 100 / total)
        guard percent != lastPercent else { return }
        lastPercent = percent
        shown = true
        context.stderr.write("\r\(label)… \(percent)%")
    }

    func finish() {
        if shown { context.stderr.write("\r\u{1B}[K") }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return self[..<range.lowerBound] + replacement + self[range.upperBound...]
    }

    private func range(of target: String) -> Range<String.Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(target) { return index..<self.index(index, offsetBy: target.count) }
            index = self.index(after: index)
        }
        return nil
    }
}
