import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// The distinct (deck, top section) pairs met in a pass over cards, each given one String
/// and a number. 190k cards share about 25,000 top sections: making a String for each
/// card's, and hashing it into a dictionary per card, was a third of `stats`' card pass.
struct SectionNames {
    struct Name {
        let deck: String
        /// nil: the card has no section.
        let top: String?
    }

    private(set) var names: [Name] = []
    /// Numbers by a hash of the top section's bytes; a deck's sections share the hash chain
    /// with other decks', told apart by the deck.
    private var numbers: [Int: [Int]] = [:]

    /// The number of `deck` with the top section of the encoded path in `row`'s `column`.
    mutating func number(deck: String, row: Row, column: Int32) -> Int {
        let count = Int(sqlite3_column_bytes(row.handle, column))
        let pointer = count > 0 ? sqlite3_column_text(row.handle, column) : nil
        // The bytes before the path's first separator; nil for an empty path (no section).
        let top = pointer.map { start in
            UnsafeBufferPointer(start: start, count: memchr(start, Int32(SectionCoding.separatorByte), count)
                .map { UnsafeRawPointer($0) - UnsafeRawPointer(start) } ?? count)
        }
        var hasher = Hasher()
        hasher.combine(top == nil)
        if let top { hasher.combine(bytes: UnsafeRawBufferPointer(top)) }
        let hash = hasher.finalize()
        for number in numbers[hash, default: []] where names[number].deck == deck && SectionNames.same(names[number].top, top) {
            return number
        }
        let number = names.count
        names.append(Name(deck: deck, top: top.map { String(decoding: $0, as: UTF8.self) }))
        numbers[hash, default: []].append(number)
        return number
    }

    private static func same(_ name: String?, _ bytes: UnsafeBufferPointer<UInt8>?) -> Bool {
        guard let name, let bytes else { return name == nil && bytes == nil }
        return Row.utf8(of: name, equals: bytes)
    }
}
