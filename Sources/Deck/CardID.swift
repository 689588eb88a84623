/// A card's identity: a hash of deck + section path + term (+ kind), never of the
/// answer, so correcting a definition keeps the card's history while renaming a term
/// makes a new card. Headings are normalized (numbering, case, Markdown emphasis and
/// spacing removed) so renumbering "3.4 Caching" to "3.5 Caching" keeps history too.
public struct CardID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The number the 16 digits spell, for an ID of that form (every ID sysdrill makes);
    /// 0 for any other. `==` and `hash(into:)` use it instead of the text: today's queue
    /// after a break looks 30,000 cards up in dictionaries many times each.
    private let number: UInt64
    /// The text of an ID that is not 16 lowercase hex digits (only a hand-made file or
    /// database holds one), nil for every other. The digits are not kept as text: sixteen
    /// bytes are one more than a String holds without a heap allocation, and making,
    /// copying and freeing one per card was a third of `due` after a break.
    private let oddText: String?

    /// 16 lowercase hex digits (or, for an odd ID, its text as given).
    public var rawValue: String { oddText ?? CardID.hex(number) }

    public init(rawValue: String) {
        var text = rawValue
        if let number = text.withUTF8({ CardID.number(digits: $0) }) {
            self.number = number
            oddText = nil
        } else {
            number = 0
            oddText = rawValue
        }
    }

    /// The ID whose digits spell `number`.
    public init(number: UInt64) {
        self.number = number
        oddText = nil
    }

    /// The ID spelled by `bytes` (UTF-8): without making a String when they are 16 hex
    /// digits, as every stored ID is.
    public init(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        if let number = CardID.number(digits: bytes) {
            self.init(number: number)
        } else {
            self.init(rawValue: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// An ID of 16 hex digits has no odd text; an odd ID's text is never 16 hex digits.
    public static func == (lhs: CardID, rhs: CardID) -> Bool {
        lhs.number == rhs.number && lhs.oddText == rhs.oddText
    }

    public func hash(into hasher: inout Hasher) {
        if let oddText {
            hasher.combine(oddText)
        } else {
            hasher.combine(number)
        }
    }

    /// Whether the ID is 16 lowercase hex digits, as every ID sysdrill makes is.
    public var isWellFormed: Bool { oddText == nil }

    /// The number the ID's 16 digits spell; nil for an ID that is not of that form. Each
    /// number has one such spelling, so equal numbers are equal IDs.
    public var wellFormedNumber: UInt64? { oddText == nil ? number : nil }

    /// Calls `body` with the ID's text as UTF-8, without making a String for the digits.
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if var oddText { return try oddText.withUTF8(body) }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { digits in
            CardID.writeDigits(number, into: digits)
            return try body(UnsafeBufferPointer(digits))
        }
    }

    /// The hash a `Set` or `Dictionary` uses, given its seed: the number mixed with the
    /// seed by the 64-bit finalizer (`avalanche`), which spreads every bit over the result
    /// in a few instructions. The standard SipHash cost a tenth of today's queue after a
    /// break, which looks 30,000 IDs up many times. Odd IDs hash their text as usual.
    public func _rawHashValue(seed: Int) -> Int {
        guard oddText == nil else {
            var hasher = Hasher()
            hasher.combine(seed)
            hash(into: &hasher)
            return hasher.finalize()
        }
        return Int(truncatingIfNeeded: CardID.avalanche(number ^ UInt64(bitPattern: Int64(seed))))
    }

    /// Whether the ID's UTF-8 bytes sort before `other`'s (SQLite's BINARY order): for two
    /// IDs of 16 digits, the order of their numbers.
    public func precedesInUTF8Order(_ other: CardID) -> Bool {
        if oddText == nil && other.oddText == nil { return number < other.number }
        return withUTF8 { mine in other.withUTF8 { mine.lexicographicallyPrecedes($0) } }
    }

    /// Appends the ID's text to `bytes` (UTF-8), without making a String for the digits.
    public func appendText(to bytes: inout [UInt8]) {
        withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// The number spelled by `bytes` when they are 16 lowercase hex digits (an ID's form),
    /// nil for any other text.
    public static func number(digits bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard bytes.count == 16 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte &- UInt8(ascii: "a") &+ 10
            default: return nil
            }
            value = value << 4 | UInt64(digit)
        }
        return value
    }

    public init(deck: String, section: [String], kind: CardKind, term: String) {
        self.init(key: SectionKey(normalizedDeck: CardID.normalize(deck), section: section), kind: kind, term: term)
    }

    /// The normalized deck and section part of the hashed key, which every card of one
    /// section shares: the parser hashes it once per section, not once per card (FNV-1a
    /// runs byte by byte, so the hash of the prefix can be continued with the rest).
    struct SectionKey {
        let hashState: UInt64

        init(normalizedDeck: String, section: [String]) {
            var key = SectionKey(normalizedDeck: normalizedDeck)
            for heading in section { key = key.appending(title: CardID.stripNumbering(heading)) }
            self = key
        }

        /// The key of the deck alone (an empty section path).
        init(normalizedDeck: String) {
            hashState = CardID.fnv1a(normalizedDeck.utf8, continuing: CardID.fnvOffsetBasis)
        }

        private init(hashState: UInt64) {
            self.hashState = hashState
        }

        /// The key of the path one heading longer; `title` is that heading without its
        /// numbering (`stripNumbering`). The parser extends a parent's key this way.
        func appending(title: String) -> SectionKey {
            let state = CardID.fnv1a(CollectionOfOne(0x1F), continuing: hashState)
            return SectionKey(hashState: CardID.hashNormalized(title, continuing: state))
        }
    }

    init(key: SectionKey, kind: CardKind, term: String) {
        self.init(number: CardID.hash(key: key, kind: kind, term: term))
    }

    /// The ID's number: `hex` of it is the raw value, so equal numbers mean equal IDs.
    static func hash(key: SectionKey, kind: CardKind, term: String) -> UInt64 {
        var state = CardID.fnv1a(CollectionOfOne(0x1E), continuing: key.hashState)
        if kind != .definition { state = CardID.fnv1a(kind.rawValue.utf8, continuing: state) }
        state = CardID.fnv1a(CollectionOfOne(0x1E), continuing: state)
        return CardID.avalanche(CardID.hashNormalized(term, continuing: state))
    }

    /// FNV-1a's last bytes barely reach its high bits, so cards with similar terms got
    /// IDs with the same leading digits and short prefixes (`card 9f63`) were ambiguous.
    /// A 64-bit finalizer (MurmurHash3's fmix64) spreads every input bit over the ID.
    static func avalanche(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return z ^ (z >> 33)
    }

    public var description: String { rawValue }

    /// The order of the IDs' text: for two IDs of 16 digits, the order of their numbers.
    public static func < (lhs: CardID, rhs: CardID) -> Bool {
        if lhs.oddText == nil && rhs.oddText == nil { return lhs.number < rhs.number }
        return lhs.rawValue < rhs.rawValue
    }

    /// True when `text` is a well-formed ID (16 hex digits).
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 16 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    /// Whether two deck names give the same card IDs: IDs hash the name normalized (case,
    /// spacing and emphasis marks left out), so "Notes" and "notes" share them.
    public static func sameDeckKey(_ one: String, _ other: String) -> Bool {
        normalize(one) == normalize(other)
    }

    static func normalize(_ text: String) -> String {
        if let ascii = normalizeASCII(text) { return ascii }
        var words: [Substring] = []
        let cleaned = text.lowercased().filter { $0 != "*" && $0 != "_" && $0 != "`" }
        for word in cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" }) { words.append(word) }
        var joined = words.joined(separator: " ")
        while let last = joined.last, last == ":" || last == "." { joined.removeLast() }
        return joined
    }

    /// `normalize` for ASCII text, on bytes (the character-by-character version is about
    /// ten times slower and dominated parsing big decks); nil for any other text.
    static func normalizeASCII(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var result: String?
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, bytes.count)) { buffer in
                if let count = normalizeASCII(bytes, into: buffer) {
                    result = String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
                }
            }
            return result
        }
    }

    /// The same steps as `normalize` (lowercase, drop `*` `_` `` ` ``, collapse spaces and
    /// tabs, trim the ends, then drop trailing `:` and `.`) written into `output` (at
    /// least as long as `bytes`); the count written, or nil at the first non-ASCII byte.
    static func normalizeASCII(_ bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var count = 0
        guard emitNormalizedASCII(bytes, { output[count] = $0; count += 1 }) else { return nil }
        while count > 0, output[count - 1] == UInt8(ascii: ":") || output[count - 1] == UInt8(ascii: ".") { count -= 1 }
        return count
    }

    /// The bytes of `normalizeASCII` before its trailing `:` and `.` are dropped, one at a
    /// time to `emit` (one loop for the text and for its hash); false at the first
    /// non-ASCII byte.
    @inline(__always)
    private static func emitNormalizedASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (UInt8) -> Void) -> Bool {
        var written = false
        var pendingSpace = false
        for byte in bytes {
            if byte >= 0x80 { return false }
            switch byte {
            case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"):
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                pendingSpace = written
                continue
            default:
                break
            }
            if pendingSpace {
                emit(UInt8(ascii: " "))
                pendingSpace = false
            }
            emit(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
            written = true
        }
        return true
    }

    /// Continues a hash with `normalize(text)`: in one pass over the bytes when the text is
    /// ASCII (no string built), else over the normalized string.
    static func hashNormalized(_ text: String, continuing state: UInt64) -> UInt64 {
        let hashed = text.utf8.withContiguousStorageIfAvailable { hashNormalizedASCII($0, continuing: state) }
        if let hashed, let hashed { return hashed }
        return fnv1a(normalize(text).utf8, continuing: state)
    }

    /// `fnv1a` of `normalizeASCII(bytes)` without writing the normalized text anywhere; nil
    /// at the first non-ASCII byte. Normalizing drops `:` and `.` at the very end, which
    /// is known only at the end: `running` hashes every byte written, `kept` only up to the
    /// last byte that is neither, and `kept` is the answer.
    static func hashNormalizedASCII(_ bytes: UnsafeBufferPointer<UInt8>, continuing state: UInt64) -> UInt64? {
        var running = state
        var kept = state
        let ascii = emitNormalizedASCII(bytes) { byte in
            running = (running ^ UInt64(byte)) &* fnvPrime
            if byte != UInt8(ascii: ":") && byte != UInt8(ascii: ".") { kept = running }
        }
        return ascii ? kept : nil
    }

    /// "3.4 Caching" -> "Caching", "16. Case Studies" -> "Case Studies".
    public static func stripNumbering(_ heading: String) -> String {
        let (number, title) = HeadingNumber.split(heading)
        return number == nil ? heading : title
    }

    static let fnvOffsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    static func fnv1a(_ text: String) -> UInt64 {
        fnv1a(text.utf8, continuing: fnvOffsetBasis)
    }

    static func fnv1a<Bytes: Sequence<UInt8>>(_ bytes: Bytes, continuing state: UInt64) -> UInt64 {
        // Strings' bytes are nearly always contiguous: hashing them through a pointer costs
        // a third of iterating the view (fronts of every card are hashed, twice per sync).
        if let hash = bytes.withContiguousStorageIfAvailable({ fnv1a(buffer: $0, continuing: state) }) { return hash }
        var hash = state
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* fnvPrime
        }
        return hash
    }

    static func fnv1a(buffer bytes: UnsafeBufferPointer<UInt8>, continuing state: UInt64) -> UInt64 {
        var hash = state
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* fnvPrime
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        String(unsafeUninitializedCapacity: 16) { buffer in
            writeDigits(value, into: buffer)
            return 16
        }
    }

    /// The 16 lowercase hex digits of `value`, into the first 16 bytes of `buffer`.
    public static func writeDigits(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        var rest = value
        for index in stride(from: 15, through: 0, by: -1) {
            let digit = UInt8(truncatingIfNeeded: rest & 0xf)
            buffer[index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
            rest >>= 4
        }
    }
}

/// Outline numbering at the start of a heading: "3.4 Caching", "16. Case Studies".
public enum HeadingNumber {
    /// ("3.4", "Caching") or (nil, heading). A number followed by a unit or a magnitude
    /// is a quantity, not numbering: "12.7 GB of new content per month" keeps its number.
    public static func split(_ heading: String) -> (number: String?, title: String) {
        let split = splitNumbering(heading)
        guard split.number != nil, isQuantity(split.title) else { return split }
        return (nil, heading)
    }

    /// What follows a number in a quantity ("12.7 GB", "1 billion users", "40 ms").
    static let quantityWords: Set<String> = [
        "kb", "mb", "gb", "tb", "pb", "eb", "kib", "mib", "gib", "tib", "bytes", "bits", "byte", "bit",
        "ms", "us", "ns", "sec", "secs", "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days",
        "thousand", "million", "millions", "billion", "billions", "trillion", "hundred",
        "qps", "rps", "tps", "req", "requests", "users", "writes", "reads", "messages", "nodes", "servers",
    ]

    /// Whether `title` opens with a unit or a magnitude word (or `%`).
    private static func isQuantity(_ title: String) -> Bool {
        guard let first = title.utf8.first else { return false }
        if first == UInt8(ascii: "%") { return true }
        let word = title.prefix { $0.isASCII && $0.isLetter }
        guard !word.isEmpty, word.utf8.count <= 9 else { return false }
        return quantityWords.contains(word.lowercased())
    }

    private static func splitNumbering(_ heading: String) -> (number: String?, title: String) {
        if let split = splitASCII(heading) { return split }
        var number = ""
        var index = heading.startIndex
        // ASCII digits are the only ASCII characters that are numbers; `asciiValue` avoids
        // the Unicode property lookup of `isNumber` (it showed in profiles of big decks).
        func isDigit(_ character: Character) -> Bool {
            guard let value = character.asciiValue else { return false }
            return value >= UInt8(ascii: "0") && value <= UInt8(ascii: "9")
        }
        while index < heading.endIndex, heading[index].isASCII, isDigit(heading[index]) || heading[index] == "." {
            number.append(heading[index])
            index = heading.index(after: index)
        }
        guard !number.isEmpty, isDigit(number.first!), index < heading.endIndex, heading[index] == " " else {
            return (nil, heading)
        }
        while number.hasSuffix(".") { number.removeLast() }
        let title = heading[index...].drop { $0 == " " }
        return (number, String(title))
    }

    /// `split` on bytes when the number and the spaces after it are plain ASCII (nil when
    /// a non-ASCII byte next to them could join them into another character): headings
    /// are split for every section of a deck, and the character loop showed in profiles.
    private static func splitASCII(_ heading: String) -> (number: String?, title: String)? {
        let scanned = heading.utf8.withContiguousStorageIfAvailable { bytes -> (number: String?, title: String)?? in
            let count = bytes.count
            var numberEnd = 0
            while numberEnd < count, bytes[numberEnd] == UInt8(ascii: ".") || (bytes[numberEnd] >= UInt8(ascii: "0") && bytes[numberEnd] <= UInt8(ascii: "9")) {
                numberEnd += 1
            }
            if numberEnd == 0 || numberEnd == count { return .some((nil, heading)) }
            if bytes[numberEnd] >= 0x80 || (numberEnd + 1 < count && bytes[numberEnd + 1] >= 0x80) { return nil }
            guard bytes[0] != UInt8(ascii: "."), bytes[numberEnd] == UInt8(ascii: " ") else { return .some((nil, heading)) }
            // The title after the spaces; a space before a non-ASCII byte may be part of
            // a larger character, which the character loop decides.
            var titleStart = numberEnd
            while titleStart < count, bytes[titleStart] == UInt8(ascii: " ") {
                if titleStart + 1 < count, bytes[titleStart + 1] >= 0x80 { return nil }
                titleStart += 1
            }
            var end = numberEnd
            while bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
            return .some((SimpleText.string(bytes, 0..<end), SimpleText.string(bytes, titleStart..<count)))
        }
        guard let scanned, let decided = scanned else { return nil }
        return decided
    }
}
