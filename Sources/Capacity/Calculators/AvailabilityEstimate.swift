// Downtime allowed by an availability target, error budgets, and composed availability:
//   downtime per period = (1 - availability) x period
//   serial   = a1 x a2 x ...                 (every part must be up)
//   parallel = 1 - (1 - a1) x (1 - a2) x ... (one part up is enough)

public struct AvailabilityEstimate: Sendable {
    /// The target: `99.95%` (or a fraction such as `0.9995`).
    public var availability: String?
    /// Components that must all be up; composed with `availability` when both are given.
    public var serial: [String]
    /// Redundant components of which one is enough.
    public var parallel: [String]
    /// Downtime already spent in the window: `20min`.
    public var used: String?
    /// The error-budget window; a month when not given: `28 days`.
    public var window: String?

    public init(availability: String? = nil, serial: [String] = [], parallel: [String] = [], used: String? = nil, window: String? = nil) {
        self.availability = availability
        self.serial = serial
        self.parallel = parallel
        self.used = used
        self.window = window
    }

    public func report(calendar: CalendarConvention = .gregorian) throws(CapacityError) -> CalculationReport {
        var report = ReportBuilder("availability", calendar: calendar)
        var components: [Double] = []
        var readFields: [(field: String, text: String)] = []
        if let availability { readFields.append(("availability", availability)) }
        if !serial.isEmpty && !parallel.isEmpty {
            throw CapacityError(.syntax, "give either serial or parallel components, not both", span: 0..<0, field: "parallel")
        }
        for text in serial { readFields.append(("serial", text)) }
        for text in parallel { readFields.append(("parallel", text)) }
        guard !readFields.isEmpty else {
            throw CapacityError(.emptyInput, "give an availability such as 99.95%", span: 0..<0, field: "availability")
        }
        for (field, text) in readFields {
            let value = try Self.readAvailability(field, text, report: &report)
            report.input(field, text: text, value: value, unit: .percent)
            components.append(value)
        }

        var target = components[0]
        if components.count > 1 {
            let shown = components.map(Self.percentText)
            if parallel.isEmpty {
                target = components.reduce(1, *)
                report.step("serial = \(shown.joined(separator: " x ")) = \(Self.percentText(target))")
            } else {
                let down = components.reduce(1) { $0 * (1 - $1) }
                target = 1 - down
                report.step("parallel = 1 - \(shown.map { "(1 - \($0))" }.joined(separator: " x ")) = \(Self.percentText(target))")
            }
        }
        let unavailable = 1 - target
        report.result("availability", "availability", target, .percent, display: Self.percentText(target))
        report.step("unavailability = 100% - \(Self.percentText(target)) = \(Self.fractionText(unavailable))")

        let periods: [(name: String, period: Period, length: String)] = [
            ("year", .year, calendar == .gregorian ? "365.2425 days" : "365 days"),
            ("quarter", .quarter, calendar == .gregorian ? "91.31 days" : "90 days"),
            ("month", .month, calendar == .gregorian ? "30.44 days" : "30 days"),
            ("week", .week, "7 days"),
            ("day", .day, "24 h"),
        ]
        for entry in periods {
            let seconds = unavailable * entry.period.seconds(calendar)
            let unit = DisplayUnit.duration(for: seconds, calendar: calendar)
            if let calendarUnit = entry.period.calendarUnit { report.uses(calendarUnit) }
            let display = Self.durationText(seconds, unit)
            report.step("per \(entry.name) = \(Self.fractionText(unavailable)) x \(entry.length) = \(display)")
            report.result("downtime_per_\(entry.name)", "downtime per \(entry.name)", seconds, unit, display: display)
        }

        if let used {
            let spent = try report.amount("used", used, .time, what: "the downtime used")
            report.input("used", text: used, value: spent.value, unit: .duration(for: spent.value, calendar: calendar))
            var windowSeconds = calendar.secondsPerMonth
            var windowName = "month"
            if let window {
                windowSeconds = try report.amount("window", window, .time, what: "the budget window", positive: true).value
                windowName = DisplayUnit.duration(for: windowSeconds, calendar: calendar).text(base: windowSeconds)
                report.input("window", text: window, value: windowSeconds, unit: .duration(for: windowSeconds, calendar: calendar))
            } else {
                report.uses(.month)
            }
            let budget = unavailable * windowSeconds
            let remaining = budget - spent.value
            let budgetUnit = DisplayUnit.duration(for: budget, calendar: calendar)
            report.step("budget per \(windowName) = \(Self.fractionText(unavailable)) x \(DisplayUnit.duration(for: windowSeconds, calendar: calendar).text(base: windowSeconds)) = \(Self.durationText(budget, budgetUnit))")
            report.result("error_budget", "error budget per \(windowName)", budget, budgetUnit, display: Self.durationText(budget, budgetUnit))
            let spentText = DisplayUnit.duration(for: spent.value, calendar: calendar).text(base: spent.value)
            if budget > 0 {
                let fractionUsed = spent.value / budget
                report.result("budget_used", "budget used", fractionUsed, .percent)
                let remainingUnit = DisplayUnit.duration(for: abs(remaining), calendar: calendar)
                let remainingText = remaining >= 0
                    ? Self.durationText(remaining, remainingUnit)
                    : "exceeded by " + Self.durationText(-remaining, remainingUnit)
                let plainRemaining = remaining >= 0 ? remainingUnit.text(base: remaining) : "exceeded by " + remainingUnit.text(base: -remaining)
                report.step("remaining = \(budgetUnit.text(base: budget)) - \(spentText) = \(plainRemaining); \(DisplayUnit.percent.text(base: fractionUsed)) of the budget used")
                report.result("budget_remaining", "budget remaining", remaining, remainingUnit, display: remainingText)
            } else {
                report.step("a 100% target leaves no error budget: \(spentText) of downtime already breaks it")
                report.result("budget_remaining", "budget remaining", -spent.value, .duration(for: spent.value, calendar: calendar),
                              display: spent.value > 0 ? "exceeded by \(spentText)" : "0 s")
            }
        }
        return report.build()
    }

    static func readAvailability(_ field: String, _ text: String, report: inout ReportBuilder) throws(CapacityError) -> Double {
        let evaluation = try report.read(field, text, accepts: [.none], what: "an availability (a percentage such as 99.95%)")
        let value = NumberText.rounded(evaluation.quantity.value)
        if value > 1 && value <= 100 && !text.contains("%") && !text.contains("percent") {
            throw report.refuse(field, text, "availability must be between 0% and 100%; did you mean \(NumberText.format(value))%?")
        }
        guard (0...1).contains(value) else {
            throw report.refuse(field, text, "availability must be between 0% and 100%, got \(NumberText.format(value * 100))%")
        }
        return value
    }

    /// An availability with enough decimals to show three significant digits of what is
    /// missing from 100%: `99.95%`, `99.9999%`, `99.85%`.
    public static func percentText(_ fraction: Double) -> String {
        let missing = (1 - fraction) * 100
        if missing <= 0 { return "100%" }
        if fraction <= 0 { return "0%" }
        let decimals = max(0, min(15, 2 - NumberText.decimalExponent(missing)))
        return NumberText.fixed(fraction * 100, decimals: decimals, trimZeros: true) + "%"
    }

    /// A small fraction as a percentage with four significant digits: `0.05%`.
    static func fractionText(_ fraction: Double) -> String {
        NumberText.significant(NumberText.rounded(fraction * 100), digits: NumberText.displayDigits) + "%"
    }

    /// `4.383 h (4 h 22 min 58 s)`
    static func durationText(_ seconds: Double, _ unit: DisplayUnit) -> String {
        let plain = unit.text(base: seconds)
        guard let parts = DurationText.breakdown(seconds), parts != plain else { return plain }
        return "\(plain) (\(parts))"
    }
}
