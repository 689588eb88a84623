/// Strings put together by copying their UTF-8 into one new string: the same text as `+`
/// and `joined(separator:)` (putting strings together never changes their code units),
/// without the work those do at every join to keep a string's character bookkeeping,
/// which showed in profiles of big decks (100k fronts and backs).
enum TextAssembly {
    static func concatenate(_ a: String, _ b: String, _ c: String, _ d: String = "") -> String {
        let total = a.utf8.count + b.utf8.count + c.utf8.count + d.utf8.count
        return String(unsafeUninitializedCapacity: total) { buffer in
            var offset = copy(a, into: buffer, at: 0)
            offset = copy(b, into: buffer, at: offset)
            offset = copy(c, into: buffer, at: offset)
            return copy(d, into: buffer, at: offset)
        }
    }

    /// `parts.map { itemPrefix + $0 }.joined(separator: separator)`.
    static func join<Parts: Collection<String>>(_ parts: Parts, separator: String, itemPrefix: String = "") -> String {
        guard !parts.isEmpty else { return "" }
        var total = (parts.count - 1) * separator.utf8.count + parts.count * itemPrefix.utf8.count
        for part in parts { total += part.utf8.count }
        return String(unsafeUninitializedCapacity: total) { buffer in
            var offset = 0
            for (index, part) in parts.enumerated() {
                if index > 0 { offset = copy(separator, into: buffer, at: offset) }
                offset = copy(itemPrefix, into: buffer, at: offset)
                offset = copy(part, into: buffer, at: offset)
            }
            return offset
        }
    }

    /// Copies `text`'s UTF-8 to `buffer` at `offset`; the offset after it.
    private static func copy(_ text: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        let count = text.utf8.count
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { source in
            if let from = source.baseAddress, count > 0 { (buffer.baseAddress! + offset).initialize(from: from, count: count) }
        }
        if copied == nil {
            for (index, byte) in text.utf8.enumerated() { buffer[offset + index] = byte }
        }
        return offset + count
    }
}
