/// Turns a deck file's bytes into lines of text, refusing binary data and invalid UTF-8
/// with the exact line and column, so a wrong file is reported instead of half-parsed.
enum TextDecoding {
    static func lines(of bytes: [UInt8], path: String) throws(DeckError) -> [Substring] {
        var start = 0
        // A UTF-8 byte order mark is allowed and dropped.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        var lineNumber = 1
        var lineStart = start
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0 {
                throw .invalidText(path: path, line: lineNumber, column: column(of: index, lineStart: lineStart, in: bytes),
                                   reason: "binary data (a NUL byte): this is not a Markdown text file")
            }
            if byte < 0x80 {
                if byte == 0x0A {
                    lineNumber += 1
                    lineStart = index + 1
                }
                index += 1
                continue
            }
            let length = sequenceLength(at: index, in: bytes)
            if length == 0 {
                throw .invalidText(path: path, line: lineNumber, column: column(of: index, lineStart: lineStart, in: bytes),
                                   reason: "invalid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))); save the file as UTF-8")
            }
            index += length
        }
        // Split on bytes: in Swift "\r\n" is one Character, so splitting a String on "\n"
        // would miss Windows line endings. The lines are slices of one string (a string
        // per line cost 300k allocations for a 10 MB deck); a line always starts and ends
        // at a character boundary, since characters never extend across CR or LF.
        let text = String(decoding: bytes[start...], as: UTF8.self)
        let utf8 = text.utf8
        func slice(_ begin: Int, _ end: Int) -> Substring {
            text[utf8.index(utf8.startIndex, offsetBy: begin - start)..<utf8.index(utf8.startIndex, offsetBy: end - start)]
        }
        var lines: [Substring] = []
        var lineBegin = start
        for index in start..<bytes.count where bytes[index] == 0x0A {
            let end = index > lineBegin && bytes[index - 1] == 0x0D ? index - 1 : index
            lines.append(slice(lineBegin, end))
            lineBegin = index + 1
        }
        if lineBegin < bytes.count {
            let end = bytes[bytes.count - 1] == 0x0D ? bytes.count - 1 : bytes.count
            lines.append(slice(lineBegin, end))
        }
        return lines
    }

    /// Length of the valid UTF-8 sequence starting at `index`, or 0 if invalid
    /// (overlong forms, surrogates and values above U+10FFFF are invalid).
    static func sequenceLength(at index: Int, in bytes: [UInt8]) -> Int {
        let lead = bytes[index]
        let length: Int
        var minimum: UInt32
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(lead & 0x07)
        default: return 0
        }
        guard index + length <= bytes.count else { return 0 }
        for offset in 1..<length {
            let next = bytes[index + offset]
            guard next & 0xC0 == 0x80 else { return 0 }
            value = (value << 6) | UInt32(next & 0x3F)
        }
        guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { return 0 }
        return length
    }

    /// 1-based column in characters of the byte at `index`.
    static func column(of index: Int, lineStart: Int, in bytes: [UInt8]) -> Int {
        String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1
    }
}
