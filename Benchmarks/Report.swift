/// One scenario's figures and its verdict.
struct Measurement {
    let scenario: String
    /// Wall time of each run, in seconds; empty when the scenario could not run.
    var times: [Double] = []
    /// Largest peak RSS over the runs, in bytes (0: not measured).
    var peakBytes = 0
    var referenceName: String?
    var referenceTimes: [Double] = []
    /// Why there is no reference figure ("units not installed").
    var referenceNote: String?
    var target: Target = .none
    /// Whether the 64 MiB memory budget applies (scenarios on the 100k deck).
    var memoryBudget: Int?
    /// Why the scenario did not run at all.
    var unavailable: String?
    /// Anki's backend doing the same work in-process (issue 18), in seconds per run; empty
    /// with `ankiNote` saying why, or nil note and no times: no Anki column for this row.
    var ankiTimes: [Double] = []
    var ankiNote: String?
    var hasAnkiColumn = false

    enum Target {
        case none
        /// Median / reference median at most this.
        case ratio(Double)
        /// Median under this many seconds.
        case seconds(Double)
    }

    init(_ scenario: String) {
        self.scenario = scenario
    }

    var median: Double? { Statistics.median(times) }
    var ankiMedian: Double? { Statistics.median(ankiTimes) }

    /// Sets this row's Anki figures.
    mutating func compare(withAnki times: [Double], note: String?) {
        hasAnkiColumn = true
        ankiTimes = times
        ankiNote = note
    }
    var referenceMedian: Double? { Statistics.median(referenceTimes) }
    var ratio: Double? {
        guard let median, let referenceMedian, referenceMedian > 0 else { return nil }
        return median / referenceMedian
    }

    /// nil when there is nothing to judge (no target), or when a ratio target cannot be
    /// judged for want of the reference tool and nothing else failed.
    var passed: Bool? {
        guard unavailable == nil, let median else { return nil }
        var verdicts: [Bool] = []
        var undecided = false
        switch target {
        case .none: break
        case .ratio(let limit):
            if let ratio { verdicts.append(ratio <= limit) } else { undecided = true }
        case .seconds(let limit): verdicts.append(median < limit)
        }
        if let budget = memoryBudget, peakBytes > 0 { verdicts.append(peakBytes < budget) }
        if verdicts.contains(false) { return false }
        return undecided || verdicts.isEmpty ? nil : true
    }

    var targetText: String {
        var parts: [String] = []
        switch target {
        case .none: break
        case .ratio(let limit): parts.append(limit == 1 ? "≤ 1x ref" : "≤ \(Format.number(limit, digits: 0))x ref")
        case .seconds(let limit):
            parts.append(limit < 1 ? "< \(Format.number(limit * 1000, digits: 0)) ms" : "< \(Format.number(limit, digits: 0)) s")
        }
        if let budget = memoryBudget { parts.append("< \(budget >> 20) MiB") }
        return parts.isEmpty ? "—" : parts.joined(separator: ", ")
    }
}

enum Statistics {
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}

enum Format {
    /// Fixed-point text without Foundation's formatters.
    static func number(_ value: Double, digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        var text = (value < 0 && scaled > 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let fraction = Int(scaled) - whole * Int(scale)
            var fractionText = String(fraction)
            while fractionText.count < digits { fractionText = "0" + fractionText }
            text += "." + fractionText
        }
        return text
    }

    /// Milliseconds below 10 s, seconds above.
    static func duration(_ seconds: Double?) -> String {
        guard let seconds else { return "n/a" }
        if seconds < 0.01 { return number(seconds * 1000, digits: 2) + " ms" }
        if seconds < 10 { return number(seconds * 1000, digits: 1) + " ms" }
        return number(seconds, digits: 2) + " s"
    }

    static func mebibytes(_ bytes: Int) -> String {
        bytes == 0 ? "—" : number(Double(bytes) / 1_048_576, digits: 1) + " MiB"
    }

    static func padded(_ text: String, _ width: Int) -> String {
        let count = text.unicodeScalars.count
        return count >= width ? text : text + String(repeating: " ", count: width - count)
    }
}

enum ReportTable {
    /// A Markdown table (readable in a terminal, pasteable into docs/PERFORMANCE.md).
    static func render(_ measurements: [Measurement]) -> String {
        let header = ["scenario", "median", "runs", "peak RSS", "reference", "ref. median", "ratio", "target", "result",
                      "Anki in-process", "x Anki"]
        var rows: [[String]] = []
        for measurement in measurements {
            if let reason = measurement.unavailable {
                rows.append([measurement.scenario, "not available", "0", "—", measurement.referenceName ?? "—", "—", "—",
                             measurement.targetText, reason, "—", "—"])
                continue
            }
            let reference = measurement.referenceName ?? "—"
            let referenceMedian = measurement.referenceName == nil ? "—"
                : measurement.referenceNote ?? Format.duration(measurement.referenceMedian)
            let ratio = measurement.ratio.map { Format.number($0, digits: 2) + "x" } ?? (measurement.referenceName == nil ? "—" : "n/a")
            let result: String
            switch measurement.passed {
            case .some(true): result = "pass"
            case .some(false): result = "MISS"
            case .none: result = measurement.referenceNote != nil ? "n/a" : "—"
            }
            // Anki: its median (and what differs, if anything), and sysdrill's median over it.
            var anki = "—", overAnki = "—"
            if measurement.hasAnkiColumn {
                let median = measurement.ankiMedian
                anki = median.map { Format.duration($0) + (measurement.ankiNote.map { " (\($0))" } ?? "") }
                    ?? measurement.ankiNote ?? "n/a"
                if let median, median > 0, let own = measurement.median { overAnki = Format.number(own / median, digits: 1) + "x" }
            }
            rows.append([measurement.scenario, Format.duration(measurement.median), String(measurement.times.count),
                         Format.mebibytes(measurement.peakBytes), reference, referenceMedian, ratio, measurement.targetText, result,
                         anki, overAnki])
        }
        var widths = header.map { $0.unicodeScalars.count }
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.unicodeScalars.count) }
        }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { Format.padded($1, widths[$0]) }.joined(separator: " | ") + " |"
        }
        var text = line(header) + "\n"
        text += "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|\n"
        for row in rows { text += line(row) + "\n" }
        return text
    }
}
