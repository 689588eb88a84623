// Number formatting without Foundation: thousands separators, a few significant digits
// for fractions, exact whole numbers up to 2^53, scientific notation at the extremes.
// Values are first rounded to 12 significant digits so floating-point noise such as
// 3000.0000000000005 never reaches the reader or a ceiling.

public enum NumberText {
    /// Significant digits shown for values that are not whole and below 1,000.
    public static let displayDigits = 4

    /// 2^53: every whole number up to this is exact in a Double.
    public static let maximumExactInteger: Double = 9_007_199_254_740_992

    /// 10^k (0 below -323, infinity above 308), parsed from decimal text so it is
    /// correctly rounded. Parsed when asked for: a table of all 632 powers, built at
    /// first use, was a seventh of the instructions of a whole `sysdrill calc` run.
    static func powerOfTen(_ exponent: Int) -> Double {
        if exponent < -323 { return 0 }
        if exponent > 308 { return .infinity }
        return Double("1e\(exponent)") ?? 0
    }

    /// floor(log10(|value|)) for finite non-zero values.
    static func decimalExponent(_ value: Double) -> Int {
        let magnitude = abs(value)
        // log10(2) ≈ 0.30103: a first guess from the binary exponent, then correct it.
        var exponent = Int((Double(Int(magnitude.exponent)) * 0.30103).rounded(.down))
        exponent = max(-323, min(308, exponent))
        while exponent < 308, powerOfTen(exponent + 1) <= magnitude { exponent += 1 }
        while exponent > -323, powerOfTen(exponent) > magnitude { exponent -= 1 }
        return exponent
    }

    /// `value` rounded to `digits` significant digits (12 by default).
    /// Whole numbers up to 2^53 are returned unchanged: they are exact already.
    public static func rounded(_ value: Double, significantDigits digits: Int = 12) -> Double {
        guard value.isFinite, value != 0 else { return value }
        if value == value.rounded(), abs(value) <= maximumExactInteger { return value }
        let shift = digits - 1 - decimalExponent(value)
        if shift >= 0 {
            guard shift <= 308 else { return value }
            let scale = powerOfTen(shift)
            let scaled = value * scale
            guard scaled.isFinite else { return value }
            return scaled.rounded() / scale
        }
        let scale = powerOfTen(-shift)
        return (value / scale).rounded() * scale
    }

    /// The ceiling of `value` after rounding to 12 significant digits, so that
    /// 3000.0000000000005 servers are 3000 and not 3001.
    public static func ceiling(_ value: Double) -> Double {
        rounded(value).rounded(.up)
    }

    /// The general display form: `11,574`, `8.766`, `0.001157`, `1.2e-7`, `3.4e18`.
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        if value == value.rounded(), abs(value) <= maximumExactInteger {
            return grouped(value)
        }
        let rounded = rounded(value)
        let magnitude = abs(rounded)
        if magnitude >= 1e16 { return scientific(rounded) }
        if magnitude >= 1_000 || rounded == rounded.rounded() { return grouped(rounded.rounded()) }
        if magnitude >= 1e-4 { return significant(rounded, digits: displayDigits) }
        return scientific(rounded)
    }

    /// A percentage. Near 100 the interesting digits are in what is missing, so from 50
    /// up to 100 four significant digits of `100 - value` are kept: `99.7003`, `99.9999`
    /// (four significant digits of the value would show 99.9999% as 100%).
    public static func percentage(_ value: Double) -> String {
        guard value >= 50, value < 100 else { return format(value) }
        let decimals = max(0, min(15, displayDigits - 1 - decimalExponent(100 - value)))
        return fixed(value, decimals: decimals, trimZeros: true)
    }

    /// A whole number with thousands separators: `1,000,000,000`.
    static func grouped(_ whole: Double) -> String {
        guard abs(whole) < 9.2e18 else { return scientific(whole) }
        let integer = Int64(whole)
        let digits = String(integer.magnitude)
        var result = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (integer < 0 ? "-" : "") + result
    }

    /// `value` with `digits` significant digits, trailing zeros removed: `8.766`, `0.05`.
    public static func significant(_ value: Double, digits: Int) -> String {
        guard value != 0 else { return "0" }
        let exponent = decimalExponent(value)
        return fixed(value, decimals: max(0, digits - 1 - exponent), trimZeros: true)
    }

    /// `value` with exactly `decimals` decimals (or fewer when `trimZeros`), grouped.
    public static func fixed(_ value: Double, decimals: Int, trimZeros: Bool = false) -> String {
        let decimals = max(0, min(decimals, 17))
        let scale = powerOfTen(decimals)
        let scaled = (abs(value) * scale).rounded()
        guard scaled.isFinite, scaled < 9.0e18 else { return format(value) }
        var digits = String(Int64(scaled))
        if decimals > 0 && digits.count <= decimals {
            digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
        }
        var whole = String(digits.dropLast(decimals))
        var fraction = String(digits.suffix(decimals))
        if trimZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
        whole = grouped(Double(whole) ?? 0)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        return sign + whole + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// Four significant digits in scientific notation: `1.235e18`, `-4.2e-7`.
    public static func scientific(_ value: Double) -> String {
        guard value != 0, value.isFinite else { return format(value) }
        var exponent = decimalExponent(value)
        var mantissa = abs(value) / powerOfTen(exponent)
        if !mantissa.isFinite || mantissa == 0 {
            mantissa = (abs(value) * 1e300) / powerOfTen(exponent + 300)
        }
        var text = significant(mantissa, digits: displayDigits)
        if text == "10" {  // 9.9996 rounds up to the next power of ten
            exponent += 1
            text = significant(mantissa / 10, digits: displayDigits)
        }
        return (value < 0 ? "-" : "") + text + "e" + String(exponent)
    }

    /// Step-friendly form for large round counts: `100M`, `1.5B`, `2T`; else `format`.
    public static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        for (suffix, scale) in [("T", 1e12), ("B", 1e9), ("M", 1e6)] where magnitude >= scale && magnitude < scale * 1_000 {
            let scaled = rounded(value / scale)
            // Only when three significant digits say it all: 100M, 1.5B, 25.5M.
            if rounded(scaled, significantDigits: 3) == scaled {
                return significant(scaled, digits: 3) + suffix
            }
        }
        return format(value)
    }
}
