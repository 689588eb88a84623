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
        case .integer(let value): output.append(contentsOf: String(value).utf8)
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

    /// A line break and two spaces per level.
    static func newline(_ indent: Int, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\n"))
        var left = 2 * indent
        while left > 0 {
            let count = min(left, spaces.utf8CodeUnitCount)
            spaces.withUTF8Buffer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[0..<count])) }
            left -= count
        }
    }

    /// Copied whole: appending spaces one by one was a tenth of writing a card listing.
    private static let spaces: StaticString = "                                "

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
            var runStart = 0
            var offset = 0
            while offset < bytes.count {
                let byte = bytes[offset]
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
                let separator = byte == 0xE2 && offset + 2 < bytes.count && bytes[offset + 1] == 0x80
                    && (bytes[offset + 2] == 0xA8 || bytes[offset + 2] == 0xA9)
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || separator else {
                    offset += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<offset]))
                if separator {
                    output.append(literal: bytes[offset + 2] == 0xA8 ? "\\u2028" : "\\u2029")
                    offset += 3
                } else {
                    escape(byte, into: &output)
                    offset += 1
                }
                runStart = offset
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
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
    mutating func append(literal: StaticString) {
        literal.withUTF8Buffer { append(contentsOf: $0) }
    }
}
