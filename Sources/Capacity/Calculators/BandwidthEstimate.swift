// Network bandwidth from a request rate and a payload size, in bytes and bits per
// second. Responses go out; with a read:write ratio, writes upload the payload (in), and
// a request size adds inbound bytes to every request.

public struct BandwidthEstimate: Sendable {
    /// Requests per second (a plain number) or any rate: `10k`, `3M req/day`.
    public var requestRate: String
    /// Payload per request: `200KB`.
    public var size: String
    /// `READS:WRITES`: reads download `size`, writes upload it.
    public var readWriteRatio: String?
    /// Bytes every request sends in (headers, bodies): `2KB`.
    public var requestSize: String?
    /// Peak over average, at least 1.
    public var peakFactor: String?

    public init(requestRate: String, size: String, readWriteRatio: String? = nil, requestSize: String? = nil, peakFactor: String? = nil) {
        self.requestRate = requestRate
        self.size = size
        self.readWriteRatio = readWriteRatio
        self.requestSize = requestSize
        self.peakFactor = peakFactor
    }

    public func report(calendar: CalendarConvention = .gregorian) throws(CapacityError) -> CalculationReport {
        var report = ReportBuilder("bandwidth", calendar: calendar)
        let rate = try report.rate("rps", requestRate, what: "the request rate", plainPerSecond: true)
        let label = UnitTable.plural(ofLabel: rate.labels.entries.first { $0.exponent > 0 }?.label ?? "req")
        let perSecond = DisplayUnit.perSecond(label)
        report.input("rps", text: requestRate, value: rate.value, unit: perSecond)
        let payload = try report.amount("size", size, .information, what: "the payload size")
        let payloadUnit = DisplayUnit.information(for: payload.value, calendar: calendar)
        report.input("size", text: size, value: payload.value, unit: payloadUnit)

        var outbound = rate.value * payload.value
        var inbound: Double?
        if let readWriteRatio {
            let ratio = try report.ratio("read-write", readWriteRatio)
            let total = ratio.reads + ratio.writes
            report.input("read-write", text: readWriteRatio, value: ratio.reads / total, unit: .number)
            let reads = rate.value * ratio.reads / total
            let writes = rate.value * ratio.writes / total
            outbound = reads * payload.value
            inbound = writes * payload.value
            report.step("reads = \(perSecond.text(for: rate.value)) x \(NumberText.format(ratio.reads))/\(NumberText.format(total)) = \(perSecond.text(for: reads)), writes = \(perSecond.text(for: writes))")
            report.step("out = \(perSecond.text(for: reads)) x \(payloadUnit.text(of: payload)) = \(rates(outbound, calendar))")
            report.step("in = \(perSecond.text(for: writes)) x \(payloadUnit.text(of: payload)) = \(rates(inbound ?? 0, calendar))")
        } else {
            report.step("out = \(perSecond.text(for: rate.value)) x \(payloadUnit.text(of: payload)) = \(rates(outbound, calendar))")
        }
        if let requestSize {
            let request = try report.amount("request-size", requestSize, .information, what: "the request size")
            let requestUnit = DisplayUnit.information(for: request.value, calendar: calendar)
            report.input("request-size", text: requestSize, value: request.value, unit: requestUnit)
            let added = rate.value * request.value
            let before = inbound ?? 0
            inbound = before + added
            let sum = before > 0 ? DisplayUnit.byteRate(for: before, calendar: calendar).text(base: before) + " + " : ""
            report.step("in = \(sum)\(perSecond.text(for: rate.value)) x \(requestUnit.text(of: request)) = \(rates(inbound ?? 0, calendar))")
        }
        if inbound == nil {
            report.note("inbound traffic is not modelled: pass --read-write (writes upload --size) or --request-size")
        }

        for (direction, bytes) in [("out", Optional(outbound)), ("in", inbound)] {
            guard let bytes else { continue }
            report.result("\(direction)_bytes_per_second", "\(direction) (bytes)", bytes, .byteRate(for: bytes, calendar: calendar))
            report.result("\(direction)_bits_per_second", "\(direction) (bits)", bytes, .bitRate(for: bytes, calendar: calendar))
        }
        let perDay = DisplayUnit.information(perSecond: outbound, per: .day, calendar: calendar)
        let perMonth = DisplayUnit.information(perSecond: outbound, per: .month, calendar: calendar)
        report.step("out per day = \(report.show(outbound, .byteRate(for: outbound, calendar: calendar))) x 86,400 s = \(report.show(outbound, perDay)); per month = \(report.show(outbound, perMonth))")
        report.result("out_per_day", "out per day", outbound, perDay)
        report.result("out_per_month", "out per month", outbound, perMonth)

        if let peakFactor {
            let factor = try report.factor("peak", peakFactor, what: "the peak factor", minimum: 1,
                                           reason: "the peak cannot be below the average")
            report.input("peak", text: peakFactor, value: factor, unit: .number)
            for (direction, bytes) in [("out", Optional(outbound)), ("in", inbound)] {
                guard let bytes else { continue }
                let bits = DisplayUnit.bitRate(for: bytes * factor, calendar: calendar)
                report.step("peak \(direction) = \(DisplayUnit.bitRate(for: bytes, calendar: calendar).text(base: bytes)) x \(NumberText.format(factor)) = \(bits.text(base: bytes * factor))")
                report.result("peak_\(direction)_bits_per_second", "peak \(direction) (bits)", bytes * factor, bits)
            }
        }
        return report.build()
    }

    /// `2 GB/s = 16 Gbps`
    private func rates(_ bytesPerSecond: Double, _ calendar: CalendarConvention) -> String {
        let bytes = DisplayUnit.byteRate(for: bytesPerSecond, calendar: calendar)
        let bits = DisplayUnit.bitRate(for: bytesPerSecond, calendar: calendar)
        return "\(bytes.text(base: bytesPerSecond)) = \(bits.text(base: bytesPerSecond))"
    }
}
