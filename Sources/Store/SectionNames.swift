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
    /// Numbers by a hash of the top section's bytes (FNV-1a); a deck's sections share the
    /// hash chain with other decks', told apart by the deck.
    private var numbers: [UInt64: [Int]] = [:]

    /// The number of `deck` with the top section of the encoded path in `row`'s `column`.
    mutating func number(deck: String, row: Row, column: Int32) -> Int {
        let count = Int(sqlite3_column_bytes(row.handle, column))
        let pointer = count > 0 ? sqlite3_column_text(row.handle, column) : nil
        let top = pointer.map { UnsafeBufferPointer(start: $0, count: SectionNames.topLength($0, count)) }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        if let top {
            for byte in top { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        } else {
            hash = 0
        }
        for number in numbers[hash, default: []] where names[number].deck == deck && SectionNames.same(names[number].top, top) {
            return number
        }
        let number = names.count
        names.append(Name(deck: deck, top: top.map { String(decoding: $0, as: UTF8.self) }))
        numbers[hash, default: []].append(number)
        return number
    }

    /// The bytes before the path's first separator (U+001F).
    private static func topLength(_ pointer: UnsafePointer<UInt8>, _ count: Int) -> Int {
        memchr(pointer, 0x1F, count).map { UnsafeRawPointer($0) - UnsafeRawPointer(pointer) } ?? count
    }

    private static func same(_ name: String?, _ bytes: UnsafeBufferPointer<UInt8>?) -> Bool {
        guard let name, let bytes else { return name == nil && bytes == nil }
        guard name.utf8.count == bytes.count else { return false }
        guard bytes.count > 0 else { return true }
        return name.utf8.withContiguousStorageIfAvailable { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
            ?? name.utf8.elementsEqual(bytes)
    }
}
