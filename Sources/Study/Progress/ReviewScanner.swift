import Timekeeping

/// Reads one review object of an export straight from the file's bytes, for the common
/// case only: exactly the keys `id`, `card`, `at`, `grade` and `duration_ms` (in any
/// order), an ASCII UUID, a well-formed card ID, a time `ISO8601` accepts, a grade 0-5
/// and a duration, all written plainly (no escapes, no fractions, no exponents).
///
/// Anything else, including anything that is not valid JSON, returns nil and the caller
/// reads the element the general way (`JSONCursor.readValue`, then
/// `ReviewSection.read`), which gives the exact error or problem. So this only ever
/// accepts what the general way accepts, with the same values, and a million reviews
/// need no `JSONValue` tree, no strings and no dictionary of keys each.
enum ReviewScanner {
    struct Review {
        /// Just after the object's closing brace.
        var end: Int
        /// Where the ID's 36 bytes start.
        var idStart: Int
        /// The card ID's value (`KnownCards.value`).
        var card: UInt64
        var at: Int64
        var grade: Int
        var durationMs: Int64
    }

    private static let idKey = 1, cardKey = 2, atKey = 4, gradeKey = 8, durationKey = 16

    /// The review whose `{` is at `start`, or nil (see above).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Review? {
        let count = bytes.count
        var position = start
        func skipWhitespace() {
            while position < count {
                let byte = bytes[position]
                guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
                position += 1
            }
        }
        /// A string's contents up to its closing quote, when every byte is in `allowed`.
        func plainString(_ allowed: (UInt8) -> Bool) -> Range<Int>? {
            guard position < count, bytes[position] == UInt8(ascii: "\"") else { return nil }
            let first = position + 1
            var end = first
            while end < count, bytes[end] != UInt8(ascii: "\"") {
                guard allowed(bytes[end]) else { return nil }
                end += 1
            }
            guard end < count else { return nil }
            position = end + 1
            return first..<end
        }
        /// A non-negative integer of at most 18 digits (so it fits Int64), written as
        /// JSON writes one: no leading zero, and not followed by a fraction or exponent.
        func plainInteger() -> Int64? {
            let first = position
            var value: Int64 = 0
            while position < count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
                value = value &* 10 &+ Int64(bytes[position] &- UInt8(ascii: "0"))
                position += 1
            }
            let digits = position - first
            guard digits > 0, digits <= 18, digits == 1 || bytes[first] != UInt8(ascii: "0") else { return nil }
            if position < count {
                let next = bytes[position]
                guard next != UInt8(ascii: "."), next != UInt8(ascii: "e"), next != UInt8(ascii: "E") else { return nil }
            }
            return value
        }

        guard position < count, bytes[position] == UInt8(ascii: "{") else { return nil }
        position += 1
        var review = Review(end: 0, idStart: 0, card: 0, at: 0, grade: 0, durationMs: 0)
        var seen = 0
        while true {
            skipWhitespace()
            guard let key = plainString({ $0 >= UInt8(ascii: "_") && $0 <= UInt8(ascii: "z") }) else { return nil }
            skipWhitespace()
            guard position < count, bytes[position] == UInt8(ascii: ":") else { return nil }
            position += 1
            skipWhitespace()
            let found: Int
            switch key.count {
            case 2 where bytes[key.lowerBound] == UInt8(ascii: "i") && bytes[key.lowerBound + 1] == UInt8(ascii: "d"):
                found = idKey
                guard let text = plainString(isUUIDByte), isUUID(bytes, text) else { return nil }
                review.idStart = text.lowerBound
            case 4 where matches(bytes, key, "card"):
                found = cardKey
                guard let text = plainString(isLowerHex),
                      let value = KnownCards.value(UnsafeBufferPointer(rebasing: bytes[text])) else { return nil }
                review.card = value
            case 2 where bytes[key.lowerBound] == UInt8(ascii: "a") && bytes[key.lowerBound + 1] == UInt8(ascii: "t"):
                found = atKey
                // Printable ASCII other than a quote or backslash: the text as written.
                guard let text = plainString({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }),
                      let time = ISO8601.parse(utf8: UnsafeBufferPointer(rebasing: bytes[text])) else { return nil }
                review.at = time
            case 5 where matches(bytes, key, "grade"):
                found = gradeKey
                guard let grade = plainInteger(), grade <= 5 else { return nil }
                review.grade = Int(grade)
            case 11 where matches(bytes, key, "duration_ms"):
                found = durationKey
                guard let duration = plainInteger() else { return nil }
                review.durationMs = duration
            default:
                return nil
            }
            guard seen & found == 0 else { return nil }  // a duplicate key: a JSON error
            seen |= found
            skipWhitespace()
            guard position < count else { return nil }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "}") else { return nil }
            position += 1
            break
        }
        guard seen == idKey | cardKey | atKey | gradeKey | durationKey else { return nil }
        review.end = position
        return review
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let text = word.utf8Start
        for offset in 0..<range.count where bytes[range.lowerBound + offset] != text[offset] { return false }
        return true
    }

    private static func isLowerHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }

    private static func isUUIDByte(_ byte: UInt8) -> Bool {
        isLowerHex(byte) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F")) || byte == UInt8(ascii: "-")
    }

    /// `RandomIdentifiers.isUUID` for ASCII text: 8-4-4-4-12 hex digits (the bytes are
    /// already known to be hex digits or dashes).
    private static func isUUID(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count == 36 else { return false }
        for offset in 0..<36 {
            let isDash = bytes[range.lowerBound + offset] == UInt8(ascii: "-")
            guard isDash == (offset == 8 || offset == 13 || offset == 18 || offset == 23) else { return false }
        }
        return true
    }
}
