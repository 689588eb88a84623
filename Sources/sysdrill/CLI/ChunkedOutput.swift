import JSONText
import Terminal

/// Output gathered into pieces of about 64 KiB, each written once: long listings stream
/// without a write per line.
struct ChunkedOutput {
    private let stream: StreamWriter
    private var buffer: [UInt8] = []

    init(_ stream: StreamWriter) {
        self.stream = stream
        buffer.reserveCapacity(1 << 16)
    }

    mutating func append(_ text: String) {
        // In one copy: `append(contentsOf: text.utf8)` went byte by byte.
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func append(json value: JSONValue, indent: Int) {
        value.write(into: &buffer, pretty: true, indent: indent)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// A JSON object written entry by entry by `body` (`PrettyObjectWriter`).
    mutating func appendObject(indent: Int, _ body: (inout PrettyObjectWriter) -> Void) {
        PrettyObjectWriter.write(into: &buffer, indent: indent, body)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// A JSON string: `text` quoted and escaped.
    mutating func append(jsonString text: String) {
        JSONValue.writeString(text, into: &buffer)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        stream.write(bytes: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
