import Study

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
        var scanner = ByteScanner(bytes, at: start)
        var review = Review(end: 0, idStart: 0, card: 0, at: 0, grade: 0, durationMs: 0)
        var seen = 0
        // Keys told apart by length and first byte, then checked whole: a million times, a
        // look through a list of keys (`object(keys:)`) costs a tenth of the reading.
        let read = scanner.object { scanner, key in
            let found: Int
            switch key.count {
            case 2 where bytes[key.lowerBound] == UInt8(ascii: "i") && bytes[key.lowerBound + 1] == UInt8(ascii: "d"):
                found = idKey
                guard let start = scanner.uuid() else { return false }
                review.idStart = start
            case 4 where scanner.matches(key, "card"):
                found = cardKey
                guard let value = scanner.cardID() else { return false }
                review.card = value
            case 2 where bytes[key.lowerBound] == UInt8(ascii: "a") && bytes[key.lowerBound + 1] == UInt8(ascii: "t"):
                found = atKey
                guard let time = scanner.time(), time <= ImportLimits.latestEventTime else { return false }
                review.at = time
            case 5 where scanner.matches(key, "grade"):
                found = gradeKey
                guard let grade = scanner.plainInteger(), grade <= 5 else { return false }
                review.grade = Int(grade)
            case 11 where scanner.matches(key, "duration_ms"):
                found = durationKey
                guard let duration = scanner.plainInteger(), duration <= ImportLimits.maximumDurationMs else { return false }
                review.durationMs = duration
            default:
                return false
            }
            guard seen & found == 0 else { return false }  // a duplicate key: a JSON error
            seen |= found
            return true
        }
        guard read, seen == idKey | cardKey | atKey | gradeKey | durationKey else { return nil }
        review.end = scanner.position
        return review
    }
}

extension ByteScanner {
    /// A UUID in quotes, as `RandomIdentifiers.isUUID` accepts one (8-4-4-4-12 hex digits,
    /// either case; an escape gives up): where its 36 bytes start.
    mutating func uuid() -> Int? {
        guard position + 37 < bytes.count, bytes[position] == UInt8(ascii: "\""), bytes[position + 37] == UInt8(ascii: "\""),
              RandomIdentifiers.isUUID(ascii: UnsafeBufferPointer(rebasing: bytes[position + 1..<position + 37])) else { return nil }
        position += 38
        return position - 37
    }
}
