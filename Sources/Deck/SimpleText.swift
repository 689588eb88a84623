/// Byte-level text operations for *simple* text, the parser's fast path.
///
/// The parser's rules are written in Characters (grapheme clusters): `hasPrefix("**")`,
/// "the first `:` followed by a space", trimming spaces. Most text can be handled byte by
/// byte with exactly the same results, and that is what makes parsing a big deck fast;
/// `isSimple` says when. Text that is not simple goes through the Character-based
/// functions (`OutlineLine.classify(_: Substring)`, `TermSplitter.split(_:)`, ...), which
/// stay the reference behaviour.
enum SimpleText {
    /// True when every Unicode scalar of `bytes` (valid UTF-8) is a Character of its own
    /// (no combining marks, emoji sequences, Hangul jamo... joining scalars into one) and
    /// no non-ASCII scalar equals an ASCII character (U+037E, U+1FEF and U+212A are
    /// canonically equivalent to ";", "`" and "K", so Swift finds them equal). Then a
    /// non-ASCII byte never belongs to an ASCII Character and never joins one to a
    /// neighbour, so finding, comparing and trimming ASCII characters on bytes gives the
    /// Character answers, and counting Characters is counting scalars. ASCII is simple.
    static func isSimple(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count, bytes[index] < 0x80 { index += 1 }
        if index == bytes.count { return true }
        return isSimpleScalars(bytes)
    }

    /// `isSimple` for text with non-ASCII bytes: asks Swift's own grapheme breaking.
    /// A quick look first: scalars from the ranges below never join a neighbour (their
    /// Grapheme_Cluster_Break is Other and they decompose to nothing ASCII; a test checks
    /// every one of them), so typographic punctuation, arrows, maths and Latin letters
    /// with accents need no grapheme breaking.
    private static func isSimpleScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var allKnown = true
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let (scalar, length) = decodeScalar(at: index, in: bytes)
            if !isKnownStandalone(scalar) {
                allKnown = false
                break
            }
            index += length
        }
        if allKnown { return true }
        let text = String(decoding: bytes, as: UTF8.self)
        var scalars = 0
        for scalar in text.unicodeScalars {
            if scalar.value == 0x037E || scalar.value == 0x1FEF || scalar.value == 0x212A { return false }
            scalars += 1
        }
        return text.count == scalars
    }

    /// Non-ASCII scalars that are always a Character of their own and equal no ASCII
    /// character: Latin-1 and Latin Extended letters and signs (not the soft hyphen, a
    /// control), general punctuation (dashes, quotes, bullets, ellipsis; not the zero
    /// widths, joiners, direction marks and separators), arrows and mathematical operators.
    static let knownStandaloneRanges: [ClosedRange<UInt32>] = [
        0x00A0...0x00AC, 0x00AE...0x02FF, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x22FF,
    ]

    static func isKnownStandalone(_ scalar: UInt32) -> Bool {
        for range in knownStandaloneRanges where range.contains(scalar) { return true }
        return false
    }

    /// The scalar at `index` (a lead byte of valid UTF-8) and its length in bytes.
    static func decodeScalar(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        if lead < 0xE0 { return (((lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F), 2) }
        if lead < 0xF0 {
            return (((lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        return (((lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12) | (UInt32(bytes[index + 2] & 0x3F) << 6)
                | UInt32(bytes[index + 3] & 0x3F), 4)
    }

    // MARK: - Operations (valid only on simple text)

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// An ASCII capital as its lowercase letter; any other byte as it is.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// `range` without leading and trailing spaces and tabs.
    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end, isSpace(bytes[start]) { start += 1 }
        while end > start, isSpace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Offset of the first `**` in `range`.
    static func firstDoubleStar(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index + 1 < range.upperBound {
            if bytes[index] == UInt8(ascii: "*") {
                if bytes[index + 1] == UInt8(ascii: "*") { return index }
                index += 2  // the next byte is not a star, so no match starts there either
            } else {
                index += 1
            }
        }
        return nil
    }

    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ first: UInt8, _ second: UInt8) -> Bool {
        range.count >= 2 && bytes[range.lowerBound] == first && bytes[range.lowerBound + 1] == second
    }

    static func last(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt8? {
        range.isEmpty ? nil : bytes[range.upperBound - 1]
    }

    /// Characters in `range`: in simple text, one per scalar (bytes that do not continue one).
    static func characterCount(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var count = 0
        for index in range where bytes[index] & 0xC0 != 0x80 { count += 1 }
        return count
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        for index in range where bytes[index] >= 0x80 { return false }
        return true
    }

    /// Runs `body` on the UTF-8 bytes of `text` (native strings are contiguous, so this
    /// does not copy).
    static func withBytes<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var text = text
        return text.withUTF8(body)
    }
}
