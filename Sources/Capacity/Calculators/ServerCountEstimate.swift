// How many servers a load needs:
//   usable per server = capacity x target utilization
//   servers = ceil(load / usable) + spares
// The division is rounded to 12 significant digits before the ceiling, so floating-point
// noise never buys an extra server.

public struct ServerCountEstimate: Sendable {
    /// The load, per second when a plain number: `30k`, `2.6B req/day`.
    public var requestRate: String
    /// What one server handles, per second when a plain number: `2k`.
    public var perServer: String
    /// The highest utilization to plan for, above 0% and at most 100%: `70%`.
    public var utilization: String?
    /// Extra servers for failures and deploys, a whole number: `1`.
    public var spares: String?

    public init(requestRate: String, perServer: String, utilization: String? = nil, spares: String? = nil) {
        self.requestRate = requestRate
        self.perServer = perServer
        self.utilization = utilization
        self.spares = spares
    }

    public func report(calendar: CalendarConvention = .gregorian) throws(CapacityError) -> CalculationReport {
        var report = ReportBuilder("servers", calendar: calendar)
        let load = try report.rate("rps", requestRate, what: "the load", plainPerSecond: true)
        let label = UnitTable.plural(ofLabel: load.labels.entries.first { $0.exponent > 0 }?.label ?? "req")
        let perSecond = DisplayUnit.perSecond(label)
        report.input("rps", text: requestRate, value: load.value, unit: perSecond)
        let capacity = try report.rate("per-server", perServer, what: "the capacity of one server", plainPerSecond: true)
        if capacity.value == 0 { throw report.refuse("per-server", perServer, "the capacity of one server must be more than zero") }
        report.input("per-server", text: perServer, value: capacity.value, unit: perSecond)

        var usable = capacity.value
        if let utilization {
            let target = try report.fraction("utilization", utilization, what: "the utilization", allowZero: false)
            report.input("utilization", text: utilization, value: target, unit: .percent)
            usable = capacity.value * target
            report.step("usable per server = \(perSecond.text(for: capacity.value)) x \(DisplayUnit.percent.text(for: target * 100)) = \(perSecond.text(for: usable))")
        }
        let exact = load.value / usable
        let needed = NumberText.ceiling(exact)
        report.step("servers = ceil(\(perSecond.text(for: load.value)) / \(perSecond.text(for: usable))) = ceil(\(NumberText.format(exact))) = \(NumberText.format(needed))")
        report.result("servers_needed", "servers needed", needed, .count("server"))

        var total = needed
        if let spares {
            let extra = try report.count("spares", spares, what: "the number of spares", whole: true).value
            report.input("spares", text: spares, value: extra, unit: .count("server"))
            total += extra
            report.step("total = \(NumberText.format(needed)) + \(NumberText.format(extra)) \(extra == 1 ? "spare" : "spares") = \(NumberText.format(total))")
        }
        report.result("total_servers", "total servers", total, .count("server"))
        if needed > 0 {
            let each = load.value / needed
            report.result("load_per_server", "load per server", each, perSecond)
            report.result("utilization_per_server", "utilization per server", each / capacity.value, .percent)
        }
        return report.build()
    }
}
