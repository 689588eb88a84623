// Storage over a retention period:
//   per day = items per day x size
//   raw     = per day x retention
//   total   = raw x (1 + overhead) x replication

public struct StorageEstimate: Sendable {
    /// New items per period: `10M/day`, `115 photos/s`.
    public var items: String
    /// Size of one item: `2MB`.
    public var size: String
    /// How long items are kept: `5y`, `90 days`.
    public var retention: String
    /// Copies kept, at least 1 (1.5 models erasure coding): `3`.
    public var replication: String?
    /// Extra space for indexes, metadata and headroom: `20%`.
    public var overhead: String?

    public init(items: String, size: String, retention: String, replication: String? = nil, overhead: String? = nil) {
        self.items = items
        self.size = size
        self.retention = retention
        self.replication = replication
        self.overhead = overhead
    }

    public func report(calendar: CalendarConvention = .gregorian) throws(CapacityError) -> CalculationReport {
        var report = ReportBuilder("storage", calendar: calendar)
        let rate = try report.rate("items", items, what: "new items", plainPerSecond: false)
        let label = rate.labels.entries.first { $0.exponent > 0 }?.label ?? "item"
        let plural = UnitTable.plural(ofLabel: label)
        report.input("items", text: items, value: rate.value, unit: .perDay(plural))

        let itemSize = try report.amount("size", size, .information, what: "the item size")
        report.input("size", text: size, value: itemSize.value, unit: .information(for: itemSize.value, calendar: calendar))

        let kept = try report.amount("retention", retention, .time, what: "the retention")
        report.input("retention", text: retention, value: kept.value, unit: .duration(for: kept.value, calendar: calendar))

        let bytesPerSecond = rate.value * itemSize.value
        let perDayUnit = DisplayUnit.information(perSecond: bytesPerSecond, per: .day, calendar: calendar)
        let rateUnit = DisplayUnit.byteRate(for: bytesPerSecond, calendar: calendar)
        let perDayText = report.show(bytesPerSecond, perDayUnit)
        report.step("ingest = \(NumberText.compact(rate.value * 86_400)) \(plural)/day x \(report.show(itemSize.value, .information(for: itemSize.value, calendar: calendar))) = \(perDayText) (\(report.show(bytesPerSecond, rateUnit)))")
        report.result("ingest_per_day", "ingest per day", bytesPerSecond, perDayUnit)
        report.result("ingest_rate", "ingest rate", bytesPerSecond, rateUnit)

        let perYear = bytesPerSecond * calendar.secondsPerYear
        report.uses(.year)
        report.result("storage_per_year", "storage per year", perYear, .information(for: perYear, calendar: calendar))

        let raw = bytesPerSecond * kept.value
        let retentionText = report.show(kept.value, .duration(for: kept.value, calendar: calendar))
        let days = DisplayUnit(symbol: "day", plural: "days", factor: 86_400)
        let retentionDetail = kept.value >= 86_400 && !retentionText.hasSuffix("days") && !retentionText.hasSuffix("day")
            ? "\(days.text(for: kept.value / 86_400)) (\(retentionText))" : retentionText
        report.step("raw = \(perDayText) x \(retentionDetail) = \(report.show(raw, .information(for: raw, calendar: calendar)))")
        report.result("raw_storage", "raw storage", raw, .information(for: raw, calendar: calendar))

        var total = raw
        if let overhead {
            let extra = try report.fraction("overhead", overhead, what: "the overhead", maximum: nil)
            report.input("overhead", text: overhead, value: extra, unit: .percent)
            let before = total
            total *= 1 + extra
            report.step("with overhead = \(report.show(before, .information(for: before, calendar: calendar))) x (1 + \(DisplayUnit.percent.text(for: extra * 100))) = \(report.show(total, .information(for: total, calendar: calendar)))")
        }
        if let replication {
            let copies = try report.factor("replication", replication, what: "the replication factor", minimum: 1,
                                           reason: "at least one copy is kept")
            report.input("replication", text: replication, value: copies, unit: .number)
            let before = total
            total *= copies
            report.step("replicated = \(report.show(before, .information(for: before, calendar: calendar))) x \(NumberText.format(copies)) = \(report.show(total, .information(for: total, calendar: calendar)))")
        }
        report.result("total_storage", "total storage", total, .information(for: total, calendar: calendar))
        return report.build()
    }
}
