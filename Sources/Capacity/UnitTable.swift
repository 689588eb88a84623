// Every unit name the expression language knows. The order matters: when a typo is
// equally close to two names, the earlier one is suggested, so common units come first.
//
// Prefixes are spelled out instead of derived, because the rules differ by family:
// `KB` and `kB` are both 1,000 bytes, `Kb` is 1,000 bits, `KiB` is 1,024 bytes, and the
// all-lowercase `kb`/`mb`/`gb` are refused as ambiguous (see `UnitCatalog.ambiguities`).

enum UnitTable {
    static let all: [UnitDefinition] = time + information + rates + money + counts + numbers

    // MARK: time (base: second)

    static let time: [UnitDefinition] = [
        unit("s", plural: nil, ["s", "sec", "secs"], words: ["second", "seconds"], 1, .time),
        unit("min", plural: nil, ["min", "mins"], words: ["minute", "minutes"], 60, .time),
        unit("h", plural: nil, ["h", "hr", "hrs"], words: ["hour", "hours"], 3_600, .time),
        unit("day", plural: "days", ["d", "day", "days"], words: ["day", "days"], 86_400, .time),
        unit("week", plural: "weeks", ["wk", "wks", "week", "weeks"], words: ["week", "weeks"], 604_800, .time),
        calendarUnit("month", plural: "months", ["mo", "month", "months"], .month),
        calendarUnit("quarter", plural: "quarters", ["qtr", "quarter", "quarters"], .quarter),
        calendarUnit("year", plural: "years", ["y", "yr", "yrs", "year", "years"], .year),
        unit("ms", plural: nil, ["ms", "msec"], words: ["millisecond", "milliseconds"], 1e-3, .time),
        unit("µs", plural: nil, ["µs", "μs", "us", "usec"], words: ["microsecond", "microseconds"], 1e-6, .time),
        unit("ns", plural: nil, ["ns", "nsec"], words: ["nanosecond", "nanoseconds"], 1e-9, .time),
    ]

    // MARK: information (base: byte)

    static let information: [UnitDefinition] = [
        unit("B", plural: nil, ["B"], words: ["byte", "bytes"], 1, .information, style: .bytes),
        unit("KB", plural: nil, ["KB", "kB"], words: ["kilobyte", "kilobytes"], 1e3, .information, style: .bytes),
        unit("MB", plural: nil, ["MB"], words: ["megabyte", "megabytes"], 1e6, .information, style: .bytes),
        unit("GB", plural: nil, ["GB"], words: ["gigabyte", "gigabytes"], 1e9, .information, style: .bytes),
        unit("TB", plural: nil, ["TB"], words: ["terabyte", "terabytes"], 1e12, .information, style: .bytes),
        unit("PB", plural: nil, ["PB"], words: ["petabyte", "petabytes"], 1e15, .information, style: .bytes),
        unit("EB", plural: nil, ["EB"], words: ["exabyte", "exabytes"], 1e18, .information, style: .bytes),
        unit("KiB", plural: nil, ["KiB"], words: ["kibibyte", "kibibytes"], 1_024, .information, style: [.bytes, .binary]),
        unit("MiB", plural: nil, ["MiB"], words: ["mebibyte", "mebibytes"], 1_048_576, .information, style: [.bytes, .binary]),
        unit("GiB", plural: nil, ["GiB"], words: ["gibibyte", "gibibytes"], 1_073_741_824, .information, style: [.bytes, .binary]),
        unit("TiB", plural: nil, ["TiB"], words: ["tebibyte", "tebibytes"], 1_099_511_627_776, .information, style: [.bytes, .binary]),
        unit("PiB", plural: nil, ["PiB"], words: ["pebibyte", "pebibytes"], 1_125_899_906_842_624, .information, style: [.bytes, .binary]),
        unit("EiB", plural: nil, ["EiB"], words: ["exbibyte", "exbibytes"], 1_152_921_504_606_846_976, .information, style: [.bytes, .binary]),
        unit("bit", plural: "bits", ["b", "bit", "bits"], words: ["bit", "bits"], 0.125, .information, style: .bits),
        unit("Kb", plural: nil, ["Kb", "kbit", "Kbit"], words: ["kilobit", "kilobits"], 125, .information, style: .bits),
        unit("Mb", plural: nil, ["Mb", "Mbit"], words: ["megabit", "megabits"], 125e3, .information, style: .bits),
        unit("Gb", plural: nil, ["Gb", "Gbit"], words: ["gigabit", "gigabits"], 125e6, .information, style: .bits),
        unit("Tb", plural: nil, ["Tb", "Tbit"], words: ["terabit", "terabits"], 125e9, .information, style: .bits),
        unit("Pb", plural: nil, ["Pb", "Pbit"], words: ["petabit", "petabits"], 125e12, .information, style: .bits),
        unit("Eb", plural: nil, ["Eb", "Ebit"], words: ["exabit", "exabits"], 125e15, .information, style: .bits),
        unit("Kib", plural: nil, ["Kib", "Kibit"], words: ["kibibit", "kibibits"], 128, .information, style: [.bits, .binary]),
        unit("Mib", plural: nil, ["Mib", "Mibit"], words: ["mebibit", "mebibits"], 131_072, .information, style: [.bits, .binary]),
        unit("Gib", plural: nil, ["Gib", "Gibit"], words: ["gibibit", "gibibits"], 134_217_728, .information, style: [.bits, .binary]),
        unit("Tib", plural: nil, ["Tib", "Tibit"], words: ["tebibit", "tebibits"], 137_438_953_472, .information, style: [.bits, .binary]),
    ]

    // MARK: data rates (base: byte per second)

    static let rates: [UnitDefinition] = [
        unit("bps", plural: nil, ["bps"], words: [], 0.125, .dataRate, style: .bits),
        unit("Kbps", plural: nil, ["Kbps", "kbps"], words: [], 125, .dataRate, style: .bits),
        unit("Mbps", plural: nil, ["Mbps"], words: [], 125e3, .dataRate, style: .bits),
        unit("Gbps", plural: nil, ["Gbps"], words: [], 125e6, .dataRate, style: .bits),
        unit("Tbps", plural: nil, ["Tbps"], words: [], 125e9, .dataRate, style: .bits),
        unit("Pbps", plural: nil, ["Pbps"], words: [], 125e12, .dataRate, style: .bits),
        unit("B/s", plural: nil, ["Bps"], words: [], 1, .dataRate, style: .bytes),
        unit("KB/s", plural: nil, ["KBps", "kBps"], words: [], 1e3, .dataRate, style: .bytes),
        unit("MB/s", plural: nil, ["MBps"], words: [], 1e6, .dataRate, style: .bytes),
        unit("GB/s", plural: nil, ["GBps"], words: [], 1e9, .dataRate, style: .bytes),
        unit("TB/s", plural: nil, ["TBps"], words: [], 1e12, .dataRate, style: .bytes),
        countRate("rps", ["rps", "RPS"], label: "req"),
        countRate("qps", ["qps", "QPS"], label: "query"),
        countRate("tps", ["tps", "TPS"], label: "transaction"),
        countRate("iops", ["iops", "IOPS"], label: "op"),
    ]

    // MARK: money (base: US dollar; `$` itself is a token, see Lexer)

    static let money: [UnitDefinition] = [
        unit("$", plural: nil, ["USD", "usd"], words: ["dollar", "dollars"], 1, .money),
        unit("cent", plural: "cents", ["cent", "cents"], words: ["cent", "cents"], 0.01, .money),
    ]

    // MARK: counts (dimensionless, labelled for display)

    static let counts: [UnitDefinition] = [
        count("req", plural: "req", ["req", "reqs", "request", "requests"]),
        count("query", plural: "queries", ["query", "queries"]),
        // DAU and MAU count users, so `500M DAU * 20 req/user` cancels to requests.
        count("user", plural: "users", ["user", "users", "DAU", "MAU"]),
        count("item", plural: "items", ["item", "items"]),
        count("op", plural: "ops", ["op", "ops", "operation", "operations"]),
        count("read", plural: "reads", ["read", "reads"]),
        count("write", plural: "writes", ["write", "writes"]),
        count("server", plural: "servers", ["server", "servers"]),
        count("instance", plural: "instances", ["instance", "instances"]),
        count("node", plural: "nodes", ["node", "nodes"]),
        count("machine", plural: "machines", ["machine", "machines"]),
        count("message", plural: "messages", ["message", "messages", "msg", "msgs"]),
        count("event", plural: "events", ["event", "events"]),
        count("post", plural: "posts", ["post", "posts"]),
        count("tweet", plural: "tweets", ["tweet", "tweets"]),
        count("photo", plural: "photos", ["photo", "photos"]),
        count("image", plural: "images", ["image", "images"]),
        count("video", plural: "videos", ["video", "videos"]),
        count("file", plural: "files", ["file", "files"]),
        count("object", plural: "objects", ["object", "objects"]),
        count("record", plural: "records", ["record", "records"]),
        count("row", plural: "rows", ["row", "rows"]),
        count("document", plural: "documents", ["document", "documents", "doc", "docs"]),
        count("page", plural: "pages", ["page", "pages"]),
        count("view", plural: "views", ["view", "views"]),
        count("click", plural: "clicks", ["click", "clicks"]),
        count("visit", plural: "visits", ["visit", "visits"]),
        count("session", plural: "sessions", ["session", "sessions"]),
        count("connection", plural: "connections", ["connection", "connections", "conn", "conns"]),
        count("transaction", plural: "transactions", ["transaction", "transactions", "txn", "txns"]),
        count("order", plural: "orders", ["order", "orders"]),
        count("call", plural: "calls", ["call", "calls"]),
        count("key", plural: "keys", ["key", "keys"]),
        count("upload", plural: "uploads", ["upload", "uploads"]),
        count("download", plural: "downloads", ["download", "downloads"]),
        count("replica", plural: "replicas", ["replica", "replicas"]),
        count("disk", plural: "disks", ["disk", "disks"]),
        count("shard", plural: "shards", ["shard", "shards"]),
        count("partition", plural: "partitions", ["partition", "partitions"]),
        count("pod", plural: "pods", ["pod", "pods"]),
    ]

    // MARK: plain numbers

    static let numbers: [UnitDefinition] = [
        number(["hundred"], 1e2),
        number(["thousand"], 1e3),
        number(["million"], 1e6),
        number(["billion"], 1e9),
        number(["trillion"], 1e12),
        number(["percent"], 0.01),
    ]

    // MARK: builders

    private static func unit(_ symbol: String, plural: String?, _ spellings: [String], words: [String],
                             _ factor: Double, _ dimension: Dimension, style: InformationStyle = []) -> UnitDefinition {
        let scale = UnitDefinition.Scale.fixed(factor)
        return UnitDefinition(symbol: symbol, plural: plural, spellings: spellings, words: words, scale: scale,
                              dimension: dimension, label: nil, information: style,
                              displayParts: [DisplayPart(symbol: symbol, plural: plural, dimension: dimension, scale: scale, exponent: 1)])
    }

    private static func calendarUnit(_ symbol: String, plural: String, _ spellings: [String], _ unit: CalendarUnit) -> UnitDefinition {
        let scale = UnitDefinition.Scale.calendar(unit, times: 1)
        return UnitDefinition(symbol: symbol, plural: plural, spellings: spellings, words: [symbol, plural], scale: scale,
                              dimension: .time, label: nil, information: [],
                              displayParts: [DisplayPart(symbol: symbol, plural: plural, dimension: .time, scale: scale, exponent: 1)])
    }

    private static func countRate(_ symbol: String, _ spellings: [String], label: String) -> UnitDefinition {
        let second = DisplayPart(symbol: "s", plural: nil, dimension: .time, scale: .fixed(1), exponent: -1)
        return UnitDefinition(symbol: symbol, plural: nil, spellings: spellings, words: [], scale: .fixed(1),
                              dimension: .frequency, label: label, information: [], displayParts: [second])
    }

    private static func count(_ label: String, plural: String, _ spellings: [String]) -> UnitDefinition {
        UnitDefinition(symbol: label, plural: plural, spellings: spellings, words: spellings, scale: .fixed(1),
                       dimension: .none, label: label, information: [], displayParts: [])
    }

    private static func number(_ words: [String], _ factor: Double) -> UnitDefinition {
        UnitDefinition(symbol: words[0], plural: nil, spellings: words, words: words, scale: .fixed(factor),
                       dimension: .none, label: nil, information: [], displayParts: [])
    }

    /// Plural of a count label for display ("users"), from the table.
    static func plural(ofLabel label: String) -> String {
        counts.first { $0.label == label }?.plural ?? label
    }
}
