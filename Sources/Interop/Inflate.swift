/// DEFLATE decompression (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
/// Zip members are raw DEFLATE streams (no zlib header). Pure: bytes in, bytes out (whole,
/// or in pieces as they are made).
///
/// Huffman codes are decoded the canonical way, one bit at a time against the count of
/// codes of each length: slower than a lookup table, but short and exact, and a
/// collection of a few megabytes inflates in well under a second.
public enum Inflate {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The stream ended before its last block did.
        case truncated
        case invalidBlockType
        /// A stored block's length and its complement disagree.
        case storedLengthMismatch
        /// A code length table that no Huffman code can have.
        case invalidCodeLengths(String)
        /// A bit pattern that is no code of the block, or a symbol DEFLATE leaves unused.
        case invalidSymbol
        /// A back-reference before the start of the output.
        case distanceTooFar
        /// More output than the caller allowed (a zip bomb, or a wrong size in the archive).
        case outputTooLarge(limit: Int)

        public var description: String {
            switch self {
            case .truncated: return "the compressed data ends too early"
            case .invalidBlockType: return "a compressed block has the reserved type 3"
            case .storedLengthMismatch: return "a stored block's length does not match its check value"
            case .invalidCodeLengths(let why): return "a compressed block has an invalid Huffman table (\(why))"
            case .invalidSymbol: return "the compressed data has a code that means nothing"
            case .distanceTooFar: return "the compressed data refers back before its start"
            case .outputTooLarge(let limit): return "the data inflates to more than \(limit) bytes"
            }
        }
    }

    /// Inflates a raw DEFLATE stream, giving at most `limit` bytes.
    public static func inflate(_ input: [UInt8], limit: Int = Int.max) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        try input.withUnsafeBufferPointer { (input) throws(Failure) in
            try inflate(input, limit: limit) { piece, _ in output.append(contentsOf: piece) }
        }
        return output
    }

    /// Inflates a raw DEFLATE stream, handing the output to `piece` in order, a megabyte or
    /// so at a time, with how many input bytes have been read so far: a collection of
    /// 150 MB is never held whole. At most `limit` bytes are given.
    public static func inflate(_ input: UnsafeBufferPointer<UInt8>, limit: Int = Int.max,
                               piece: (UnsafeBufferPointer<UInt8>, _ inputRead: Int) -> Void) throws(Failure) {
        try withoutActuallyEscaping(piece) { (piece) throws(Failure) in
            var state = Decoder(input: input, limit: limit, piece: piece)
            try state.run()
            state.flush(keeping: 0)
        }
    }

    // Base lengths and extra bits of length symbols 257...285, and of distance codes 0...29.
    static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                                    131, 163, 195, 227, 258]
    static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025,
                                      1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12,
                                       13, 13]
    /// The order in which a dynamic block lists the code lengths of the code-length code.
    static let codeLengthOrder: [Int] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// A canonical Huffman code: how many codes each length has, and the symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int] = []

        init(lengths: [Int]) throws(Failure) {
            for length in lengths { counts[length] += 1 }
            var left = 1
            for length in 1...15 {
                left = left << 1 - counts[length]
                if left < 0 { throw .invalidCodeLengths("over-subscribed") }
            }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            symbols = [Int](repeating: 0, count: lengths.count)
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
            // An incomplete code is allowed (zlib writes one for a single distance); a
            // pattern outside it is found when decoded.
        }

        static let fixedLiterals = try! Huffman(lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
        static let fixedDistances = try! Huffman(lengths: [Int](repeating: 5, count: 30))
    }

    struct Decoder {
        let input: UnsafeBufferPointer<UInt8>
        let limit: Int
        var position = 0
        var bitBuffer = 0
        var bitCount = 0
        /// The output not handed over yet, after the last `window` bytes handed over (a
        /// back-reference reaches at most that far).
        var output: [UInt8] = []
        /// How many bytes of `output`'s start were handed over already (the window).
        var handedOver = 0
        /// Bytes produced before `output`'s start (dropped once handed over).
        var dropped = 0
        let piece: (UnsafeBufferPointer<UInt8>, Int) -> Void
        static let window = 32_768
        static let pieceSize = 1 << 20

        init(input: UnsafeBufferPointer<UInt8>, limit: Int, piece: @escaping (UnsafeBufferPointer<UInt8>, Int) -> Void) {
            self.input = input
            self.limit = limit
            self.piece = piece
            output.reserveCapacity(Self.pieceSize + Self.window)
        }

        /// How many bytes have been produced in all.
        var produced: Int { dropped + output.count }

        /// Hands over what has not been, then drops all but the last `keeping` bytes.
        mutating func flush(keeping: Int) {
            if handedOver < output.count {
                output.withUnsafeBufferPointer { piece(UnsafeBufferPointer(rebasing: $0[handedOver...]), position) }
            }
            let drop = max(0, output.count - keeping)
            output.removeFirst(drop)
            dropped += drop
            handedOver = output.count
        }

        /// Once a piece has gathered, hands it over, keeping the window.
        mutating func handOverIfFull() {
            if output.count - handedOver >= Self.pieceSize { flush(keeping: Self.window) }
        }

        mutating func bits(_ count: Int) throws(Failure) -> Int {
            while bitCount < count {
                guard position < input.count else { throw .truncated }
                bitBuffer |= Int(input[position]) << bitCount
                position += 1
                bitCount += 8
            }
            let value = bitBuffer & (1 << count - 1)
            bitBuffer >>= count
            bitCount -= count
            return value
        }

        mutating func decode(_ code: Huffman) throws(Failure) -> Int {
            var value = 0, first = 0, index = 0
            for length in 1...15 {
                value |= try bits(1)
                let count = code.counts[length]
                if value - first < count { return code.symbols[index + value - first] }
                index += count
                first = (first + count) << 1
                value <<= 1
            }
            throw .invalidSymbol
        }

        mutating func run() throws(Failure) {
            var last = false
            while !last {
                last = try bits(1) == 1
                switch try bits(2) {
                case 0: try stored()
                case 1: try codes(literals: Huffman.fixedLiterals, distances: Huffman.fixedDistances)
                case 2:
                    let (literals, distances) = try dynamicTables()
                    try codes(literals: literals, distances: distances)
                default: throw .invalidBlockType
                }
            }
        }

        mutating func stored() throws(Failure) {
            bitBuffer = 0  // the rest of the current byte is padding
            bitCount = 0
            guard position + 4 <= input.count else { throw .truncated }
            let length = Int(input[position]) | Int(input[position + 1]) << 8
            let complement = Int(input[position + 2]) | Int(input[position + 3]) << 8
            position += 4
            guard length == ~complement & 0xFFFF else { throw .storedLengthMismatch }
            guard position + length <= input.count else { throw .truncated }
            guard produced + length <= limit else { throw .outputTooLarge(limit: limit) }
            output.append(contentsOf: input[position..<(position + length)])
            position += length
            handOverIfFull()
        }

        mutating func dynamicTables() throws(Failure) -> (Huffman, Huffman) {
            let literalCount = try bits(5) + 257
            let distanceCount = try bits(5) + 1
            let lengthCodeCount = try bits(4) + 4
            guard literalCount <= 286, distanceCount <= 30 else { throw .invalidCodeLengths("too many codes") }
            var lengthLengths = [Int](repeating: 0, count: 19)
            for index in 0..<lengthCodeCount { lengthLengths[codeLengthOrder[index]] = try bits(3) }
            let lengthCode = try Huffman(lengths: lengthLengths)
            var lengths: [Int] = []
            lengths.reserveCapacity(literalCount + distanceCount)
            while lengths.count < literalCount + distanceCount {
                let symbol = try decode(lengthCode)
                var repeated = 0, value = 0
                switch symbol {
                case 0...15:
                    lengths.append(symbol)
                    continue
                case 16:
                    guard let previous = lengths.last else { throw .invalidCodeLengths("a repeat with nothing before it") }
                    value = previous
                    repeated = 3 + (try bits(2))
                case 17: repeated = 3 + (try bits(3))
                default: repeated = 11 + (try bits(7))
                }
                guard lengths.count + repeated <= literalCount + distanceCount else {
                    throw .invalidCodeLengths("more lengths than codes")
                }
                lengths.append(contentsOf: repeatElement(value, count: repeated))
            }
            guard lengths[256] != 0 else { throw .invalidCodeLengths("no end-of-block code") }
            return (try Huffman(lengths: Array(lengths[0..<literalCount])),
                    try Huffman(lengths: Array(lengths[literalCount...])))
        }

        mutating func codes(literals: Huffman, distances: Huffman) throws(Failure) {
            while true {
                let symbol = try decode(literals)
                if symbol < 256 {
                    guard produced < limit else { throw .outputTooLarge(limit: limit) }
                    output.append(UInt8(symbol))
                    handOverIfFull()
                    continue
                }
                if symbol == 256 { return }
                let lengthIndex = symbol - 257
                guard lengthIndex < 29 else { throw .invalidSymbol }
                let length = lengthBase[lengthIndex] + (try bits(lengthExtra[lengthIndex]))
                let distanceCode = try decode(distances)
                guard distanceCode < 30 else { throw .invalidSymbol }
                let distance = distanceBase[distanceCode] + (try bits(distanceExtra[distanceCode]))
                // The window kept is the most a distance can be (32 KiB), so only the start of
                // the whole output is out of reach.
                guard distance <= output.count else { throw .distanceTooFar }
                guard produced + length <= limit else { throw .outputTooLarge(limit: limit) }
                // Byte by byte: a copy may overlap what it produces (distance < length).
                let start = output.count - distance
                for offset in 0..<length { output.append(output[start + offset]) }
                handOverIfFull()
            }
        }
    }
}
