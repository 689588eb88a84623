// ISO 8601 timestamps as the review log, the export and SYSDRILL_NOW use them:
// `2026-11-25T09:00:00Z`, or with an offset `2026-11-25T10:00:00+01:00`.

public enum ISO8601 {
    /// Formats as UTC with seconds: `2026-11-25T09:00:00Z`.
    public static func format(_ time: UnixTime) -> String {
        let days = floorDiv(time, Seconds.day)
        let secondOfDay = time - days * Seconds.day
        let date = CivilDate(daysSinceEpoch: days)
        guard (0...9999).contains(date.year) else { return "\(date)T\(clock(secondOfDay))Z" }
        // Four-digit years (all real ones): the 20 characters written directly, which is
        // several times faster than the interpolation (an export formats a million times).
        let s = Int(secondOfDay)
        return String(unsafeUninitializedCapacity: 20) { buffer in
            var position = 0
            func put(_ value: Int, _ width: Int, _ separator: Unicode.Scalar) {
                var rest = value
                for offset in stride(from: width - 1, through: 0, by: -1) {
                    buffer[position + offset] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                buffer[position + width] = UInt8(ascii: separator)
                position += width + 1
            }
            put(date.year, 4, "-")
            put(date.month, 2, "-")
            put(date.day, 2, "T")
            put(s / 3600, 2, ":")
            put(s / 60 % 60, 2, ":")
            put(s % 60, 2, "Z")
            return position
        }
    }

    /// Formats a local wall-clock time with its offset: `2026-11-25T10:00:00+01:00`.
    public static func format(_ time: UnixTime, utcOffset: Int64) -> String {
        if utcOffset == 0 { return format(time) }
        let local = time + utcOffset
        let days = floorDiv(local, Seconds.day)
        let date = CivilDate(daysSinceEpoch: days)
        let sign = utcOffset < 0 ? "-" : "+"
        let minutes = abs(utcOffset) / 60
        return "\(date)T\(clock(local - days * Seconds.day))\(sign)\(pad(Int(minutes / 60), 2)):\(pad(Int(minutes % 60), 2))"
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH[:MM])`; also accepts a space for `T`
    /// and a bare date (midnight UTC). Fractions of a second are dropped (floor).
    /// Returns nil for anything else, including impossible dates like Feb 30.
    public static func parse(_ text: String) -> UnixTime? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// `parse` on the UTF-8 bytes of the text (an import reads a million times from the
    /// file's bytes without making strings of them).
    public static func parse(utf8: UnsafeBufferPointer<UInt8>) -> UnixTime? {
        var scanner = DigitScanner(utf8)
        guard let year = scanner.number(digits: 4), scanner.take("-"),
              let month = scanner.number(digits: 2), scanner.take("-"),
              let day = scanner.number(digits: 2) else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        var seconds: Int64 = 0
        var offset: Int64 = 0
        if !scanner.atEnd {
            guard scanner.take("T") || scanner.take("t") || scanner.take(" "),
                  let hour = scanner.number(digits: 2), hour < 24, scanner.take(":"),
                  let minute = scanner.number(digits: 2), minute < 60 else { return nil }
            var second = 0
            if scanner.take(":") {
                guard let s = scanner.number(digits: 2), s < 60 else { return nil }
                second = s
                if scanner.take(".") || scanner.take(",") {
                    guard scanner.skipDigits() > 0 else { return nil }
                }
            }
            seconds = Int64(hour * 3600 + minute * 60 + second)
            if scanner.take("Z") || scanner.take("z") {
                offset = 0
            } else if let sign = scanner.sign() {
                guard let hours = scanner.number(digits: 2), hours <= 23 else { return nil }
                var minutes = 0
                if scanner.take(":") {
                    guard let m = scanner.number(digits: 2), m < 60 else { return nil }
                    minutes = m
                } else if let m = scanner.number(digits: 2) {
                    guard m < 60 else { return nil }
                    minutes = m
                }
                offset = Int64(sign * (hours * 3600 + minutes * 60))
            } else {
                return nil  // a time without a zone is ambiguous: refuse rather than guess
            }
        }
        guard scanner.atEnd else { return nil }
        return date.daysSinceEpoch * Seconds.day + seconds - offset
    }

    static func clock(_ secondOfDay: Int64) -> String {
        let s = Int(secondOfDay)
        return "\(pad(s / 3600, 2)):\(pad(s / 60 % 60, 2)):\(pad(s % 60, 2))"
    }
}

/// Floor division (rounds toward negative infinity), for times before 1970.
public func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

private struct DigitScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if take("+") { return 1 }
        if take("-") { return -1 }
        return nil
    }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<digits {
            let byte = bytes[index + offset]
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += digits
        return value
    }

    mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
        return index - start
    }
}
