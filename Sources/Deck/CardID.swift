/// A card's identity: a hash of deck + section path + term (+ kind), never of the
/// answer, so correcting a definition keeps the card's history while renaming a term
/// makes a new card. Headings are normalized (numbering, case, Markdown emphasis and
/// spacing removed) so renumbering "3.4 Caching" to "3.5 Caching" keeps history too.
public struct CardID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 16 lowercase hex digits.
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public init(deck: String, section: [String], kind: CardKind, term: String) {
        var key = CardID.normalize(deck)
        for heading in section { key += "\u{1F}" + CardID.normalize(CardID.stripNumbering(heading)) }
        key += "\u{1E}" + (kind == .definition ? "" : kind.rawValue) + "\u{1E}" + CardID.normalize(term)
        rawValue = CardID.hex(CardID.fnv1a(key))
    }

    public var description: String { rawValue }

    public static func < (lhs: CardID, rhs: CardID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// True when `text` is a well-formed ID (16 hex digits).
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 16 && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }
    }

    static func normalize(_ text: String) -> String {
        var words: [Substring] = []
        let cleaned = text.lowercased().filter { $0 != "*" && $0 != "_" && $0 != "`" }
        for word in cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" }) { words.append(word) }
        var joined = words.joined(separator: " ")
        while let last = joined.last, last == ":" || last == "." { joined.removeLast() }
        return joined
    }

    /// "3.4 Caching" -> "Caching", "16. Case Studies" -> "Case Studies".
    public static func stripNumbering(_ heading: String) -> String {
        let (number, title) = HeadingNumber.split(heading)
        return number == nil ? heading : title
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    static func hex(_ value: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 48, count: 16)
        var rest = value
        for index in stride(from: 15, through: 0, by: -1) {
            bytes[index] = digits[Int(rest & 0xf)]
            rest >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Outline numbering at the start of a heading: "3.4 Caching", "16. Case Studies".
public enum HeadingNumber {
    /// ("3.4", "Caching") or (nil, heading).
    public static func split(_ heading: String) -> (number: String?, title: String) {
        var number = ""
        var index = heading.startIndex
        while index < heading.endIndex, heading[index].isASCII, heading[index].isNumber || heading[index] == "." {
            number.append(heading[index])
            index = heading.index(after: index)
        }
        guard !number.isEmpty, number.first!.isNumber, index < heading.endIndex, heading[index] == " " else {
            return (nil, heading)
        }
        while number.hasSuffix(".") { number.removeLast() }
        let title = heading[index...].drop { $0 == " " }
        return (number, String(title))
    }
}
