// Monthly cost of compute, storage and egress from unit prices the user passes. There
// are no built-in "current" prices: cloud prices change and differ by region, so a
// calculator that pretended to know them would be wrong without saying so. The example
// set below exists for practice and is labelled as such wherever it is used.

public struct CostEstimate: Sendable {
    /// Instances running all month: `10`.
    public var instances: String?
    /// Price of one instance-hour: `$0.10/h` (a bare amount means per hour).
    public var instanceHourly: String?
    /// Data stored (average over the month): `50TB`.
    public var storage: String?
    /// Storage price per GB-month: `$0.023/GB/month` (`$0.023/GB` means per month).
    public var storageMonthly: String?
    /// Data sent out per month (`10TB`), or a rate (`100 Mbps`) turned into a month of it.
    public var egress: String?
    /// Egress price per amount: `$0.09/GB`.
    public var egressPrice: String?
    /// Fill prices that were not given from `CostEstimate.examplePrices`.
    public var useExamplePrices: Bool

    /// Illustrative prices in the range of public cloud list prices of the early 2020s.
    /// Not current quotes, not any provider's price list.
    public static let examplePrices = (instanceHourly: "$0.10/h", storageMonthly: "$0.023/GB/month", egressPrice: "$0.09/GB")
    public static let exampleLabel = "example prices, not current quotes: $0.10 per instance-hour, $0.023 per GB-month stored, $0.09 per GB sent out"

    public init(instances: String? = nil, instanceHourly: String? = nil, storage: String? = nil, storageMonthly: String? = nil,
                egress: String? = nil, egressPrice: String? = nil, useExamplePrices: Bool = false) {
        self.instances = instances
        self.instanceHourly = instanceHourly
        self.storage = storage
        self.storageMonthly = storageMonthly
        self.egress = egress
        self.egressPrice = egressPrice
        self.useExamplePrices = useExamplePrices
    }

    /// Which parts are priced: a part counts when its amount is given.
    public var hasAnyPart: Bool { instances != nil || storage != nil || egress != nil }

    public func report(calendar: CalendarConvention = .gregorian) throws(CapacityError) -> CalculationReport {
        var report = ReportBuilder("cost", calendar: calendar)
        let month = calendar.secondsPerMonth
        let perMonth = DisplayUnit.money(per: .month, calendar: calendar)
        report.uses(.month)
        var totals: [(String, Double)] = []

        /// The price given for a part, else the example price (noted) when allowed.
        func price(_ given: String?, example: String, field: String) throws(CapacityError) -> (String, Bool) {
            if let given { return (given, false) }
            guard useExamplePrices else {
                throw CapacityError(.emptyInput, "no price given: pass --\(field), or --example for example prices", span: 0..<0, field: field)
            }
            report.note(Self.exampleLabel)
            return (example, true)
        }

        if let instances {
            let count = try report.count("instances", instances, what: "the number of instances", whole: true).value
            report.input("instances", text: instances, value: count, unit: .count("instance"))
            let (priceText, example) = try price(instanceHourly, example: Self.examplePrices.instanceHourly, field: "instance-hourly")
            let hourly = try report.read("instance-hourly", priceText, accepts: [.money, Dimension(time: -1, money: 1)],
                                         what: "a price per instance-hour such as '$0.10/h'").quantity
            let perSecond = hourly.dimension == .money ? hourly.value / 3_600 : hourly.value
            if perSecond < 0 { throw report.refuse("instance-hourly", priceText, "a price cannot be negative") }
            let hourUnit = DisplayUnit.money(per: .hour, calendar: calendar)
            report.input("instance-hourly", text: priceText + (example ? " (example)" : ""), value: perSecond, unit: hourUnit)
            let cost = count * perSecond
            let hours = NumberText.format(NumberText.rounded(month / 3_600))
            report.step("compute = \(NumberText.format(count)) \(count == 1 ? "instance" : "instances") x \(hourUnit.text(base: perSecond)) x \(hours) h/month = \(perMonth.text(base: cost))")
            report.result("compute_monthly", "compute", cost, perMonth)
            totals.append(("compute", cost))
        }

        if let storage {
            let stored = try report.amount("storage", storage, .information, what: "the data stored")
            let (priceText, example) = try price(storageMonthly, example: Self.examplePrices.storageMonthly, field: "storage-monthly")
            let price = try report.read("storage-monthly", priceText,
                                        accepts: [Dimension(information: -1, money: 1), Dimension(time: -1, information: -1, money: 1)],
                                        what: "a price per GB-month such as '$0.023/GB/month'").quantity
            let perByteSecond = price.dimension.time == 0 ? price.value / month : price.value
            if perByteSecond < 0 { throw report.refuse("storage-monthly", priceText, "a price cannot be negative") }
            let written = AutomaticUnit.writtenInformationUnit(price)
            let priceUnit = DisplayUnit(symbol: "$/\(written.symbol)/month", factor: 1 / (written.factor * month), calendarUnits: [.month])
            report.input("storage", text: storage, value: stored.value, unit: .information(for: stored.value, calendar: calendar))
            report.input("storage-monthly", text: priceText + (example ? " (example)" : ""), value: perByteSecond, unit: priceUnit)
            let cost = stored.value * perByteSecond
            let storedText = DisplayUnit.information(for: stored.value, calendar: calendar).text(base: stored.value)
            let inPriceUnit = DisplayUnit(symbol: written.symbol, factor: written.factor).text(base: stored.value)
            let converted = inPriceUnit == storedText ? "" : " (\(inPriceUnit))"
            report.step("storage = \(storedText)\(converted) x \(priceUnit.text(base: perByteSecond)) = \(perMonth.text(base: cost))")
            report.result("storage_monthly", "storage", cost, perMonth)
            totals.append(("storage", cost))
        }

        if let egress {
            let sent = try report.read("egress", egress, accepts: [.information, .dataRate],
                                       what: "data sent out per month such as '10TB', or a rate such as '100 Mbps'").quantity
            if sent.value < 0 { throw report.refuse("egress", egress, "egress cannot be negative") }
            let bytesPerMonth = sent.dimension == .dataRate ? sent.value * month : sent.value
            let monthUnit = DisplayUnit.information(perSecond: bytesPerMonth / month, per: .month, calendar: calendar)
            report.input("egress", text: egress, value: bytesPerMonth / month, unit: monthUnit)
            if sent.dimension == .dataRate {
                report.step("egress = \(DisplayUnit.byteRate(for: sent.value, calendar: calendar).text(base: sent.value)) x 1 month = \(monthUnit.text(base: bytesPerMonth / month))")
            }
            let (priceText, example) = try price(egressPrice, example: Self.examplePrices.egressPrice, field: "egress-price")
            let price = try report.read("egress-price", priceText, accepts: [Dimension(information: -1, money: 1)],
                                        what: "a price per amount sent such as '$0.09/GB'").quantity
            if price.value < 0 { throw report.refuse("egress-price", priceText, "a price cannot be negative") }
            let written = AutomaticUnit.writtenInformationUnit(price)
            let priceUnit = DisplayUnit(symbol: "$/\(written.symbol)", factor: 1 / written.factor)
            report.input("egress-price", text: priceText + (example ? " (example)" : ""), value: price.value, unit: priceUnit)
            let cost = bytesPerMonth * price.value / month
            report.step("egress = \(monthUnit.text(base: bytesPerMonth / month)) x \(priceUnit.text(base: price.value)) = \(perMonth.text(base: cost))")
            report.result("egress_monthly", "egress", cost, perMonth)
            totals.append(("egress", cost))
        }

        guard !totals.isEmpty else {
            throw CapacityError(.emptyInput, "nothing to price: give instances, storage or egress", span: 0..<0)
        }
        let total = totals.reduce(0) { $0 + $1.1 }
        if totals.count > 1 {
            report.step("total = \(totals.map { perMonth.text(base: $0.1).replacingSuffix("/month") }.joined(separator: " + ")) = \(perMonth.text(base: total))")
        }
        report.result("total_monthly", "total per month", total, perMonth)
        let perYear = DisplayUnit(symbol: "$/year", factor: 1 / (12 * month))
        report.step("per year = \(perMonth.text(base: total)) x 12 = \(perYear.text(base: total))")
        report.result("total_yearly", "total per year (12 months)", total, perYear)
        return report.build()
    }
}

private extension String {
    func replacingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
