/// Checks a deck file's bytes before anything is parsed, refusing binary data and invalid
/// UTF-8 with the exact line and column, so a wrong file is reported instead of half-parsed
/// (and such an error comes first, whatever else the file holds).
enum TextDecoding {
    /// Where the text starts: after a UTF-8 byte order mark, which is allowed and dropped.
    static func validate(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws(DeckError) -> Int {
        let start = hasByteOrderMark(bytes) ? 3 : 0
        var index = start
        while index < bytes.count {
            // Plain ASCII without NUL needs no look at each byte.
            if index + 8 <= bytes.count {
                let word = WordScan.load(bytes, at: index)
                if WordScan.isASCII(word) && !WordScan.hasZeroByte(word) {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte != 0 && byte < 0x80 {
                index += 1
                continue
            }
            if byte == 0 {
                let (line, lineStart) = position(of: index, in: bytes, from: start)
                throw .invalidText(path: path, line: line, column: column(of: index, lineStart: lineStart, in: bytes),
                                   reason: "binary data (a NUL byte): this is not a Markdown text file")
            }
            let length = sequenceLength(at: index, in: bytes)
            if length == 0 {
                let (line, lineStart) = position(of: index, in: bytes, from: start)
                throw .invalidText(path: path, line: line, column: column(of: index, lineStart: lineStart, in: bytes),
                                   reason: "invalid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true))); save the file as UTF-8")
            }
            index += length
        }
        return start
    }

    static func hasByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// 1-based line number of the byte at `index`, and where that line starts (counted
    /// only for an error, so the scan above need not count lines).
    private static func position(of index: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (line: Int, start: Int) {
        var line = 1
        var lineStart = start
        for offset in start..<index where bytes[offset] == 0x0A {
            line += 1
            lineStart = offset + 1
        }
        return (line, lineStart)
    }

    /// Length of the valid UTF-8 sequence starting at `index`, or 0 if invalid
    /// (overlong forms, surrogates and values above U+10FFFF are invalid).
    static func sequenceLength(at index: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
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
    static func column(of index: Int, lineStart: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<index]), as: UTF8.self).count + 1
    }
}
