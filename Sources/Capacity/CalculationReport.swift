// What a named calculator returns: the inputs as read, the steps as an interviewer would
// write them, the results, and the calendar conventions behind them. The CLI prints it
// as text or JSON; nothing here prints.

public struct ReportInput: Sendable, Equatable {
    /// The option it came from: "dau", "size".
    public let name: String
    /// As typed.
    public let text: String
    /// The value in `unit`, rounded to 12 significant digits.
    public let value: Double
    public let unit: String
    public let display: String
}

public struct ReportResult: Sendable, Equatable {
    /// Stable, snake_case: "average_rps", "total_storage".
    public let name: String
    /// For people: "average".
    public let label: String
    /// The value in `unit`, rounded to 12 significant digits.
    public let value: Double
    public let unit: String
    public let display: String
}

public struct CalculationReport: Sendable {
    /// "rps", "storage", ...
    public let calculator: String
    public let inputs: [ReportInput]
    public let steps: [String]
    public let results: [ReportResult]
    public let conventions: [String]
    /// Assumptions and readings worth knowing ("example prices, not current quotes").
    public let notes: [String]

    public func result(named name: String) -> ReportResult? {
        results.first { $0.name == name }
    }
}

/// Collects a report while a calculator runs.
struct ReportBuilder {
    let calculator: String
    let calendar: CalendarConvention
    private var inputs: [ReportInput] = []
    private(set) var steps: [String] = []
    private var results: [ReportResult] = []
    private var notes: [String] = []
    private var calendarUnits: Set<CalendarUnit> = []

    init(_ calculator: String, calendar: CalendarConvention) {
        self.calculator = calculator
        self.calendar = calendar
    }

    var evaluator: Calculator { Calculator(calendar: calendar) }

    mutating func step(_ text: String) { steps.append(text) }

    mutating func note(_ text: String) { if !notes.contains(text) { notes.append(text) } }

    mutating func uses(_ unit: CalendarUnit) { calendarUnits.insert(unit) }

    mutating func input(_ name: String, text: String, value: Double, unit: DisplayUnit) {
        calendarUnits.formUnion(unit.calendarUnits)
        inputs.append(ReportInput(name: name, text: text, value: NumberText.rounded(value / unit.factor), unit: unit.symbol,
                                  display: unit.text(for: value / unit.factor)))
    }

    /// Records a result; `value` is in base units and shown in `unit`.
    mutating func result(_ name: String, _ label: String, _ value: Double, _ unit: DisplayUnit) {
        calendarUnits.formUnion(unit.calendarUnits)
        let shown = NumberText.rounded(value / unit.factor)
        results.append(ReportResult(name: name, label: label, value: shown, unit: unit.symbol, display: unit.text(for: shown)))
    }

    /// Records a result whose display text is built by the caller (durations with parts).
    mutating func result(_ name: String, _ label: String, _ value: Double, _ unit: DisplayUnit, display: String) {
        calendarUnits.formUnion(unit.calendarUnits)
        results.append(ReportResult(name: name, label: label, value: NumberText.rounded(value / unit.factor), unit: unit.symbol, display: display))
    }

    /// Shows `value` (base units) in `unit`, and remembers any calendar unit it needs.
    mutating func show(_ value: Double, _ unit: DisplayUnit) -> String {
        calendarUnits.formUnion(unit.calendarUnits)
        return unit.text(for: value / unit.factor)
    }

    func build() -> CalculationReport {
        CalculationReport(calculator: calculator, inputs: inputs, steps: steps, results: results,
                          conventions: calendar.conventions(for: calendarUnits), notes: notes)
    }

    // MARK: reading inputs

    /// Evaluates one input, checking its dimension against what the calculator accepts.
    /// Errors name the field and point into its text.
    mutating func read(_ field: String, _ text: String, accepts dimensions: [Dimension], what: String) throws(CapacityError) -> Evaluation {
        let evaluation: Evaluation
        do throws(CapacityError) {
            evaluation = try evaluator.evaluate(text)
        } catch {
            throw error.with(input: text, field: field)
        }
        // A field that cannot take a size cannot have meant bytes by '1.5B' (it would be
        // refused), so the note would only repeat itself there; elsewhere it shows once.
        let takesSizes = dimensions.contains { $0.information != 0 }
        for note in evaluation.notes {
            if Calculator.isMagnitudeNote(note) && (!takesSizes || notes.contains(where: Calculator.isMagnitudeNote)) { continue }
            self.note(note)
        }
        guard dimensions.contains(evaluation.quantity.dimension) else {
            throw CapacityError(.dimensionMismatch, "expected \(what), but '\(text)' is \(evaluation.quantity.dimension)",
                                span: 0..<text.unicodeScalars.count, input: text, field: field)
        }
        calendarUnits.formUnion(evaluation.calendarUnits)
        return evaluation
    }

    /// An error about the whole of an input's text.
    func refuse(_ field: String, _ text: String, _ message: String, kind: CapacityError.Kind = .outOfRange) -> CapacityError {
        CapacityError(kind, message, span: 0..<text.unicodeScalars.count, input: text, field: field)
    }

    /// A plain count, at least zero: `100M`, `100M users`, `3 billion`.
    mutating func count(_ field: String, _ text: String, what: String, whole: Bool = false) throws(CapacityError) -> Quantity {
        let quantity = try read(field, text, accepts: [.none], what: what + " (a plain number such as 100M)").quantity
        if quantity.value < 0 { throw refuse(field, text, "\(what) cannot be negative, got \(NumberText.format(quantity.value))") }
        if whole && quantity.value != quantity.value.rounded() {
            throw refuse(field, text, "\(what) must be a whole number, got \(NumberText.format(quantity.value))")
        }
        return quantity
    }

    /// A rate per second. A plain number means per second when `plainPerSecond`, else a
    /// rate must be written (`10M/day`).
    mutating func rate(_ field: String, _ text: String, what: String, plainPerSecond: Bool) throws(CapacityError) -> Quantity {
        let accepted: [Dimension] = plainPerSecond ? [.frequency, .none] : [.frequency]
        var quantity = try read(field, text, accepts: accepted, what: what + " (a rate such as '10M/day' or '30k req/s')").quantity
        if quantity.dimension == .none {
            quantity = quantity / Quantity(value: 1, dimension: .time)
        }
        if quantity.value < 0 { throw refuse(field, text, "\(what) cannot be negative") }
        return quantity
    }

    /// A non-negative quantity of one dimension (a size, a duration).
    mutating func amount(_ field: String, _ text: String, _ dimension: Dimension, what: String,
                         positive: Bool = false) throws(CapacityError) -> Quantity {
        let example = dimension.example.map { " such as '\($0)'" } ?? ""
        let quantity = try read(field, text, accepts: [dimension], what: "\(what) (\(dimension)\(example))").quantity
        if quantity.value < 0 { throw refuse(field, text, "\(what) cannot be negative") }
        if positive && quantity.value == 0 { throw refuse(field, text, "\(what) must be more than zero") }
        return quantity
    }

    /// A fraction written as a percentage (`70%`) or a number from 0 to 1 (`0.7`).
    /// Plain numbers above 1 are refused, since `70` almost certainly meant 70%.
    mutating func fraction(_ field: String, _ text: String, what: String, allowZero: Bool = true,
                           maximum: Double? = 1) throws(CapacityError) -> Double {
        let evaluation = try read(field, text, accepts: [.none], what: "\(what) (a percentage such as 70%)")
        let value = NumberText.rounded(evaluation.quantity.value)
        if value > 1 && !text.contains("%") && !text.contains("percent") {
            throw refuse(field, text, "\(what) is a percentage: write '\(NumberText.format(value))%' (or \(NumberText.format(value / 100)) as a fraction)")
        }
        if value < 0 { throw refuse(field, text, "\(what) cannot be negative, got \(NumberText.format(value * 100))%") }
        if !allowZero && value == 0 { throw refuse(field, text, "\(what) must be above 0%") }
        if let maximum, value > maximum {
            throw refuse(field, text, "\(what) must be at most \(NumberText.format(maximum * 100))%, got \(NumberText.format(value * 100))%")
        }
        return value
    }

    /// A multiplier of at least `minimum` (peak factor, replication).
    mutating func factor(_ field: String, _ text: String, what: String, minimum: Double, reason: String) throws(CapacityError) -> Double {
        let value = try read(field, text, accepts: [.none], what: "\(what) (a plain number such as 3)").quantity.value
        if NumberText.rounded(value) < minimum {
            throw refuse(field, text, "\(what) must be at least \(NumberText.format(minimum)) (\(reason)), got \(NumberText.format(value))")
        }
        return value
    }

    /// `READS:WRITES`, each side an expression: `10:1`, `4:1`, `95:5`.
    mutating func ratio(_ field: String, _ text: String) throws(CapacityError) -> (reads: Double, writes: Double) {
        let scalars = Array(text.unicodeScalars)
        let colons = scalars.indices.filter { scalars[$0] == ":" }
        guard colons.count == 1 else {
            let span = colons.count > 1 ? colons[1]..<(colons[1] + 1) : 0..<scalars.count
            throw CapacityError(.syntax, "expected READS:WRITES with one ':', such as 10:1", span: span, input: text, field: field)
        }
        let colon = colons[0]
        var sides: [Double] = []
        for (range, name) in [(0..<colon, "the read share"), ((colon + 1)..<scalars.count, "the write share")] {
            var part = ""
            part.unicodeScalars.append(contentsOf: scalars[range])
            do throws(CapacityError) {
                let evaluation = try evaluator.evaluate(part)
                guard evaluation.quantity.dimension == .none else {
                    throw CapacityError(.dimensionMismatch, "\(name) must be a plain number, but '\(part)' is \(evaluation.quantity.dimension)",
                                        span: 0..<range.count)
                }
                guard evaluation.quantity.value >= 0 else {
                    throw CapacityError(.outOfRange, "\(name) cannot be negative", span: 0..<range.count)
                }
                sides.append(evaluation.quantity.value)
            } catch {
                throw error.shifted(by: range.lowerBound, input: text).with(input: text, field: field)
            }
        }
        guard sides[0] + sides[1] > 0 else {
            throw refuse(field, text, "reads and writes cannot both be zero")
        }
        return (sides[0], sides[1])
    }
}
