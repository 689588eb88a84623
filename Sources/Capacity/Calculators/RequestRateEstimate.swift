// Requests per second from daily active users: the first line of most estimates.
//   avg  = DAU x requests per user per day / 86,400 s
//   peak = avg x peak factor
// and, with a read:write ratio, the split of both.

public struct RequestRateEstimate: Sendable {
    /// Daily active users: `100M`.
    public var dailyActiveUsers: String
    /// Requests per user per day: `10`, or a rate such as `10 req/day` or `1 req/h`.
    public var requestsPerUser: String
    /// Peak over average, at least 1: `3`.
    public var peakFactor: String?
    /// `READS:WRITES`, such as `10:1`.
    public var readWriteRatio: String?

    public init(dailyActiveUsers: String, requestsPerUser: String, peakFactor: String? = nil, readWriteRatio: String? = nil) {
        self.dailyActiveUsers = dailyActiveUsers
        self.requestsPerUser = requestsPerUser
        self.peakFactor = peakFactor
        self.readWriteRatio = readWriteRatio
    }

    public func report(calendar: CalendarConvention = .gregorian) throws(CapacityError) -> CalculationReport {
        var report = ReportBuilder("rps", calendar: calendar)
        let users = try report.count("dau", dailyActiveUsers, what: "daily active users")
        let userLabel = users.labels.entries.first?.label ?? "user"
        report.input("dau", text: dailyActiveUsers, value: users.value, unit: .count(userLabel))

        let perUser = try report.read("per-user", requestsPerUser, accepts: [.none, .frequency],
                                      what: "requests per user per day (a number such as 10, or a rate such as '2 req/h')").quantity
        if perUser.value < 0 { throw report.refuse("per-user", requestsPerUser, "requests per user cannot be negative") }
        let perUserPerDay = perUser.dimension == .frequency ? perUser.value * 86_400 : perUser.value
        let label = perUser.labels.entries.first { $0.exponent > 0 }?.label ?? "req"
        let plural = UnitTable.plural(ofLabel: label)
        report.input("per-user", text: requestsPerUser, value: perUserPerDay / 86_400,
                     unit: DisplayUnit(symbol: "\(plural)/\(userLabel)/day", factor: 1 / 86_400))

        let perDay = users.value * perUserPerDay
        let average = perDay / 86_400
        let perSecond = DisplayUnit.perSecond(plural)
        report.step("\(plural)/day = \(NumberText.compact(users.value)) \(UnitTable.plural(ofLabel: userLabel)) x \(NumberText.format(perUserPerDay)) \(plural)/\(userLabel) = \(NumberText.compact(perDay)) \(plural)/day")
        report.step("avg = \(NumberText.compact(users.value)) x \(NumberText.format(perUserPerDay)) / 86,400 s = \(perSecond.text(for: average))")
        report.result("requests_per_day", "\(plural == "req" ? "requests" : plural) per day", average, .perDay(plural))
        report.result("average_rps", "average", average, perSecond)

        var peak: Double?
        if let peakFactor {
            let factor = try report.factor("peak", peakFactor, what: "the peak factor", minimum: 1,
                                           reason: "the peak cannot be below the average")
            report.input("peak", text: peakFactor, value: factor, unit: .number)
            let value = average * factor
            report.step("peak = \(perSecond.text(for: average)) x \(NumberText.format(factor)) = \(perSecond.text(for: value))")
            report.result("peak_rps", "peak", value, perSecond)
            peak = value
        }

        if let readWriteRatio {
            let ratio = try report.ratio("read-write", readWriteRatio)
            let total = ratio.reads + ratio.writes
            report.input("read-write", text: readWriteRatio, value: ratio.reads / total, unit: .number)
            let readShare = "\(NumberText.format(ratio.reads))/\(NumberText.format(total))"
            let writeShare = "\(NumberText.format(ratio.writes))/\(NumberText.format(total))"
            for (name, rate) in [("average", average), ("peak", peak)] {
                guard let rate else { continue }
                let reads = rate * ratio.reads / total
                let writes = rate * ratio.writes / total
                let prefix = name == "peak" ? "peak " : ""
                report.step("\(prefix)reads = \(perSecond.text(for: rate)) x \(readShare) = \(perSecond.text(for: reads))")
                report.step("\(prefix)writes = \(perSecond.text(for: rate)) x \(writeShare) = \(perSecond.text(for: writes))")
                report.result("\(name)_read_rps", "\(prefix)reads", reads, perSecond)
                report.result("\(name)_write_rps", "\(prefix)writes", writes, perSecond)
            }
        }
        return report.build()
    }
}
