// The latency and throughput figures behind most back-of-envelope estimates, each with
// where it comes from and when. Values are stored in base units (seconds, bytes per
// second, operations per second); the descriptions are our own wording.

public struct ReferenceSource: Sendable, Equatable {
    public let id: String
    public let title: String
    public let year: Int
    public let url: String?
}

public struct LatencyFigure: Sendable, Equatable {
    public let operation: String
    /// Seconds in the classic list, if it has this row.
    public let classic: Double?
    /// Seconds in the 2020 model, if it has this row.
    public let updated: Double?
    public let note: String?
}

public struct ThroughputFigure: Sendable, Equatable {
    public let figure: String
    /// Bytes per second, or operations per second when `unit` is "ops/s".
    public let value: Double
    public let unit: ThroughputUnit
    public let sourceID: String
    public let note: String?
}

public enum ThroughputUnit: String, Sendable {
    case bytesPerSecond = "B/s"
    case operationsPerSecond = "ops/s"
}

public enum ReferenceNumbers {
    public static let sources: [ReferenceSource] = [
        ReferenceSource(id: "dean2012",
                        title: "Latency numbers from Jeff Dean's talks (2009-2010) and Peter Norvig's 'Teach Yourself Programming in Ten Years' (2001), as collected in the widely shared 2012 list",
                        year: 2012, url: "https://gist.github.com/jboner/2841832"),
        ReferenceSource(id: "scott2020",
                        title: "Colin Scott, 'Latency Numbers Every Programmer Should Know' (interactive page; a trend model, shown for 2020)",
                        year: 2020, url: "https://people.eecs.berkeley.edu/~rcs/research/interactive_latency.html"),
        ReferenceSource(id: "ieee802.3ab", title: "IEEE 802.3ab, Gigabit Ethernet over twisted pair", year: 1999, url: nil),
        ReferenceSource(id: "ieee802.3ae", title: "IEEE 802.3ae, 10 Gigabit Ethernet", year: 2002, url: nil),
        ReferenceSource(id: "ieee802.3ba", title: "IEEE 802.3ba, 40 and 100 Gigabit Ethernet", year: 2010, url: nil),
        ReferenceSource(id: "sata3", title: "Serial ATA revision 3.0 (6 Gbit/s, 8b/10b line coding)", year: 2009, url: nil),
        ReferenceSource(id: "pcie3", title: "PCI Express 3.0 (8 GT/s per lane, 128b/130b line coding)", year: 2010, url: nil),
        ReferenceSource(id: "pcie4", title: "PCI Express 4.0 (16 GT/s per lane, 128b/130b line coding)", year: 2017, url: nil),
        ReferenceSource(id: "ddr4", title: "JEDEC JESD79-4, DDR4 SDRAM (DDR4-3200: 3,200 MT/s on a 64-bit channel)", year: 2012, url: nil),
    ]

    public static let latency: [LatencyFigure] = [
        LatencyFigure(operation: "L1 cache reference", classic: 0.5e-9, updated: 1e-9, note: nil),
        LatencyFigure(operation: "Branch mispredict", classic: 5e-9, updated: 3e-9, note: nil),
        LatencyFigure(operation: "L2 cache reference", classic: 7e-9, updated: 4e-9, note: nil),
        LatencyFigure(operation: "Mutex lock/unlock", classic: 25e-9, updated: 17e-9, note: nil),
        LatencyFigure(operation: "Main memory reference", classic: 100e-9, updated: 100e-9, note: nil),
        LatencyFigure(operation: "Compress 1 KB with a fast compressor (Zippy/Snappy)", classic: 3e-6, updated: 2e-6, note: nil),
        LatencyFigure(operation: "Send 1 KB over a 1 Gbps network", classic: 10e-6, updated: nil, note: nil),
        LatencyFigure(operation: "Send 2 KB over a commodity network", classic: nil, updated: 44e-9, note: "the model's NIC bandwidth doubles every 2 years"),
        LatencyFigure(operation: "Read 4 KB at random from an SSD", classic: 150e-6, updated: 16e-6, note: nil),
        LatencyFigure(operation: "Read 1 MB sequentially from memory", classic: 250e-6, updated: 3e-6, note: nil),
        LatencyFigure(operation: "Round trip within the same datacenter", classic: 500e-6, updated: 500e-6, note: nil),
        LatencyFigure(operation: "Read 1 MB sequentially from an SSD", classic: 1e-3, updated: 49e-6, note: nil),
        LatencyFigure(operation: "Disk seek", classic: 10e-3, updated: 2e-3, note: nil),
        LatencyFigure(operation: "Read 1 MB sequentially from disk", classic: 20e-3, updated: 825e-6, note: "the 2020 model's disk bandwidth is optimistic for one spinning disk"),
        LatencyFigure(operation: "Packet round trip California - Netherlands - California", classic: 150e-3, updated: 150e-3, note: nil),
    ]

    public static let throughput: [ThroughputFigure] = [
        ThroughputFigure(figure: "Gigabit Ethernet line rate (1 Gbps)", value: 125e6, unit: .bytesPerSecond, sourceID: "ieee802.3ab", note: "before protocol overhead"),
        ThroughputFigure(figure: "10 Gigabit Ethernet line rate", value: 1.25e9, unit: .bytesPerSecond, sourceID: "ieee802.3ae", note: nil),
        ThroughputFigure(figure: "100 Gigabit Ethernet line rate", value: 12.5e9, unit: .bytesPerSecond, sourceID: "ieee802.3ba", note: nil),
        ThroughputFigure(figure: "SATA 3 link (SATA SSDs top out here)", value: 600e6, unit: .bytesPerSecond, sourceID: "sata3", note: "6 Gbit/s x 8/10"),
        ThroughputFigure(figure: "PCIe 3.0 x4 link (a typical NVMe SSD)", value: 3.938e9, unit: .bytesPerSecond, sourceID: "pcie3", note: "8 GT/s x 4 lanes x 128/130 / 8"),
        ThroughputFigure(figure: "PCIe 4.0 x4 link", value: 7.877e9, unit: .bytesPerSecond, sourceID: "pcie4", note: "16 GT/s x 4 lanes x 128/130 / 8"),
        ThroughputFigure(figure: "DDR4-3200, one memory channel", value: 25.6e9, unit: .bytesPerSecond, sourceID: "ddr4", note: "3,200 MT/s x 8 bytes"),
        ThroughputFigure(figure: "Sequential memory read (1 MB per 250 µs)", value: 4e9, unit: .bytesPerSecond, sourceID: "dean2012", note: "derived from the classic list"),
        ThroughputFigure(figure: "Sequential SSD read (1 MB per 1 ms)", value: 1e9, unit: .bytesPerSecond, sourceID: "dean2012", note: "derived from the classic list"),
        ThroughputFigure(figure: "Sequential disk read (1 MB per 20 ms)", value: 50e6, unit: .bytesPerSecond, sourceID: "dean2012", note: "derived from the classic list"),
        ThroughputFigure(figure: "Random disk reads (one 10 ms seek each)", value: 100, unit: .operationsPerSecond, sourceID: "dean2012", note: "derived from the classic list"),
        ThroughputFigure(figure: "Sequential datacenter round trips (500 µs each)", value: 2_000, unit: .operationsPerSecond, sourceID: "dean2012", note: "derived from the classic list"),
    ]

    /// Conversions worth knowing by heart, as expressions the calculator evaluates.
    public static let conversions: [String] = [
        "1 day -> s",
        "1 month -> s",
        "1 year -> s",
        "1M req/day -> req/s",
        "1B req/month -> req/s",
        "1 Gbps * 1 day -> TB",
        "1 TB/month -> Mbps",
    ]

    /// A duration in the unit a latency table reads best in: `0.5 ns`, `150 µs`, `10 ms`.
    public static func latencyText(_ seconds: Double) -> String {
        let unit: DisplayUnit
        switch seconds {
        case ..<1e-6: unit = DisplayUnit(symbol: "ns", factor: 1e-9)
        case ..<1e-3: unit = DisplayUnit(symbol: "µs", factor: 1e-6)
        case ..<1: unit = DisplayUnit(symbol: "ms", factor: 1e-3)
        default: unit = DisplayUnit(symbol: "s", factor: 1)
        }
        return unit.text(base: seconds)
    }

    public static func throughputText(_ figure: ThroughputFigure) -> String {
        switch figure.unit {
        case .bytesPerSecond:
            return DisplayUnit.byteRate(for: figure.value, calendar: .gregorian).text(base: figure.value)
        case .operationsPerSecond:
            return DisplayUnit.perSecond("ops").text(base: figure.value)
        }
    }
}
