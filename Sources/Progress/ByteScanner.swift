import Study
import Timekeeping

/// A position in a JSON text's bytes, for the scanners that read a record in its usual
/// form without building a tree (`ReviewScanner`, `CardScanner`). Each reader takes one
/// plain token and returns nil (or false) for anything else, valid JSON or not: the
/// scanner then gives up and the general reader (`JSONCursor`) reads the record, naming
/// any error. So nothing here accepts a text the general reader refuses, and the values
/// read are the ones it would read.
struct ByteScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) {
        self.bytes = bytes
        self.position = position
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    /// Takes `byte` if it is next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Reads the object at the position (its `{`), handing each member's key to `member`
    /// with the position at the value, which `member` reads (false: give up). False for
    /// anything that is not an object of such members. A key is the bytes up to the next
    /// quote, unchecked: `member` must give up unless they spell a key it knows (every
    /// one is plain ASCII), so a key with an escape or a control character never passes.
    @inline(__always)
    mutating func object(_ member: (inout ByteScanner, Range<Int>) -> Bool) -> Bool {
        guard take(UInt8(ascii: "{")) else { return false }
        skipWhitespace()
        if take(UInt8(ascii: "}")) { return true }
        while true {
            skipWhitespace()
            guard let key = plainString({ _ in true }) else { return false }  // checked by `member` (above)
            skipWhitespace()
            guard take(UInt8(ascii: ":")) else { return false }
            skipWhitespace()
            guard member(&self, key) else { return false }
            skipWhitespace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}"))
        }
    }

    /// Reads an object whose keys are all among `keys`, each at most once (a key given
    /// twice is a JSON error), with those in `required` (a bit for each index in `keys`)
    /// always there. `value` reads the value of the key with the index it is given.
    mutating func object(keys: [StaticString], required: Int, _ value: (inout ByteScanner, Int) -> Bool) -> Bool {
        var seen = 0
        let read = object { scanner, key in
            guard let index = keys.firstIndex(where: { scanner.matches(key, $0) }), seen & 1 << index == 0,
                  value(&scanner, index) else { return false }
            seen |= 1 << index
            return true
        }
        return read && seen & required == required
    }

    /// Reads the array of strings at the position (its `[`).
    mutating func strings() -> Bool {
        guard take(UInt8(ascii: "[")) else { return false }
        skipWhitespace()
        if take(UInt8(ascii: "]")) { return true }
        while true {
            skipWhitespace()
            guard string() != nil else { return false }
            skipWhitespace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "]"))
        }
    }

    /// A string's contents up to the first quote, when every byte is in `allowed`. The
    /// text is taken as written, so `allowed` refuses a backslash, a control character and
    /// any byte above ASCII, unless the caller checks the text otherwise (`object`'s keys).
    mutating func plainString(_ allowed: (UInt8) -> Bool) -> Range<Int>? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let first = position + 1
        var end = first
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            guard allowed(bytes[end]) else { return nil }
            end += 1
        }
        guard end < bytes.count else { return nil }
        position = end + 1
        return first..<end
    }

    /// Any valid JSON string whose escapes are single characters (`\"`, `\\`, `\/`, `\b`,
    /// `\f`, `\n`, `\r`, `\t`; a `\u` escape gives up): its contents as written. The
    /// decoded text is empty exactly when the contents are.
    mutating func string() -> Range<Int>? {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
        let first = position + 1
        var end = first
        var runStart = first
        var ascii = true
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                guard ascii || Self.isValidUTF8(UnsafeBufferPointer(rebasing: bytes[runStart..<end])) else { return nil }
                position = end + 1
                return first..<end
            }
            if byte < 0x20 { return nil }
            if byte >= 0x80 { ascii = false }
            if byte == UInt8(ascii: "\\") {
                // Validated run by run, as the general reader does.
                guard ascii || Self.isValidUTF8(UnsafeBufferPointer(rebasing: bytes[runStart..<end])) else { return nil }
                ascii = true
                guard end + 1 < bytes.count else { return nil }
                switch bytes[end + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    end += 2
                    runStart = end
                    continue
                default:
                    return nil
                }
            }
            end += 1
        }
        return nil
    }

    /// A non-negative integer of at most 18 digits (so it fits Int64), written as JSON
    /// writes one: no leading zero, and not followed by a fraction or exponent.
    mutating func plainInteger() -> Int64? {
        let first = position
        var value: Int64 = 0
        while position < bytes.count, Self.isDigit(bytes[position]) {
            value = value &* 10 &+ Int64(bytes[position] &- UInt8(ascii: "0"))
            position += 1
        }
        let digits = position - first
        guard digits > 0, digits <= 18, digits == 1 || bytes[first] != UInt8(ascii: "0") else { return nil }
        if position < bytes.count {
            let next = bytes[position]
            guard next != UInt8(ascii: "."), next != UInt8(ascii: "e"), next != UInt8(ascii: "E") else { return nil }
        }
        return value
    }

    /// A non-negative JSON number as the general reader reads it: a plain integer through
    /// Int64, anything with a fraction or an exponent through `Double(String)`. Nil for a
    /// negative or malformed number and for one that is not finite.
    mutating func number() -> Double? {
        let first = position
        guard position < bytes.count, Self.isDigit(bytes[position]) else { return nil }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
        }
        let integerEnd = position
        if take(UInt8(ascii: ".")) {
            guard skipDigits() > 0 else { return nil }
        }
        if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
            _ = take(UInt8(ascii: "+")) || take(UInt8(ascii: "-"))
            guard skipDigits() > 0 else { return nil }
        }
        if position < bytes.count, Self.isDigit(bytes[position]) { return nil }  // a leading zero
        if position == integerEnd {
            position = first
            return plainInteger().map(Double.init)
        }
        guard let value = Double(String(decoding: bytes[first..<position], as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    private mutating func skipDigits() -> Int {
        let first = position
        while position < bytes.count, Self.isDigit(bytes[position]) { position += 1 }
        return position - first
    }

    /// A time `ISO8601.parse` accepts, written plainly (printable ASCII, no escape), as
    /// `JSONChecker.time` reads it.
    mutating func time() -> Int64? {
        guard let text = plainString({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }) else { return nil }
        return ISO8601.parse(utf8: UnsafeBufferPointer(rebasing: bytes[text]))
    }

    /// `true` or `false`.
    mutating func boolean() -> Bool {
        literal("true") || literal("false")
    }

    /// A card ID: exactly 16 lowercase hex digits in quotes, as `JSONChecker.cardID`
    /// requires them (an escape gives up); its value (`KnownCards.value`).
    mutating func cardID() -> UInt64? {
        guard position + 17 < bytes.count, bytes[position] == UInt8(ascii: "\""), bytes[position + 17] == UInt8(ascii: "\""),
              let value = KnownCards.value(UnsafeBufferPointer(rebasing: bytes[position + 1..<position + 17])) else { return nil }
        position += 18
        return value
    }

    /// A plain string that is one of `words` (written without escapes).
    mutating func choice(_ words: [StaticString]) -> Bool {
        guard let text = plainString({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { return false }
        return words.contains { matches(text, $0) }
    }

    /// Takes `word` (`true`, `false`, `null`) if it is next.
    mutating func literal(_ word: StaticString) -> Bool {
        guard matches(position..<position + word.utf8CodeUnitCount, word) else { return false }
        position += word.utf8CodeUnitCount
        return true
    }

    /// Whether the bytes in `range` spell `word`.
    func matches(_ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount, range.upperBound <= bytes.count else { return false }
        let text = word.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != text[offset] { return false }
        return true
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Well-formed UTF-8 as Unicode defines it (no overlong forms, no surrogates, nothing
    /// above U+10FFFF, no cut-off sequence): what `String(validating:)` accepts, checked
    /// without making a string.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < count && range.contains(bytes[index + offset])
        }
        while index < count {
            let lead = bytes[index]
            switch lead {
            case 0x00...0x7F:
                index += 1
            case 0xC2...0xDF:
                guard continuation(1) else { return false }
                index += 2
            case 0xE0...0xEF:
                let second: ClosedRange<UInt8> = lead == 0xE0 ? 0xA0...0xBF : lead == 0xED ? 0x80...0x9F : 0x80...0xBF
                guard continuation(1, second), continuation(2) else { return false }
                index += 3
            case 0xF0...0xF4:
                let second: ClosedRange<UInt8> = lead == 0xF0 ? 0x90...0xBF : lead == 0xF4 ? 0x80...0x8F : 0x80...0xBF
                guard continuation(1, second), continuation(2), continuation(3) else { return false }
                index += 4
            default:
                return false
            }
        }
        return true
    }
}
