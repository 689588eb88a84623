import Testing
@testable import Capacity

/// Each named calculator against values worked out by hand (in the comments).
@Suite("named calculators")
struct CalculatorReportTests {
    /// The value of a named result, in its display unit.
    func value(_ report: CalculationReport, _ name: String) -> Double? {
        report.result(named: name)?.value
    }

    // MARK: rps

    struct RateCase: Sendable, CustomTestStringConvertible {
        let dau: String, perUser: String, peak: String?, ratio: String?
        let expected: [String: Double]
        var testDescription: String { "\(dau) x \(perUser)" }
    }

    static let rateCases: [RateCase] = [
        // 100M x 10 = 1e9 req/day; / 86,400 = 11,574.074 req/s; x 3 = 34,722.2;
        // reads 10/11 of each, writes 1/11.
        RateCase(dau: "100M", perUser: "10", peak: "3", ratio: "10:1", expected: [
            "requests_per_day": 1e9, "average_rps": 11_574.0740741, "peak_rps": 34_722.2222222,
            "average_read_rps": 10_521.8855219, "average_write_rps": 1_052.18855219,
            "peak_read_rps": 31_565.6565657, "peak_write_rps": 3_156.56565657,
        ]),
        // 1M users x 2 req/h = 48 req/day each; 48e6 / 86,400 = 555.56 req/s.
        RateCase(dau: "1M users", perUser: "2 req/h", peak: nil, ratio: nil, expected: [
            "requests_per_day": 48e6, "average_rps": 555.555555556,
        ]),
        // 500M x 20 = 1e10 req/day = 115,740.74 req/s; 4:1 -> 92,592.6 reads.
        RateCase(dau: "500M", perUser: "20", peak: nil, ratio: "4:1", expected: [
            "average_rps": 115_740.740741, "average_read_rps": 92_592.5925926, "average_write_rps": 23_148.1481481,
        ]),
    ]

    @Test(arguments: rateCases)
    func requestRate(_ testCase: RateCase) throws {
        let report = try RequestRateEstimate(dailyActiveUsers: testCase.dau, requestsPerUser: testCase.perUser,
                                             peakFactor: testCase.peak, readWriteRatio: testCase.ratio).report()
        for (name, expected) in testCase.expected {
            let actual = try #require(value(report, name), "missing \(name)")
            #expect(isClose(actual, expected), "\(name): \(actual) != \(expected)")
        }
    }

    @Test func requestRateStepsAndDisplay() throws {
        let report = try RequestRateEstimate(dailyActiveUsers: "100M", requestsPerUser: "10", peakFactor: "3").report()
        #expect(report.steps.contains("avg = 100M x 10 / 86,400 s = 11,574 req/s"))
        #expect(report.steps.contains("peak = 11,574 req/s x 3 = 34,722 req/s"))
        #expect(report.result(named: "average_rps")?.display == "11,574 req/s")
        #expect(report.result(named: "average_rps")?.unit == "req/s")
        #expect(report.inputs.map(\.name) == ["dau", "per-user", "peak"])
        #expect(report.conventions.isEmpty)   // only days were used
    }

    // MARK: storage

    @Test func storageGregorian() throws {
        // 10M/day x 2 MB = 2e13 B/day = 20 TB/day; x 5 x 365.2425 days = 3.652425e16 B;
        // x 1.2 x 3 = 1.314873e17 B; per year 2e13 x 365.2425 = 7.30485e15 B.
        let report = try StorageEstimate(items: "10M/day", size: "2MB", retention: "5y", replication: "3", overhead: "20%").report()
        #expect(report.result(named: "ingest_per_day")?.display == "20 TB/day")
        #expect(isClose(value(report, "ingest_rate") ?? 0, 231.481481481))       // MB/s
        #expect(report.result(named: "ingest_rate")?.unit == "MB/s")
        #expect(isClose(value(report, "raw_storage") ?? 0, 36.52425))             // PB
        #expect(isClose(value(report, "total_storage") ?? 0, 131.4873))           // PB
        #expect(report.result(named: "total_storage")?.unit == "PB")
        #expect(isClose(value(report, "storage_per_year") ?? 0, 7.30485))         // PB
        #expect(report.conventions == ["year = 365.2425 days = 31,556,952 s (Gregorian average)"])
    }

    @Test func storageThirtyDayCalendarAndBinarySizes() throws {
        // 1,000 items/s x 2 KiB = 2,048,000 B/s; x 30 days (2,592,000 s) = 5.308416e12 B = 5.308416 TB.
        let report = try StorageEstimate(items: "1000/s", size: "2KiB", retention: "1 month").report(calendar: .thirtyDay)
        #expect(isClose(value(report, "raw_storage") ?? 0, 5.308416))
        #expect(report.result(named: "raw_storage")?.unit == "TB")
        #expect(report.conventions.contains("month = 30 days = 2,592,000 s (30-day calendar)"))
        // 365-day year: 2,048,000 x 31,536,000 = 6.4585728e13 B.
        #expect(isClose(value(report, "storage_per_year") ?? 0, 64.585728))
    }

    @Test func storageOptionsAcceptWords() throws {
        // "5 year" and "10M photos/day" are expressions like any other.
        let report = try StorageEstimate(items: "10M photos/day", size: "2 MB", retention: "5 year").report()
        #expect(isClose(value(report, "raw_storage") ?? 0, 36.52425))
        #expect(report.steps.first?.contains("10M photos/day") == true)
    }

    // MARK: bandwidth

    @Test func bandwidthOut() throws {
        // 10k x 200 KB = 2e9 B/s = 16 Gbps; x 86,400 = 1.728e14 B/day; x 2,629,746 s = 5.259492e15 B/month.
        let report = try BandwidthEstimate(requestRate: "10k", size: "200KB").report()
        #expect(report.result(named: "out_bytes_per_second")?.display == "2 GB/s")
        #expect(report.result(named: "out_bits_per_second")?.display == "16 Gbps")
        #expect(isClose(value(report, "out_per_day") ?? 0, 172.8))
        #expect(isClose(value(report, "out_per_month") ?? 0, 5.259492))
        #expect(report.result(named: "in_bytes_per_second") == nil)
        #expect(report.notes.contains { $0.contains("not modelled") })
    }

    @Test func bandwidthReadWriteSplit() throws {
        // reads 10/11 x 10k = 9,090.9/s x 200 KB = 1.8182e9 B/s; writes 909.09/s x 200 KB = 1.8182e8 B/s,
        // plus 10k x 1 KB = 1e7 B/s in; peak x2.
        let report = try BandwidthEstimate(requestRate: "10k", size: "200KB", readWriteRatio: "10:1", requestSize: "1KB",
                                           peakFactor: "2").report()
        #expect(isClose(value(report, "out_bytes_per_second") ?? 0, 1.81818181818))   // GB/s
        #expect(isClose(value(report, "in_bytes_per_second") ?? 0, 191.818181818))    // MB/s
        #expect(isClose(value(report, "in_bits_per_second") ?? 0, 1.53454545455))     // Gbps
        #expect(isClose(value(report, "peak_out_bits_per_second") ?? 0, 29.0909090909)) // Gbps
    }

    // MARK: availability

    @Test func availabilityDowntime() throws {
        // 0.05% of 31,556,952 s = 15,778.476 s = 4.38291 h; of 2,629,746 s = 1,314.873 s = 21.91455 min;
        // of a day 43.2 s; of a week 302.4 s = 5.04 min.
        let report = try AvailabilityEstimate(availability: "99.95%").report()
        #expect(report.result(named: "availability")?.display == "99.95%")
        #expect(isClose(value(report, "availability") ?? 0, 99.95))
        #expect(isClose(value(report, "downtime_per_year") ?? 0, 4.38291))
        #expect(report.result(named: "downtime_per_year")?.unit == "h")
        #expect(report.result(named: "downtime_per_year")?.display == "4.383 h (4 h 22 min 58 s)")
        #expect(isClose(value(report, "downtime_per_month") ?? 0, 21.91455))
        #expect(isClose(value(report, "downtime_per_week") ?? 0, 5.04))
        #expect(report.result(named: "downtime_per_day")?.display == "43.2 s")
        #expect(report.conventions.count == 3)
    }

    @Test func availabilityThirtyDayCalendar() throws {
        // 0.05% of 30 days (2,592,000 s) = 1,296 s = 21.6 min; of 365 days = 15,768 s = 4.38 h.
        let report = try AvailabilityEstimate(availability: "0.9995").report(calendar: .thirtyDay)
        #expect(isClose(value(report, "downtime_per_month") ?? 0, 21.6))
        #expect(isClose(value(report, "downtime_per_year") ?? 0, 4.38))
    }

    @Test func availabilityComposition() throws {
        // serial: 0.999 x 0.9995 = 0.9985005; parallel: 1 - 0.01 x 0.01 = 0.9999.
        let serial = try AvailabilityEstimate(serial: ["99.9%", "99.95%"]).report()
        #expect(isClose(value(serial, "availability") ?? 0, 99.85005))
        #expect(serial.result(named: "availability")?.display == "99.85%")
        let parallel = try AvailabilityEstimate(parallel: ["99%", "99%"]).report()
        #expect(isClose(value(parallel, "availability") ?? 0, 99.99))
        // The positional target joins the chain: 0.999 x 0.999 x 0.999 = 0.997002999.
        let chained = try AvailabilityEstimate(availability: "99.9%", serial: ["99.9%", "99.9%"]).report()
        #expect(isClose(value(chained, "availability") ?? 0, 99.7002999))
    }

    @Test func errorBudget() throws {
        // 0.1% of 2,629,746 s = 2,629.746 s = 43.8291 min; 20 min used leaves 23.8291 min;
        // 1,200 / 2,629.746 = 45.63178% used.
        let report = try AvailabilityEstimate(availability: "99.9%", used: "20min").report()
        #expect(isClose(value(report, "error_budget") ?? 0, 43.8291))
        #expect(isClose(value(report, "budget_remaining") ?? 0, 23.8291))
        #expect(isClose(value(report, "budget_used") ?? 0, 45.6317834498))
        // A 28-day window: 0.1% of 2,419,200 s = 2,419.2 s = 40.32 min.
        let window = try AvailabilityEstimate(availability: "99.9%", used: "50 min", window: "28 days").report()
        #expect(isClose(value(window, "error_budget") ?? 0, 40.32))
        #expect(window.result(named: "budget_remaining")?.display.hasPrefix("exceeded by 9.68 min") == true)
    }

    // MARK: servers

    struct ServerCase: Sendable, CustomTestStringConvertible {
        let rps: String, perServer: String, utilization: String?, spares: String?
        let needed: Double, total: Double
        var testDescription: String { "\(rps) / \(perServer)" }
    }

    static let serverCases: [ServerCase] = [
        // 30,000 / (2,000 x 0.7) = 21.43 -> 22, + 1 spare = 23.
        ServerCase(rps: "30k", perServer: "2k", utilization: "70%", spares: "1", needed: 22, total: 23),
        // 0.9 / 0.0003 is 3000.0000000000005 in floating point: still 3,000 servers.
        ServerCase(rps: "0.9", perServer: "0.0003", utilization: nil, spares: nil, needed: 3_000, total: 3_000),
        // 100 / 10 = 10 exactly at 100%.
        ServerCase(rps: "100", perServer: "10", utilization: "100%", spares: "0", needed: 10, total: 10),
        // 2.6B req/day = 30,092.6 req/s; / 1,000 = 30.09 -> 31.
        ServerCase(rps: "2.6B req/day", perServer: "1000 req/s", utilization: nil, spares: "2", needed: 31, total: 33),
        // No load, no servers, but spares still count.
        ServerCase(rps: "0", perServer: "1k", utilization: nil, spares: "1", needed: 0, total: 1),
    ]

    @Test(arguments: serverCases)
    func servers(_ testCase: ServerCase) throws {
        let report = try ServerCountEstimate(requestRate: testCase.rps, perServer: testCase.perServer,
                                             utilization: testCase.utilization, spares: testCase.spares).report()
        #expect(value(report, "servers_needed") == testCase.needed)
        #expect(value(report, "total_servers") == testCase.total)
    }

    // MARK: cost

    @Test func costFromGivenPrices() throws {
        // compute 10 x $0.10 x 730.485 h = $730.485; storage 50,000 GB x $0.023 = $1,150;
        // egress 10,000 GB x $0.09 = $900; total $2,780.485/month; x 12 = $33,365.82/year.
        let report = try CostEstimate(instances: "10", instanceHourly: "$0.10/h", storage: "50TB", storageMonthly: "$0.023/GB",
                                      egress: "10TB", egressPrice: "$0.09/GB").report()
        #expect(isClose(value(report, "compute_monthly") ?? 0, 730.485))
        #expect(isClose(value(report, "storage_monthly") ?? 0, 1_150))
        #expect(isClose(value(report, "egress_monthly") ?? 0, 900))
        #expect(isClose(value(report, "total_monthly") ?? 0, 2_780.485))
        #expect(isClose(value(report, "total_yearly") ?? 0, 33_365.82))
        #expect(report.result(named: "total_monthly")?.display == "$2,780.49/month")
        #expect(report.notes.isEmpty)
    }

    @Test func costWithExamplePricesIsLabelled() throws {
        // 30-day month: 10 x $0.10 x 720 h = $720.
        let report = try CostEstimate(instances: "10", useExamplePrices: true).report(calendar: .thirtyDay)
        #expect(isClose(value(report, "compute_monthly") ?? 0, 720))
        #expect(report.notes.contains { $0.hasPrefix("example prices, not current quotes") })
        #expect(report.inputs.contains { $0.name == "instance-hourly" && $0.text.hasSuffix("(example)") })
    }

    @Test func costEgressAsARate() throws {
        // 100 Mbps = 12.5 MB/s; x 2,629,746 s = 32.871825 TB/month; x $0.09/GB = $2,958.46.
        let report = try CostEstimate(egress: "100 Mbps", egressPrice: "$0.09/GB").report()
        #expect(isClose(value(report, "egress_monthly") ?? 0, 2_958.46425))
    }

    @Test func stepsNeverShowFloatingPointNoise() throws {
        let reports = [
            try RequestRateEstimate(dailyActiveUsers: "300M", requestsPerUser: "0.1").report(),
            try StorageEstimate(items: "0.1/s", size: "0.3 KB", retention: "7 days").report(),
            try ServerCountEstimate(requestRate: "0.9", perServer: "0.0003").report(),
        ]
        for report in reports {
            for line in report.steps + report.results.map(\.display) {
                #expect(!line.contains("0000000"), "noise in '\(line)'")
                #expect(!line.contains("9999999"), "noise in '\(line)'")
            }
        }
    }
}
