// A strict RFC 8259 parser producing `JSONValue`, with line:column positions in errors.
// Depth is limited so hostile input cannot overflow the stack.

public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public let message: String
    public let line: Int
    public let column: Int

    public var description: String { "\(line):\(column): \(message)" }

    /// What usually makes a file fail this way, and what to do, for people reading the
    /// error (issue 17: every error used to blame a file cut off while copying, even one
    /// nested too deeply). Told apart by the messages this parser writes (`JSONCursor`).
    public var likelyCause: String {
        if message.contains("end of input") || message.hasPrefix("unterminated") {
            return "A file cut off while copying is the usual cause: export it again."
        }
        if message.hasPrefix("nested too deeply") {
            return "No export is nested this deeply: the file was not written by 'sysdrill export', or was built by another tool."
        }
        if message.hasPrefix("invalid UTF-8") {
            return "The file is not UTF-8 text: an editor or tool that saved it in another encoding is the usual cause. Export it again."
        }
        if message.hasPrefix("duplicate key") {
            return "A key written twice in one object comes from a hand edit or another tool, never from an export: remove one, or export again."
        }
        if message.hasPrefix("control character") || message.contains("escape") {
            return "A hand edit is the usual cause (a raw tab or line break inside a string, or a broken \\u escape): fix that place, or export again."
        }
        if message.hasPrefix("unexpected text after") {
            return "Something follows the document: two files joined together or text appended to it. Keep only the export."
        }
        return "The text is damaged at that place: a hand edit or a file merged by a tool is the usual cause. Fix it, or export again."
    }
}

public enum JSONParser {
    public static let maximumDepth = 512

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(bytes: Array(text.utf8))
    }

    public static func parse(bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var cursor = JSONCursor(bytes: bytes)
        cursor.skipWhitespace()
        let value = try cursor.readValue(depth: 0)
        try cursor.expectEnd()
        return value
    }
}

/// A position in a JSON text, for reading it piece by piece: a whole value as a tree
/// (`readValue`), or an object's members and an array's elements one at a time
/// (`openObject`/`nextKey`, `openArray`/`nextElement`), so a big document can be checked
/// element by element without holding its tree. Both ways accept and refuse exactly the
/// same texts, with the same messages and positions: `JSONParser.parse` is built on it.
public struct JSONCursor {
    /// Keeps `bytes` alive.
    public let storage: JSONBytes
    public let bytes: UnsafeBufferPointer<UInt8>
    /// The index of the next byte to read.
    public var position = 0

    public init(bytes: [UInt8]) {
        self.init(storage: JSONBytes(copying: bytes))
    }

    public init(storage: JSONBytes) {
        self.storage = storage
        bytes = storage.buffer
        // A UTF-8 byte order mark is tolerated.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    public var atEnd: Bool { position >= bytes.count }

    /// The next byte, nil at the end.
    public var next: UInt8? { atEnd ? nil : bytes[position] }

    /// After the top-level value: only whitespace may follow.
    public mutating func expectEnd() throws(JSONParseError) {
        skipWhitespace()
        guard atEnd else { throw error("unexpected text after the JSON value") }
    }

    /// Where an object stands while its members are read with `nextKey`.
    public struct Members {
        var done: Bool
        var first = true
        var keys: [String] = []
        /// Keys seen, kept only for big objects (see `readObject`).
        var seen: Set<String>?
    }

    /// Where an array stands while its elements are read with `nextElement`.
    public struct Elements {
        var done: Bool
        var first = true
    }

    /// Enters the object at the cursor (its `{`).
    public mutating func openObject() -> Members {
        position += 1
        skipWhitespace()
        if !atEnd, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return Members(done: true)
        }
        return Members(done: false)
    }

    /// The next member's key, with the cursor left at its value (which the caller must
    /// read before asking for the next key); nil after the closing `}`.
    public mutating func nextKey(_ members: inout Members) throws(JSONParseError) -> String? {
        if members.done { return nil }
        if members.first {
            members.first = false
        } else {
            skipWhitespace()
            guard !atEnd else { throw error("unexpected end of input inside object") }
            if bytes[position] == UInt8(ascii: "}") {
                position += 1
                members.done = true
                return nil
            }
            guard bytes[position] == UInt8(ascii: ",") else { throw error("expected ',' or '}' in object") }
            position += 1
        }
        skipWhitespace()
        guard !atEnd, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a string key in object") }
        let keyStart = position
        let key = try readString()
        if members.seen == nil, members.keys.count >= 16 { members.seen = Set(members.keys) }
        let duplicate = members.seen.map { $0.contains(key) } ?? members.keys.contains(key)
        guard !duplicate else { throw error("duplicate key '\(key)'", at: keyStart) }
        members.seen?.insert(key)
        members.keys.append(key)
        skipWhitespace()
        guard !atEnd, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':' after key '\(key)'") }
        position += 1
        skipWhitespace()
        return key
    }

    /// Enters the array at the cursor (its `[`).
    public mutating func openArray() -> Elements {
        position += 1
        skipWhitespace()
        if !atEnd, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return Elements(done: true)
        }
        return Elements(done: false)
    }

    /// True with the cursor at the next element (which the caller must read before
    /// asking again); false after the closing `]`.
    public mutating func nextElement(_ elements: inout Elements) throws(JSONParseError) -> Bool {
        if elements.done { return false }
        if elements.first {
            elements.first = false
        } else {
            skipWhitespace()
            guard !atEnd else { throw error("unexpected end of input inside array") }
            if bytes[position] == UInt8(ascii: "]") {
                position += 1
                elements.done = true
                return false
            }
            guard bytes[position] == UInt8(ascii: ",") else { throw error("expected ',' or ']' in array") }
            position += 1
        }
        skipWhitespace()
        return true
    }
}

extension JSONCursor {
    /// An error at `offset` (default: the cursor), with its line and column.
    public func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        let end = min(offset ?? position, bytes.count)
        var line = 1
        var lineStart = 0
        for i in 0..<end where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        // Column in characters, not bytes.
        let column = String(decoding: bytes[lineStart..<end], as: UTF8.self).count + 1
        return JSONParseError(message: message, line: line, column: column)
    }

    public mutating func skipWhitespace() {
        while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D || bytes[position] == 0x09 {
            position += 1
        }
    }

    /// The value at the cursor as a tree; `depth` is its nesting level (0 for the
    /// document itself), counted against `JSONParser.maximumDepth`.
    public mutating func readValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth < JSONParser.maximumDepth else { throw error("nested too deeply (more than \(JSONParser.maximumDepth) levels)") }
        guard !atEnd else { throw error("unexpected end of input, expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try readObject(depth: depth)
        case UInt8(ascii: "["): return try readArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try readNumber()
        default: throw error("unexpected character, expected a value")
        }
    }

    mutating func expectWord(_ word: String) throws(JSONParseError) {
        let utf8 = Array(word.utf8)
        guard position + utf8.count <= bytes.count, Array(bytes[position..<position + utf8.count]) == utf8 else {
            throw error("invalid literal, expected '\(word)'")
        }
        position += utf8.count
    }

    mutating func readObject(depth: Int) throws(JSONParseError) -> JSONValue {
        position += 1
        var object = JSONObject()
        // Keys seen, kept only for big objects: for the usual handful of keys a look
        // through them beats building a Set for each of a million objects.
        var seen: Set<String>?
        skipWhitespace()
        if !atEnd, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(object) }
        while true {
            skipWhitespace()
            guard !atEnd, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a string key in object") }
            let keyStart = position
            let key = try readString()
            if seen == nil, object.entries.count >= 16 { seen = Set(object.keys) }
            let duplicate = seen.map { $0.contains(key) } ?? (object[key] != nil)
            guard !duplicate else { throw error("duplicate key '\(key)'", at: keyStart) }
            seen?.insert(key)
            skipWhitespace()
            guard !atEnd, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':' after key '\(key)'") }
            position += 1
            skipWhitespace()
            object.appendNew(key, try readValue(depth: depth + 1))
            skipWhitespace()
            guard !atEnd else { throw error("unexpected end of input inside object") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(object) }
            throw error("expected ',' or '}' in object")
        }
    }

    mutating func readArray(depth: Int) throws(JSONParseError) -> JSONValue {
        position += 1
        var values: [JSONValue] = []
        skipWhitespace()
        if !atEnd, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(values) }
        while true {
            skipWhitespace()
            values.append(try readValue(depth: depth + 1))
            skipWhitespace()
            guard !atEnd else { throw error("unexpected end of input inside array") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(values) }
            throw error("expected ',' or ']' in array")
        }
    }

    /// The string at the cursor (its opening quote), unescaped.
    public mutating func readString() throws(JSONParseError) -> String {
        position += 1  // opening quote
        // Most strings have no escape: one validated copy of their bytes. With escapes,
        // the decoded bytes are collected and made a string once (appending scalar by
        // scalar made reading a million-review export take 10 s).
        var decoded: [UInt8] = []
        var runStart = position
        func flushRun(_ end: Int, into decoded: inout [UInt8]) throws(JSONParseError) {
            guard runStart < end else { return }
            guard String(validating: bytes[runStart..<end], as: UTF8.self) != nil else {
                throw error("invalid UTF-8 in string", at: runStart)
            }
            decoded.append(contentsOf: bytes[runStart..<end])
        }
        var escaped = false
        while true {
            guard !atEnd else { throw error("unterminated string") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                if !escaped {
                    guard let text = String(validating: bytes[runStart..<position], as: UTF8.self) else {
                        throw error("invalid UTF-8 in string", at: runStart)
                    }
                    position += 1
                    return text
                }
                try flushRun(position, into: &decoded)
                position += 1
                return String(decoding: decoded, as: UTF8.self)
            }
            if byte < 0x20 { throw error("control character in string (escape it as \\u00XX)") }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                try flushRun(position, into: &decoded)
                position += 1
                guard !atEnd else { throw error("unterminated escape") }
                let escape = bytes[position]
                position += 1
                let scalar: Unicode.Scalar
                switch escape {
                case UInt8(ascii: "\""): scalar = "\""
                case UInt8(ascii: "\\"): scalar = "\\"
                case UInt8(ascii: "/"): scalar = "/"
                case UInt8(ascii: "b"): scalar = "\u{08}"
                case UInt8(ascii: "f"): scalar = "\u{0C}"
                case UInt8(ascii: "n"): scalar = "\n"
                case UInt8(ascii: "r"): scalar = "\r"
                case UInt8(ascii: "t"): scalar = "\t"
                case UInt8(ascii: "u"):
                    var code = try readHex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                            throw error("lone surrogate in \\u escape")
                        }
                        position += 2
                        let low = try readHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid surrogate pair in \\u escape") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw error("lone surrogate in \\u escape")
                    }
                    guard let decodedScalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                    scalar = decodedScalar
                default:
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'", at: position - 2)
                }
                decoded.append(contentsOf: UTF8.encode(scalar)!)
                runStart = position
                continue
            }
            position += 1
        }
    }

    mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    mutating func readNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        var isInteger = true
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard !atEnd, isDigit(bytes[position]) else { throw error("invalid number", at: start) }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if !atEnd, isDigit(bytes[position]) { throw error("leading zero in number", at: start) }
        } else {
            while !atEnd, isDigit(bytes[position]) { position += 1 }
        }
        if !atEnd, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard !atEnd, isDigit(bytes[position]) else { throw error("expected digits after '.'", at: start) }
            while !atEnd, isDigit(bytes[position]) { position += 1 }
        }
        if !atEnd, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if !atEnd, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard !atEnd, isDigit(bytes[position]) else { throw error("expected digits in exponent", at: start) }
            while !atEnd, isDigit(bytes[position]) { position += 1 }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isInteger, let value = Int64(text) { return .integer(value) }
        guard let value = Double(text), value.isFinite else { throw error("number out of range", at: start) }
        return .number(value)
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
