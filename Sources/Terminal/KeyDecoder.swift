/// Turns the bytes a terminal sends in raw mode into `Key`s, incrementally: a read may end
/// in the middle of an escape sequence or a UTF-8 character, so the unfinished tail waits
/// in `pending` for the next `feed`. Pure (no I/O), so every case is testable on byte arrays.
///
/// Ambiguity rules:
/// - A lone ESC byte cannot be told from the start of an arrow key until time passes; the
///   reader calls `flushPending()` when no byte arrived within the escape delay, and only
///   then does a pending ESC become `.escape`.
/// - Garbage never crashes and never swallows a control key: a byte that cannot continue
///   the sequence in progress ends it as `.unknown` and is then decoded on its own, so a
///   Ctrl-C in the middle of a broken sequence is still `.interrupt`.
/// - An unfinished UTF-8 character or escape sequence at a flush becomes `.unknown`:
///   terminals send one key in one write, so a tail that stalls is a broken stream, not text.
public struct KeyDecoder: Sendable {
    /// Longest escape sequence we wait for; anything longer is noise, not a key.
    public static let maximumSequenceLength = 32

    private var pending: [UInt8] = []

    public init() {}

    /// True while the decoder holds the start of a key and needs more bytes or a flush.
    public var hasPendingBytes: Bool { !pending.isEmpty }

    /// Decodes every complete key in `pending + bytes`; an unfinished tail stays pending.
    public mutating func feed(_ bytes: [UInt8]) -> [Key] {
        pending.append(contentsOf: bytes)
        var keys: [Key] = []
        var start = pending.startIndex
        while start < pending.endIndex {
            switch Self.decodeOne(pending[start...]) {
            case let .decoded(key, length):
                keys.append(key)
                start += length
            case .needsMoreBytes:
                pending.removeSubrange(..<start)
                return keys
            }
        }
        pending.removeAll(keepingCapacity: true)
        return keys
    }

    /// Called when the input went quiet: whatever is pending will not be completed.
    public mutating func flushPending() -> [Key] {
        defer { pending.removeAll(keepingCapacity: true) }
        switch pending.count {
        case 0:
            return []
        case 1 where pending[0] == Byte.escape:
            return [.escape]
        case 2 where pending[0] == Byte.escape:
            // "ESC [" or "ESC O" that stalls: Esc typed, then "[" or "O" typed quickly.
            return [.escape, .character(Character(Unicode.Scalar(pending[1])))]
        default:
            return [.unknown(pending)]
        }
    }

    enum Step: Equatable {
        case decoded(Key, length: Int)
        case needsMoreBytes
    }

    /// Decodes the key at the start of `bytes` (never empty).
    static func decodeOne(_ bytes: ArraySlice<UInt8>) -> Step {
        let first = bytes[bytes.startIndex]
        switch first {
        case Byte.escape:
            return decodeEscape(bytes)
        case 0x0D, 0x0A:
            return .decoded(.enter, length: 1)
        case 0x09:
            return .decoded(.tab, length: 1)
        case 0x08, 0x7F:
            return .decoded(.backspace, length: 1)
        case 0x03:
            return .decoded(.interrupt, length: 1)
        case 0x04:
            return .decoded(.endOfInput, length: 1)
        case 0x00...0x1F:
            // Ctrl-@ is 0x00, Ctrl-A..Ctrl-Z are 0x01...0x1A, Ctrl-\ ] ^ _ are 0x1C...0x1F:
            // the byte is the key's ASCII code with bit 6 cleared.
            let base = first == 0x00 ? 0x40 : (first <= 0x1A ? first + 0x60 : first + 0x40)
            return .decoded(.control(Character(Unicode.Scalar(base))), length: 1)
        case 0x20...0x7E:
            return .decoded(.character(Character(Unicode.Scalar(first))), length: 1)
        default:
            return decodeUTF8(bytes)
        }
    }

    // MARK: Escape sequences

    private static func decodeEscape(_ bytes: ArraySlice<UInt8>) -> Step {
        let start = bytes.startIndex
        guard bytes.count >= 2 else { return .needsMoreBytes }
        switch bytes[start + 1] {
        case UInt8(ascii: "["):
            return decodeControlSequence(bytes)
        case UInt8(ascii: "O"):
            return decodeSingleShift(bytes)
        default:
            // Esc followed by anything else: the Esc stands alone, the next byte is its own key.
            return .decoded(.escape, length: 1)
        }
    }

    /// CSI: ESC [ parameters (0x30-0x3F) intermediates (0x20-0x2F) final (0x40-0x7E).
    private static func decodeControlSequence(_ bytes: ArraySlice<UInt8>) -> Step {
        let start = bytes.startIndex
        var index = start + 2
        while index < bytes.endIndex {
            let byte = bytes[index]
            let length = index - start + 1
            if length > maximumSequenceLength {
                return .decoded(.unknown(Array(bytes[start..<index])), length: index - start)
            }
            switch byte {
            case 0x20...0x3F:
                index += 1
            case 0x40...0x7E:
                let parameters = bytes[(start + 2)..<index]
                return .decoded(controlSequenceKey(parameters: parameters, final: byte, whole: bytes[start...index]),
                                length: length)
            default:
                return malformed(bytes[start..<index])
            }
        }
        return .needsMoreBytes
    }

    private static func controlSequenceKey(parameters: ArraySlice<UInt8>, final: UInt8, whole: ArraySlice<UInt8>) -> Key {
        let unknown = Key.unknown(Array(whole))
        // Only plain numeric parameters ("1;5"); private markers (< = > ?) and
        // intermediates belong to reports and modes sysdrill never enables.
        guard parameters.allSatisfy({ (0x30...0x3B).contains($0) }) else { return unknown }
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "Z"): return .backTab
        case UInt8(ascii: "~"):
            switch firstParameter(parameters) {
            case 1, 7: return .home
            case 2: return .insert
            case 3: return .delete
            case 4, 8: return .end
            case 5: return .pageUp
            case 6: return .pageDown
            default: return unknown
            }
        default:
            return unknown
        }
    }

    /// The number before the first ";" (xterm puts modifiers after it), nil when absent.
    private static func firstParameter(_ parameters: ArraySlice<UInt8>) -> Int? {
        var value = 0
        var sawDigit = false
        for byte in parameters {
            guard (0x30...0x39).contains(byte) else { break }
            value = value * 10 + Int(byte - 0x30)
            sawDigit = true
            if value > 9999 { return nil }
        }
        return sawDigit ? value : nil
    }

    /// SS3: ESC O final, sent for arrows and Home/End in "application cursor" mode.
    private static func decodeSingleShift(_ bytes: ArraySlice<UInt8>) -> Step {
        let start = bytes.startIndex
        guard bytes.count >= 3 else { return .needsMoreBytes }
        let final = bytes[start + 2]
        guard (0x40...0x7E).contains(final) else { return malformed(bytes[start..<(start + 2)]) }
        let key: Key
        switch final {
        case UInt8(ascii: "A"): key = .up
        case UInt8(ascii: "B"): key = .down
        case UInt8(ascii: "C"): key = .right
        case UInt8(ascii: "D"): key = .left
        case UInt8(ascii: "H"): key = .home
        case UInt8(ascii: "F"): key = .end
        default: key = .unknown(Array(bytes[start..<(start + 3)]))
        }
        return .decoded(key, length: 3)
    }

    /// A sequence cut short by a byte that cannot continue it. "ESC [" or "ESC O" alone is
    /// read as Esc typed before a character (the same rule as a flush); anything longer was
    /// meant as a sequence and becomes `.unknown`. The offending byte is decoded next.
    private static func malformed(_ prefix: ArraySlice<UInt8>) -> Step {
        if prefix.count == 2 { return .decoded(.escape, length: 1) }
        return .decoded(.unknown(Array(prefix)), length: prefix.count)
    }

    // MARK: UTF-8

    private static func decodeUTF8(_ bytes: ArraySlice<UInt8>) -> Step {
        let start = bytes.startIndex
        let lead = bytes[start]
        // Well-formed ranges from the Unicode standard (table 3-7): they exclude overlong
        // forms, surrogates and scalars past U+10FFFF, so every accepted sequence is a scalar.
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xE1...0xEF: length = 3
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        case 0xF1...0xF3: length = 4
        default: return .decoded(.unknown([lead]), length: 1)
        }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            guard start + offset < bytes.endIndex else { return .needsMoreBytes }
            let byte = bytes[start + offset]
            guard (offset == 1 ? secondRange : 0x80...0xBF).contains(byte) else {
                return .decoded(.unknown(Array(bytes[start..<(start + offset)])), length: offset)
            }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let sequence = Array(bytes[start..<(start + length)])
        // C1 controls (U+0080...U+009F) are not text.
        guard value >= 0xA0, let scalar = Unicode.Scalar(value) else {
            return .decoded(.unknown(sequence), length: length)
        }
        return .decoded(.character(Character(scalar)), length: length)
    }
}

enum Byte {
    static let escape: UInt8 = 0x1B
}
