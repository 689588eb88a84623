import Capacity

/// The named calculators under `sysdrill calc`. Every option value is an expression in
/// the calculator language; options take every word up to the next option, so
/// `--retention 5 year` works without quotes.
enum CalcCalculatorCommands {
    static let all: [CommandSpec] = [rps, storage, bandwidth, availability, servers, cost]

    /// Each calculator's report from its parsed options, without printing: the drill's
    /// calculator line (`= rps --dau 100M --per-user 10`) uses them too.
    static func report(named name: String, _ invocation: Invocation, calendar: CalendarConvention) throws -> CalculationReport? {
        switch name {
        case "rps": return try makeRps(invocation, calendar: calendar)
        case "storage": return try makeStorage(invocation, calendar: calendar)
        case "bandwidth": return try makeBandwidth(invocation, calendar: calendar)
        case "availability": return try makeAvailability(invocation, calendar: calendar)
        case "servers": return try makeServers(invocation, calendar: calendar)
        case "cost": return try makeCost(invocation, calendar: calendar)
        default: return nil
        }
    }

    private static func expression(_ name: String, _ valueName: String, _ help: String) -> OptionSpec {
        OptionSpec(name, .values, valueName: valueName, help: help)
    }

    private static let common = [CalcCommand.calendarOption, CalcCommand.quietOption]

    // MARK: rps

    static let rps = CommandSpec(
        name: "rps",
        summary: "requests per second from daily active users",
        usage: ["calc rps --dau USERS --per-user N [--peak FACTOR] [--read-write R:W]"],
        options: [
            expression("dau", "USERS", "daily active users, e.g. 100M"),
            expression("per-user", "N", "requests per user per day (10), or a rate ('2 req/h')"),
            expression("peak", "FACTOR", "peak over average, at least 1, e.g. 3"),
            OptionSpec("read-write", .value, valueName: "R:W", help: "read:write ratio, e.g. 10:1"),
        ] + common,
        discussion: "Example:\n  sysdrill calc rps --dau 100M --per-user 10 --peak 3 --read-write 10:1",
        run: { invocation, context in try report(invocation, context) { calendar in try makeRps(invocation, calendar: calendar) } }
    )

    static func makeRps(_ invocation: Invocation, calendar: CalendarConvention) throws -> CalculationReport {
        let estimate = RequestRateEstimate(
            dailyActiveUsers: try required(invocation, "dau", "daily active users, e.g. --dau 100M"),
            requestsPerUser: try required(invocation, "per-user", "requests per user per day, e.g. --per-user 10"),
            peakFactor: optional(invocation, "peak"),
            readWriteRatio: optional(invocation, "read-write"))
        return try estimate.report(calendar: calendar)
    }

    // MARK: storage

    static let storage = CommandSpec(
        name: "storage",
        summary: "storage needed for items kept over a retention period",
        usage: ["calc storage --items RATE --size SIZE --retention TIME [--replication N] [--overhead PERCENT]"],
        options: [
            expression("items", "RATE", "new items per period, e.g. 10M/day"),
            expression("size", "SIZE", "size of one item, e.g. 2MB"),
            expression("retention", "TIME", "how long items are kept, e.g. 5y or '5 year'"),
            expression("replication", "N", "copies kept, at least 1 (default 1)"),
            expression("overhead", "PERCENT", "extra space for indexes and metadata, e.g. 20% (default 0%)"),
        ] + common,
        discussion: "Example:\n  sysdrill calc storage --items 10M/day --size 2MB --retention 5y --replication 3 --overhead 20%",
        run: { invocation, context in try report(invocation, context) { calendar in try makeStorage(invocation, calendar: calendar) } }
    )

    static func makeStorage(_ invocation: Invocation, calendar: CalendarConvention) throws -> CalculationReport {
        let estimate = StorageEstimate(
            items: try required(invocation, "items", "new items per period, e.g. --items 10M/day"),
            size: try required(invocation, "size", "the size of one item, e.g. --size 2MB"),
            retention: try required(invocation, "retention", "how long items are kept, e.g. --retention 5y"),
            replication: optional(invocation, "replication"),
            overhead: optional(invocation, "overhead"))
        return try estimate.report(calendar: calendar)
    }

    // MARK: bandwidth

    static let bandwidth = CommandSpec(
        name: "bandwidth",
        summary: "network bandwidth in and out, in bytes and bits per second",
        usage: ["calc bandwidth --rps RATE --size SIZE [--read-write R:W] [--request-size SIZE] [--peak FACTOR]"],
        options: [
            expression("rps", "RATE", "requests per second (10k) or any rate ('3M req/day')"),
            expression("size", "SIZE", "payload per request, e.g. 200KB (sent out; uploaded by writes)"),
            OptionSpec("read-write", .value, valueName: "R:W", help: "reads download --size, writes upload it, e.g. 10:1"),
            expression("request-size", "SIZE", "bytes every request sends in, e.g. 1KB"),
            expression("peak", "FACTOR", "peak over average, at least 1"),
        ] + common,
        discussion: "Example:\n  sysdrill calc bandwidth --rps 10k --size 200KB --read-write 10:1",
        run: { invocation, context in try report(invocation, context) { calendar in try makeBandwidth(invocation, calendar: calendar) } }
    )

    static func makeBandwidth(_ invocation: Invocation, calendar: CalendarConvention) throws -> CalculationReport {
        let estimate = BandwidthEstimate(
            requestRate: try required(invocation, "rps", "the request rate, e.g. --rps 10k"),
            size: try required(invocation, "size", "the payload per request, e.g. --size 200KB"),
            readWriteRatio: optional(invocation, "read-write"),
            requestSize: optional(invocation, "request-size"),
            peakFactor: optional(invocation, "peak"))
        return try estimate.report(calendar: calendar)
    }

    // MARK: availability

    static let availability = CommandSpec(
        name: "availability",
        summary: "downtime allowed by an availability target; error budgets; serial and parallel composition",
        usage: [
            "calc availability PERCENT [--used TIME] [--window TIME]",
            "calc availability [PERCENT] --serial PERCENT... | --parallel PERCENT...",
        ],
        options: [
            OptionSpec("serial", .values, valueName: "PERCENT", help: "components that must all be up (composed with PERCENT)"),
            OptionSpec("parallel", .values, valueName: "PERCENT", help: "redundant components, one of which is enough"),
            expression("used", "TIME", "downtime already spent in the window, e.g. 20min"),
            expression("window", "TIME", "error-budget window (default: 1 month), e.g. '28 days'"),
        ] + common,
        positionals: 0...1,
        discussion: """
        Put PERCENT before the options, or quote option values with spaces: options take
        every following word.

        Examples:
          sysdrill calc availability 99.95%
          sysdrill calc availability 99.9% --used 20min
          sysdrill calc availability --serial 99.9% 99.95%
          sysdrill calc availability --parallel 99% 99%
        """,
        run: { invocation, context in try report(invocation, context) { calendar in try makeAvailability(invocation, calendar: calendar) } }
    )

    static func makeAvailability(_ invocation: Invocation, calendar: CalendarConvention) throws -> CalculationReport {
        let serial = invocation.values("serial")
        let parallel = invocation.values("parallel")
        if !serial.isEmpty && !parallel.isEmpty {
            throw UsageError("give either --serial or --parallel, not both", command: invocation.commandName)
        }
        let target = invocation.positionals.first
        if target == nil && serial.isEmpty && parallel.isEmpty {
            throw UsageError("give an availability (e.g. 99.95%), --serial or --parallel", command: invocation.commandName)
        }
        let estimate = AvailabilityEstimate(availability: target, serial: serial, parallel: parallel,
                                            used: optional(invocation, "used"), window: optional(invocation, "window"))
        return try estimate.report(calendar: calendar)
    }

    // MARK: servers

    static let servers = CommandSpec(
        name: "servers",
        summary: "servers needed for a load",
        usage: ["calc servers --rps RATE --per-server RATE [--utilization PERCENT] [--spares N]"],
        options: [
            expression("rps", "RATE", "the load, per second when a plain number, e.g. 30k"),
            expression("per-server", "RATE", "what one server handles, per second when a plain number, e.g. 2k"),
            expression("utilization", "PERCENT", "highest planned utilization, above 0% (default 100%), e.g. 70%"),
            expression("spares", "N", "extra servers for failures and deploys (default 0)"),
        ] + common,
        discussion: "Example:\n  sysdrill calc servers --rps 30k --per-server 2k --utilization 70% --spares 1",
        run: { invocation, context in try report(invocation, context) { calendar in try makeServers(invocation, calendar: calendar) } }
    )

    static func makeServers(_ invocation: Invocation, calendar: CalendarConvention) throws -> CalculationReport {
        let estimate = ServerCountEstimate(
            requestRate: try required(invocation, "rps", "the load, e.g. --rps 30k"),
            perServer: try required(invocation, "per-server", "what one server handles, e.g. --per-server 2k"),
            utilization: optional(invocation, "utilization"),
            spares: optional(invocation, "spares"))
        return try estimate.report(calendar: calendar)
    }

    // MARK: cost

    static let cost = CommandSpec(
        name: "cost",
        summary: "monthly cost of compute, storage and egress from unit prices you give",
        usage: ["calc cost [--instances N --instance-hourly PRICE] [--storage SIZE --storage-monthly PRICE] [--egress SIZE --egress-price PRICE] [--example]"],
        options: [
            expression("instances", "N", "instances running all month"),
            expression("instance-hourly", "PRICE", "price per instance-hour, e.g. '$0.10/h'"),
            expression("storage", "SIZE", "data stored, e.g. 50TB"),
            expression("storage-monthly", "PRICE", "price per GB-month, e.g. '$0.023/GB/month'"),
            expression("egress", "SIZE", "data sent out per month (10TB) or a rate (100 Mbps)"),
            expression("egress-price", "PRICE", "price per amount sent, e.g. '$0.09/GB'"),
            OptionSpec("example", help: "use example prices (not current quotes) for prices not given"),
        ] + common,
        discussion: """
        There are no built-in prices. Pass your own, or --example to fill missing ones from
        an example set that is labelled "example prices, not current quotes" in the output.
        Quote prices: the shell expands '$0' inside double quotes or bare words.

        Example:
          sysdrill calc cost --instances 10 --instance-hourly '$0.10/h' --storage 50TB --storage-monthly '$0.023/GB'
          sysdrill calc cost --instances 10 --storage 50TB --egress 10TB --example
        """,
        run: { invocation, context in try report(invocation, context) { calendar in try makeCost(invocation, calendar: calendar) } }
    )

    static func makeCost(_ invocation: Invocation, calendar: CalendarConvention) throws -> CalculationReport {
        let example = invocation.flag("example")
        let estimate = CostEstimate(
            instances: optional(invocation, "instances"), instanceHourly: optional(invocation, "instance-hourly"),
            storage: optional(invocation, "storage"), storageMonthly: optional(invocation, "storage-monthly"),
            egress: optional(invocation, "egress"), egressPrice: optional(invocation, "egress-price"),
            useExamplePrices: example)
        guard estimate.hasAnyPart else {
            throw UsageError("nothing to price: give --instances, --storage or --egress", command: invocation.commandName)
        }
        for (amount, price) in [("instances", "instance-hourly"), ("storage", "storage-monthly"), ("egress", "egress-price")] {
            if invocation.flag(amount) && !invocation.flag(price) && !example {
                throw UsageError("--\(amount) needs --\(price) (or --example for example prices)", command: invocation.commandName)
            }
            if invocation.flag(price) && !invocation.flag(amount) {
                throw UsageError("--\(price) needs --\(amount)", command: invocation.commandName)
            }
        }
        return try estimate.report(calendar: calendar)
    }

    // MARK: helpers

    /// An option's words joined with spaces, or nil when absent.
    static func optional(_ invocation: Invocation, _ name: String) -> String? {
        let words = invocation.values(name)
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    static func required(_ invocation: Invocation, _ name: String, _ what: String) throws -> String {
        guard let text = optional(invocation, name) else {
            throw UsageError("missing --\(name): \(what)", command: invocation.commandName)
        }
        return text
    }

    /// Reads `--calendar`, runs a calculator and prints its report; calculator errors
    /// become carets (or JSON), usage errors JSON too under `--json`.
    static func report(_ invocation: Invocation, _ context: AppContext,
                       _ make: (CalendarConvention) throws -> CalculationReport) throws -> Int32 {
        try CalcOutput.run(context) {
            let calendar = try CalcCommand.calendar(from: invocation)
            CalcOutput.write(try make(calendar), quiet: invocation.flag("quiet"), context: context)
        }
    }
}
