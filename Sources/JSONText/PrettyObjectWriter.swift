/// Writes one JSON object entry by entry, laid out exactly as `JSONValue.write(pretty:
/// true)` lays out the same object, without building it: a listing of 190,000 cards
/// spent a third of its time making each card's `JSONObject` and its values only to
/// write them once. Entries are written in the order given; unlike `JSONObject.set`, a
/// key given twice is written twice, so each caller gives each key once.
public struct PrettyObjectWriter: JSONEntries {
    /// The bytes written so far: the caller's buffer, moved in for the writing (`write`).
    private var output: [UInt8] = []
    private let indent: Int
    private var entries = 0

    private init(indent: Int) {
        self.indent = indent
    }

    /// Appends to `output` the object that `body` writes entry by entry, at nesting depth
    /// `indent` (the depth `JSONValue.write` would be called with for it).
    public static func write(into output: inout [UInt8], indent: Int, _ body: (inout PrettyObjectWriter) -> Void) {
        var writer = PrettyObjectWriter(indent: indent)
        // Moved, not copied: appending to a shared array would copy it first.
        swap(&writer.output, &output)
        body(&writer)
        writer.end()
        swap(&writer.output, &output)
    }

    public mutating func string(_ key: String, _ value: String) {
        startEntry(key)
        JSONValue.writeString(value, into: &output)
    }

    public mutating func integer(_ key: String, _ value: Int64) {
        startEntry(key)
        output.append(decimal: value)
    }

    public mutating func bool(_ key: String, _ value: Bool) {
        startEntry(key)
        output.append(literal: value ? "true" : "false")
    }

    /// An array of strings, laid out as `JSONValue.array` of `.string`s.
    public mutating func strings(_ key: String, _ values: [String]) {
        startEntry(key)
        guard !values.isEmpty else { output.append(literal: "[]"); return }
        output.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONValue.newline(indent + 2, into: &output)
            JSONValue.writeString(value, into: &output)
        }
        JSONValue.newline(indent + 1, into: &output)
        output.append(UInt8(ascii: "]"))
    }

    /// Any other value, written by `JSONValue.write`.
    public mutating func value(_ key: String, _ value: JSONValue) {
        startEntry(key)
        value.write(into: &output, pretty: true, indent: indent + 1)
    }

    /// A nested object, written entry by entry by `body`.
    public mutating func object(_ key: String, _ body: (inout PrettyObjectWriter) -> Void) {
        startEntry(key)
        Self.write(into: &output, indent: indent + 1, body)
    }

    /// Closes the object (`{}` when it has no entry).
    private mutating func end() {
        if entries == 0 {
            output.append(literal: "{}")
        } else {
            JSONValue.newline(indent, into: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private mutating func startEntry(_ key: String) {
        let opening = UInt8(ascii: entries == 0 ? "{" : ",")
        entries += 1
        // `{` or `,`, the line break, the indent, the quoted key and `: ` in one copy: in
        // seven, they were a fifth of writing a card listing (19 keys per card).
        let spaces = 2 * (indent + 1)
        var key = key
        let copied = key.withUTF8 { keyBytes in
            let length = 2 + spaces + keyBytes.count + 4
            guard length <= Self.entryStartLimit, JSONValue.needsNoEscape(keyBytes) else { return false }
            // A constant capacity: a temporary allocation of a size known only at run time
            // is checked for room on the stack each time.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.entryStartLimit) { buffer in
                let start = buffer.baseAddress!
                start[0] = opening
                start[1] = UInt8(ascii: "\n")
                (start + 2).initialize(repeating: UInt8(ascii: " "), count: spaces)
                start[2 + spaces] = UInt8(ascii: "\"")
                if let key = keyBytes.baseAddress { (start + 3 + spaces).initialize(from: key, count: keyBytes.count) }
                start[length - 3] = UInt8(ascii: "\"")
                start[length - 2] = UInt8(ascii: ":")
                start[length - 1] = UInt8(ascii: " ")
                output.append(contentsOf: UnsafeBufferPointer(start: start, count: length))
            }
            return true
        }
        guard !copied else { return }
        output.append(opening)
        JSONValue.newline(indent + 1, into: &output)
        JSONValue.writeString(key, into: &output)
        output.append(literal: ": ")
    }

    /// The longest start of an entry copied at once (on the stack); a longer one, or a key
    /// that needs escapes, is written piece by piece.
    private static let entryStartLimit = 128
}

/// What an object's entries can be given to: a `JSONObject` that holds them, or a
/// `PrettyObjectWriter` that writes them at once. A description written once against this
/// (`CardJSON.entries`) gives both the same keys in the same order.
public protocol JSONEntries {
    mutating func string(_ key: String, _ value: String)
    mutating func integer(_ key: String, _ value: Int64)
    mutating func bool(_ key: String, _ value: Bool)
    mutating func strings(_ key: String, _ values: [String])
    mutating func value(_ key: String, _ value: JSONValue)
    mutating func object(_ key: String, _ body: (inout Self) -> Void)
}

extension JSONObject: JSONEntries {
    public mutating func string(_ key: String, _ value: String) { set(key, .string(value)) }
    public mutating func integer(_ key: String, _ value: Int64) { set(key, .integer(value)) }
    public mutating func bool(_ key: String, _ value: Bool) { set(key, .bool(value)) }
    public mutating func strings(_ key: String, _ values: [String]) { set(key, .array(values.map(JSONValue.string))) }
    public mutating func value(_ key: String, _ value: JSONValue) { set(key, value) }

    public mutating func object(_ key: String, _ body: (inout JSONObject) -> Void) {
        var nested = JSONObject()
        body(&nested)
        set(key, .object(nested))
    }
}
