// Serializes `JSONValue`: compact (one line, for event streams) or pretty (two-space
// indent). Doubles use Swift's shortest round-trip form, so 2.8000000000000003 stays
// exact through export and import.
//
// The text is built as UTF-8 bytes and turned into a String once: appending to a String
// piece by piece (each small literal, each escaped scalar) made a million-review export
// take over 10 s.

extension JSONValue {
    public func serialized(pretty: Bool = false) -> String {
        var output: [UInt8] = []
        write(into: &output, pretty: pretty, indent: 0)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the value as it appears at nesting depth `indent` of a document, so a long
    /// document can be written piece by piece (an export of a million reviews) without
    /// building it whole first.
    public func write(into output: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: output.append(literal: "null")
        case .bool(let value): output.append(literal: value ? "true" : "false")
        case .integer(let value): output.append(decimal: value)
        case .number(let value): output.append(contentsOf: JSONValue.format(value).utf8)
        case .string(let text): JSONValue.writeString(text, into: &output)
        case .array(let values):
            if values.isEmpty { output.append(literal: "[]"); return }
            output.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { JSONValue.newline(indent + 1, into: &output) }
                value.write(into: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { JSONValue.newline(indent, into: &output) }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            if object.entries.isEmpty { output.append(literal: "{}"); return }
            output.append(UInt8(ascii: "{"))
            for (index, entry) in object.entries.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { JSONValue.newline(indent + 1, into: &output) }
                JSONValue.writeString(entry.key, into: &output)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(UInt8(ascii: " ")) }
                entry.value.write(into: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { JSONValue.newline(indent, into: &output) }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// A line break and two spaces per level, copied whole from one run of spaces:
    /// appending the break and the spaces apart was a call more per line of a listing.
    static func newline(_ indent: Int, into output: inout [UInt8]) {
        var left = 1 + 2 * indent
        var start = 0
        while left > 0 {
            let count = min(left, lineBreakAndSpaces.utf8CodeUnitCount - start)
            lineBreakAndSpaces.withUTF8Buffer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start..<start + count])) }
            left -= count
            start = 1
        }
    }

    /// Copied whole: appending spaces one by one was a tenth of writing a card listing.
    private static let lineBreakAndSpaces: StaticString = "\n                                "

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 {
            // Whole doubles print without ".0" noise but stay distinguishable from
            // integers only by type, which JSON does not have anyway.
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// A JSON string: `"`, `\` and control characters escaped, and U+2028/U+2029 too (so
    /// the text is also valid JavaScript). Runs of bytes that need no escape are copied
    /// whole; every escaped character is ASCII or one of those two, found on the bytes.
    public static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let end = bytes.count
            var runStart = 0
            var offset = 0
            while offset < end {
                // Eight bytes at a time while none of them needs a look (nearly all of a
                // listing's 100 MB): byte by byte it was a tenth of `cards --json`.
                while offset + 8 <= end,
                      !Self.mayNeedEscape(UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)) {
                    offset += 8
                }
                guard offset < end else { break }
                let byte = base[offset]
                guard Self.mayNeedEscape(byte) else {
                    offset += 1
                    continue
                }
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8; other E2 sequences
                // (arrows, curly quotes) are copied as they are.
                let separator = byte == 0xE2 && offset + 2 < end && base[offset + 1] == 0x80
                    && (base[offset + 2] == 0xA8 || base[offset + 2] == 0xA9)
                if byte == 0xE2 && !separator {
                    offset += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: offset - runStart))
                if separator {
                    output.append(literal: base[offset + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                    offset += 3
                } else {
                    escape(byte, into: &output)
                    offset += 1
                }
                runStart = offset
            }
            output.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: end - runStart))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The bytes `writeString` looks at: control characters, `"`, `\\`, and the first
    /// byte of U+2028 and U+2029.
    @inline(__always)
    static func mayNeedEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0xE2
    }

    /// Whether any of the eight bytes of `word` is one that `writeString` looks at. Each
    /// test is exact about whether some byte matches (not which): `(v - 0x01…) & ~v &
    /// 0x80…` is nonzero exactly when a byte of `v` is zero, and with 0x20 in place of
    /// 0x01 when a byte is below 0x20.
    @inline(__always)
    static func mayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highBits != 0 }
        let control = (word &- ones &* 0x20) & ~word & highBits != 0
        return control || hasZeroByte(word ^ (ones &* 0x22)) || hasZeroByte(word ^ (ones &* 0x5C))
            || hasZeroByte(word ^ (ones &* 0xE2))
    }

    /// Whether `bytes` can be written between quotes as they are.
    static func needsNoEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.contains(where: mayNeedEscape)
    }

    private static func escape(_ byte: UInt8, into output: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\""): output.append(literal: "\\\"")
        case UInt8(ascii: "\\"): output.append(literal: "\\\\")
        case UInt8(ascii: "\n"): output.append(literal: "\\n")
        case UInt8(ascii: "\r"): output.append(literal: "\\r")
        case UInt8(ascii: "\t"): output.append(literal: "\\t")
        case 0x08: output.append(literal: "\\b")
        case 0x0C: output.append(literal: "\\f")
        default:
            let hex = String(byte, radix: 16)
            output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
        }
    }
}

extension [UInt8] {
    /// Appends a literal's bytes in one copy (`append(contentsOf: "…".utf8)` went through
    /// the generic path, byte by byte: a tenth of writing a card listing).
    public mutating func append(literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends a number's decimal digits in one copy (the same generic path for
    /// `String(value).utf8`).
    public mutating func append(decimal value: Int64) {
        var digits = String(value)
        digits.withUTF8 { append(contentsOf: $0) }
    }
}
