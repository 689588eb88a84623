import Study
import Capacity

/// Generates estimation questions from templates with realistic, round random numbers,
/// and works out each answer with the calculator's named calculators (or its expression
/// evaluator and the reference latency table), so the steps shown are the calculator's.
public struct EstimateGenerator {
    let calculator = Calculator(calendar: .gregorian)

    public init() {}

    /// `count` questions drawn from `seed`, going through the kinds in shuffled rounds so
    /// a short drill still covers several kinds; the kinds in `first` (missed on an earlier
    /// day, see `EstimateSpacing`) are asked first, with new numbers.
    public func questions(count: Int, seed: UInt64, first: [EstimateKind] = []) throws -> [EstimateQuestion] {
        var random = PracticeRandom(seed: seed)
        var round: [EstimateKind] = []
        var questions: [EstimateQuestion] = []
        for kind in first.prefix(count) { questions.append(try question(kind, random: &random)) }
        while questions.count < count {
            if round.isEmpty { round = random.shuffled(EstimateKind.allCases) }
            questions.append(try question(round.removeFirst(), random: &random))
        }
        return questions
    }

    public func question(_ kind: EstimateKind, random: inout PracticeRandom) throws -> EstimateQuestion {
        switch kind {
        case .rps, .peak: return try requestRate(kind, random: &random)
        case .storage: return try storage(random: &random)
        case .bandwidth: return try bandwidth(random: &random)
        case .availability: return try availability(random: &random)
        case .servers: return try servers(random: &random)
        case .latency: return try latency(random: &random)
        }
    }

    static let products = ["a photo-sharing app", "a chat service", "a URL shortener", "a news feed", "a ride-hailing app",
                           "a video platform", "a payments API", "a notes app", "a music streaming service", "an online store"]
    static let users: [Double] = [1e6, 2e6, 5e6, 10e6, 20e6, 40e6, 50e6, 100e6, 200e6, 500e6]

    private func requestRate(_ kind: EstimateKind, random: inout PracticeRandom) throws -> EstimateQuestion {
        let product = random.pick(Self.products)
        let dau = random.pick(Self.users)
        let perUser = random.pick([2, 5, 10, 20, 25, 50, 100])
        let peak = random.pick([2, 3, 5])
        var prompt = "\(capitalized(product)) has \(NumberText.compact(dau)) daily active users, each making \(perUser) requests a day."
        let estimate: RequestRateEstimate
        if kind == .peak {
            prompt += " Traffic peaks at \(peak)x the average. Peak requests per second?"
            estimate = RequestRateEstimate(dailyActiveUsers: NumberText.compact(dau), requestsPerUser: "\(perUser)", peakFactor: "\(peak)")
        } else {
            prompt += " Average requests per second?"
            estimate = RequestRateEstimate(dailyActiveUsers: NumberText.compact(dau), requestsPerUser: "\(perUser)")
        }
        return try make(kind, prompt, try estimate.report(), result: kind == .peak ? "peak_rps" : "average_rps")
    }

    private func storage(random: inout PracticeRandom) throws -> EstimateQuestion {
        let dau = random.pick(Self.users.filter { $0 <= 100e6 })
        let writes = random.pick([1, 2, 5, 10])
        let reads = random.pick([10, 25, 50, 100])
        let size = random.pick(["200 B", "500 B", "1 KB", "2 KB", "10 KB", "100 KB", "500 KB", "2 MB"])
        let years = random.pick([1, 3, 5, 10])
        let replication = random.pick([1, 2, 3])
        let prompt = "\(NumberText.compact(dau)) DAU, \(reads) reads and \(writes) write\(writes == 1 ? "" : "s") per user per day, "
            + "\(size) per write, kept \(years) year\(years == 1 ? "" : "s"), replication \(replication): how much storage?"
        // The daily writes are worked out by the calculator too, as the first step.
        let daily = try calculator.evaluate("\(NumberText.compact(dau)) * \(writes) -> 1")
        let items = "\(NumberText.compact(daily.value))/day"
        let report = try StorageEstimate(items: items, size: size, retention: "\(years) years",
                                         replication: replication > 1 ? "\(replication)" : nil).report()
        let first = "writes/day = \(NumberText.compact(dau)) users x \(writes) = \(NumberText.compact(daily.value))/day"
        return try make(.storage, prompt, report, result: "total_storage", firstSteps: [first])
    }

    private func bandwidth(random: inout PracticeRandom) throws -> EstimateQuestion {
        let product = random.pick(Self.products)
        let rate = random.pick([1e3, 2e3, 5e3, 10e3, 20e3, 50e3])
        let size = random.pick(["10 KB", "50 KB", "100 KB", "200 KB", "500 KB", "1 MB", "2 MB"])
        let rateText = Self.thousands(rate)
        let prompt = "\(capitalized(product)) serves \(rateText) requests per second with \(size) responses. Outbound bandwidth (in bits per second)?"
        let report = try BandwidthEstimate(requestRate: rateText, size: size).report()
        return try make(.bandwidth, prompt, report, result: "out_bits_per_second")
    }

    private func availability(random: inout PracticeRandom) throws -> EstimateQuestion {
        if random.int(in: 0...1) == 0 {
            let target = random.pick(["99%", "99.5%", "99.9%", "99.95%", "99.99%"])
            let (period, result) = random.pick([("month", "downtime_per_month"), ("year", "downtime_per_year"), ("week", "downtime_per_week")])
            let prompt = "An SLO of \(target) availability: how much downtime is allowed per \(period)?"
            return try make(.availability, prompt, try AvailabilityEstimate(availability: target).report(), result: result)
        }
        let count = random.int(in: 2...5)
        let each = random.pick(["99.9%", "99.95%", "99.99%"])
        let prompt = "A request passes through \(count) services in series, each \(each) available. Expected downtime per year?"
        let report = try AvailabilityEstimate(serial: Array(repeating: each, count: count)).report()
        return try make(.availability, prompt, report, result: "downtime_per_year")
    }

    private func servers(random: inout PracticeRandom) throws -> EstimateQuestion {
        let peak = random.pick([10e3, 20e3, 50e3, 100e3, 200e3])
        let perServer = random.pick([500, 1_000, 2_000, 5_000])
        let utilization = random.pick([50, 60, 70, 80])
        let peakText = Self.thousands(peak)
        let prompt = "Peak load is \(peakText) requests per second; one server handles \(NumberText.format(Double(perServer))) req/s, "
            + "and you plan for \(utilization)% utilization. How many servers?"
        let report = try ServerCountEstimate(requestRate: peakText, perServer: "\(perServer)", utilization: "\(utilization)%").report()
        return try make(.servers, prompt, report, result: "servers_needed")
    }

    /// Latency templates: an operation of the classic latency table, done N times in a row.
    struct LatencyTemplate {
        let operation: String
        /// "read %@ sequentially from memory": the count or size goes in.
        let phrase: String
        let counts: [Double]
        /// Counts are megabytes (read as MB or GB in the prompt), not repetitions.
        let isSize: Bool
    }

    static let latencyTemplates = [
        LatencyTemplate(operation: "Read 1 MB sequentially from memory", phrase: "read %@ sequentially from memory", counts: [100, 1_000, 4_000, 16_000], isSize: true),
        LatencyTemplate(operation: "Read 1 MB sequentially from an SSD", phrase: "read %@ sequentially from an SSD", counts: [100, 1_000, 10_000], isSize: true),
        LatencyTemplate(operation: "Read 1 MB sequentially from disk", phrase: "read %@ sequentially from a spinning disk", counts: [100, 1_000, 10_000], isSize: true),
        LatencyTemplate(operation: "Disk seek", phrase: "do %@ random disk seeks one after another", counts: [100, 1_000, 10_000], isSize: false),
        LatencyTemplate(operation: "Read 4 KB at random from an SSD", phrase: "do %@ random 4 KB SSD reads one after another", counts: [1_000, 10_000, 100_000], isSize: false),
        LatencyTemplate(operation: "Round trip within the same datacenter", phrase: "make %@ sequential round trips within a datacenter", counts: [10, 100, 1_000], isSize: false),
        LatencyTemplate(operation: "Packet round trip California - Netherlands - California", phrase: "make %@ sequential round trips from California to the Netherlands", counts: [5, 10, 20, 50], isSize: false),
        LatencyTemplate(operation: "Main memory reference", phrase: "make %@ main memory references (cache misses)", counts: [1e6, 10e6, 100e6], isSize: false),
    ]

    private func latency(random: inout PracticeRandom) throws -> EstimateQuestion {
        let template = random.pick(Self.latencyTemplates)
        guard let figure = ReferenceNumbers.latency.first(where: { $0.operation == template.operation }), let seconds = figure.classic else {
            throw CapacityError(.syntax, "no classic latency figure for '\(template.operation)'", span: 0..<0)
        }
        let count = random.pick(template.counts)
        let amount = template.isSize
            ? (count >= 1_000 ? NumberText.format(count / 1_000) + " GB" : NumberText.format(count) + " MB")
            : NumberText.compact(count)
        let prompt = "Using the classic latency numbers, how long does it take to "
            + template.phrase.replacing("%@", with: amount) + "?"
        let each = ReferenceNumbers.latencyText(seconds)
        let evaluation = try calculator.evaluate("\(NumberText.format(count).replacing(",", with: "_")) * \(each)")
        let steps = ["\(figure.operation): \(each) (classic list)",
                     "\(NumberText.compact(count))\(template.isSize ? " MB" : "") x \(each) = \(evaluation.display)"]
        return EstimateQuestion(kind: .latency, prompt: prompt, expected: evaluation.quantity, unit: evaluation.unit,
                                expectedDisplay: evaluation.display, steps: steps, conventions: evaluation.conventions)
    }

    /// The question whose answer is the report's result `name`.
    private func make(_ kind: EstimateKind, _ prompt: String, _ report: CalculationReport, result name: String,
                      firstSteps: [String] = []) throws -> EstimateQuestion {
        guard let result = report.result(named: name) else {
            throw CapacityError(.syntax, "the \(report.calculator) calculator gave no '\(name)'", span: 0..<0)
        }
        let unit = result.unit.isEmpty ? (unit: DisplayUnit.number, dimension: Dimension.none) : try calculator.unit(result.unit)
        let expected = Quantity(value: result.value * unit.unit.factor, dimension: unit.dimension)
        return EstimateQuestion(kind: kind, prompt: prompt, expected: expected, unit: unit.unit, expectedDisplay: result.display,
                                steps: firstSteps + report.steps, conventions: report.conventions)
    }

    /// `20k` for 20,000: how people say request rates (and the calculator reads them).
    static func thousands(_ value: Double) -> String {
        value >= 1_000 && value.truncatingRemainder(dividingBy: 1_000) == 0 ? NumberText.format(value / 1_000) + "k" : NumberText.format(value)
    }

    private func capitalized(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
