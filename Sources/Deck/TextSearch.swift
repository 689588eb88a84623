/// Substring search for the parser's hot paths. The standard `contains`/`firstRange(of:)`
/// compare characters (grapheme clusters) and build a search table on every call, which
/// dominated parsing big decks. On ASCII, bytes and characters coincide, so a byte
/// search gives the same answer; as soon as the text is not plain ASCII around a
/// possible match, the standard, character-aware search decides instead.
enum TextSearch {
    private enum Outcome {
        case found(Range<String.Index>)
        case absent
        /// Non-ASCII text before or right after a match: let the standard search decide.
        case undecided
    }

    /// Patterns must be ASCII without CR or LF ("\r\n" is the one ASCII character made
    /// of two bytes).
    private static func search(_ text: Substring, _ pattern: StaticString) -> Outcome {
        let needle = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Range<Int>?? in
            var offset = 0
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte >= 0x80 { return nil }
                if byte == needle[0] {
                    var matched = 0
                    while matched < needle.count, offset + matched < bytes.count, bytes[offset + matched] == needle[matched] {
                        matched += 1
                    }
                    if matched == needle.count {
                        let end = offset + matched
                        // A combining mark after the match would make its last character another one.
                        if end < bytes.count, bytes[end] >= 0x80 { return nil }
                        return .some(offset..<end)
                    }
                }
                offset += 1
            }
            return .some(nil)
        }
        guard let found, let decided = found else { return .undecided }
        guard let offsets = decided else { return .absent }
        let utf8 = text.utf8
        return .found(utf8.index(utf8.startIndex, offsetBy: offsets.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: offsets.upperBound))
    }

    static func contains(_ text: String, _ pattern: StaticString) -> Bool {
        switch search(text[...], pattern) {
        case .found: return true
        case .absent: return false
        case .undecided: return text.contains(pattern.description)
        }
    }

    static func firstRange(in text: Substring, of pattern: StaticString) -> Range<String.Index>? {
        switch search(text, pattern) {
        case .found(let range): return range
        case .absent: return nil
        case .undecided: return text.firstRange(of: pattern.description)
        }
    }
}
