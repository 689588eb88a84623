// Picks a readable unit when the user gave none: the largest unit that keeps the number
// at or above one (`4.383 h`, `36.52 PB`, `231.5 MB/s`), in the family the input used
// (bits stay bits, binary prefixes stay binary), per second for counts unless that is
// below one, per month for money over time.

enum AutomaticUnit {
    private typealias Scale = (symbol: String, plural: String?, factor: Double)

    private static let siBytes: [Scale] = [("B", nil, 1), ("KB", nil, 1e3), ("MB", nil, 1e6), ("GB", nil, 1e9),
                                           ("TB", nil, 1e12), ("PB", nil, 1e15), ("EB", nil, 1e18)]
    private static let binaryBytes: [Scale] = [("B", nil, 1), ("KiB", nil, 1_024), ("MiB", nil, 1_048_576),
                                               ("GiB", nil, 1_073_741_824), ("TiB", nil, 1_099_511_627_776),
                                               ("PiB", nil, 1_125_899_906_842_624), ("EiB", nil, 1_152_921_504_606_846_976)]
    private static let siBits: [Scale] = [("bit", "bits", 0.125), ("Kb", nil, 125), ("Mb", nil, 125e3), ("Gb", nil, 125e6),
                                          ("Tb", nil, 125e9), ("Pb", nil, 125e12), ("Eb", nil, 125e15)]
    private static let binaryBits: [Scale] = [("bit", "bits", 0.125), ("Kib", nil, 128), ("Mib", nil, 131_072),
                                              ("Gib", nil, 134_217_728), ("Tib", nil, 137_438_953_472)]
    private static let bitRates: [Scale] = [("bps", nil, 0.125), ("Kbps", nil, 125), ("Mbps", nil, 125e3),
                                            ("Gbps", nil, 125e6), ("Tbps", nil, 125e9), ("Pbps", nil, 125e12)]

    static func unit(for quantity: Quantity, calendar: CalendarConvention) -> DisplayUnit {
        if quantity.isPercent && quantity.dimension == .none && quantity.labels.isEmpty { return .percent }
        var composer = UnitComposer()
        let isCount = quantity.dimension == .none || quantity.dimension == .frequency
        composer.add(labels: quantity.labels, numerators: isCount)
        let magnitude = abs(quantity.value)
        switch quantity.dimension {
        case .none:
            break
        case .time:
            let scale = timeScale(for: magnitude, calendar: calendar)
            composer.multiply(scale.symbol, plural: scale.plural, factor: scale.factor)
            if scale.symbol == "year" { composer.calendarUnits.insert(.year) }
        case .information:
            let scale = pick(informationScales(quantity.information), for: magnitude)
            composer.multiply(scale.symbol, plural: scale.plural, factor: scale.factor)
        case .dataRate:
            if quantity.information.contains(.bits) && !quantity.information.contains(.bytes) {
                let scale = pick(bitRates, for: magnitude)
                composer.multiply(scale.symbol, factor: scale.factor)
            } else {
                let scale = pick(informationScales(quantity.information), for: magnitude)
                composer.multiply(scale.symbol, factor: scale.factor)
                composer.divide("s", factor: 1)
            }
        case .frequency:
            let per = perTime(for: magnitude, calendar: calendar)
            composer.divide(per.symbol, factor: per.factor)
            if per.symbol == "year" { composer.calendarUnits.insert(.year) }
        case .money:
            composer.multiply("$", factor: 1)
        case Dimension(time: -1, money: 1):
            composer.multiply("$", factor: 1)
            composer.divide("month", factor: calendar.secondsPerMonth)
            composer.calendarUnits.insert(.month)
        case Dimension(information: -1, money: 1):
            let written = writtenInformationUnit(quantity)
            composer.multiply("$", factor: 1)
            composer.divide(written.symbol, factor: written.factor)
        case Dimension(time: -1, information: -1, money: 1):
            let written = writtenInformationUnit(quantity)
            composer.multiply("$", factor: 1)
            composer.divide(written.symbol, factor: written.factor)
            composer.divide("month", factor: calendar.secondsPerMonth)
            composer.calendarUnits.insert(.month)
        default:
            return fallback(for: quantity, labels: composer, calendar: calendar)
        }
        return composer.build()
    }

    /// Time: the largest of ns ... day, year that keeps the value at or above one.
    static func timeScale(for seconds: Double, calendar: CalendarConvention) -> (symbol: String, plural: String?, factor: Double) {
        let scales: [Scale] = [("ns", nil, 1e-9), ("µs", nil, 1e-6), ("ms", nil, 1e-3), ("s", nil, 1), ("min", nil, 60),
                               ("h", nil, 3_600), ("day", "days", 86_400), ("year", "years", calendar.secondsPerYear)]
        let scale = pick(scales, for: seconds, fallbackIndex: 3)
        return (scale.symbol, scale.plural, scale.factor)
    }

    /// Per what for a count rate: the shortest of s, min, h, day, year giving at least one.
    static func perTime(for perSecond: Double, calendar: CalendarConvention) -> (symbol: String, factor: Double) {
        let options: [(String, Double)] = [("s", 1), ("min", 60), ("h", 3_600), ("day", 86_400), ("year", calendar.secondsPerYear)]
        if perSecond == 0 { return options[0] }
        for option in options where NumberText.rounded(perSecond * option.1) >= 1 { return option }
        return options[options.count - 1]
    }

    private static func informationScales(_ style: InformationStyle) -> [Scale] {
        let bits = style.contains(.bits) && !style.contains(.bytes)
        switch (bits, style.contains(.binary)) {
        case (false, false): return siBytes
        case (false, true): return binaryBytes
        case (true, false): return siBits
        case (true, true): return binaryBits
        }
    }

    /// The largest scale whose factor does not exceed the value (the smallest for tiny
    /// values; `fallbackIndex` for zero).
    private static func pick(_ scales: [Scale], for magnitude: Double, fallbackIndex: Int = 0) -> Scale {
        if magnitude == 0 { return scales[fallbackIndex] }
        var chosen = scales[0]
        for scale in scales where NumberText.rounded(magnitude / scale.factor) >= 1 { chosen = scale }
        return chosen
    }

    /// For prices per information: the information unit the input divided by (`$0.023/GB`).
    static func writtenInformationUnit(_ quantity: Quantity) -> (symbol: String, factor: Double) {
        for part in quantity.parts where part.dimension == .information && part.exponent == -1 {
            if case .fixed(let factor) = part.scale { return (part.symbol, factor) }
        }
        return ("GB", 1e9)
    }

    /// Unusual dimensions (`MB·s`, `s^2`): the unit product as written, or base symbols.
    private static func fallback(for quantity: Quantity, labels: UnitComposer, calendar: CalendarConvention) -> DisplayUnit {
        var composer = labels
        var dimension = Dimension.none
        for part in quantity.parts { dimension = dimension * part.dimension.raised(to: part.exponent) }
        if !quantity.parts.isEmpty && dimension == quantity.dimension {
            for part in quantity.parts {
                let factor = Evaluator.power(UnitDefinition.factor(part.scale, calendar), part.exponent)
                if case .calendar(let unit, _) = part.scale { composer.calendarUnits.insert(unit) }
                if part.exponent > 0 {
                    composer.multiply(UnitComposer.powered(part.symbol, part.exponent), factor: factor)
                } else {
                    composer.denominator.append(UnitComposer.powered(part.symbol, -part.exponent))
                    composer.factor *= factor
                }
            }
            return composer.build()
        }
        let base = quantity.dimension
        for (symbol, exponent) in [("$", base.money), ("B", base.information), ("s", base.time)] where exponent != 0 {
            if exponent > 0 {
                composer.multiply(UnitComposer.powered(symbol, exponent), factor: 1)
            } else {
                composer.denominator.append(UnitComposer.powered(symbol, -exponent))
            }
        }
        return composer.build()
    }
}

extension UnitDefinition {
    static func factor(_ scale: Scale, _ calendar: CalendarConvention) -> Double {
        switch scale {
        case .fixed(let value): return value
        case .calendar(let unit, let times): return calendar.seconds(in: unit) * times
        }
    }
}
