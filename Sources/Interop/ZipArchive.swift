/// Reads a zip archive held in memory or mapped by the caller (PKWARE APPNOTE: end of
/// central directory, central directory, local headers). Members may be stored (method 0)
/// or deflated (method 8); their sizes and CRC-32 are checked. Zip64, encryption and other
/// methods are refused with a message that says so. Pure: the caller reads the file.
public struct ZipArchive {
    public struct Entry: Equatable, Sendable {
        public let name: String
        public let method: Int
        public let crc: UInt32
        public let compressedSize: Int
        public let size: Int
        let flags: Int
        let localHeaderOffset: Int
    }

    /// Why the bytes are not a readable zip archive (the caller adds the file's name).
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
        init(_ reason: String) { self.reason = reason }
    }

    public let entries: [Entry]
    let bytes: UnsafeBufferPointer<UInt8>
    /// What keeps `bytes` alive when the archive made its own copy.
    private let copy: ArchiveCopy?

    /// Whether `bytes` begin like a zip archive (a local header, or an empty archive).
    public static func looksLikeZip(_ prefix: [UInt8]) -> Bool {
        prefix.count >= 4 && prefix[0] == 0x50 && prefix[1] == 0x4B
            && ((prefix[2] == 3 && prefix[3] == 4) || (prefix[2] == 5 && prefix[3] == 6))
    }

    /// An archive of a copy of `bytes`.
    public init(bytes: [UInt8]) throws(Failure) {
        let copy = ArchiveCopy(bytes)
        try self.init(buffer: copy.buffer, copy: copy)
    }

    /// An archive of bytes the caller keeps alive (and unchanged) as long as the archive is
    /// used: a mapped file.
    public init(buffer: UnsafeBufferPointer<UInt8>) throws(Failure) {
        try self.init(buffer: buffer, copy: nil)
    }

    private init(buffer bytes: UnsafeBufferPointer<UInt8>, copy: ArchiveCopy?) throws(Failure) {
        self.bytes = bytes
        self.copy = copy
        let end = try Self.endOfCentralDirectory(bytes)
        let count = Self.uint16(bytes, end + 10)
        let directorySize = Self.uint32(bytes, end + 12)
        let directoryOffset = Self.uint32(bytes, end + 16)
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            throw Failure("it is a Zip64 archive, which sysdrill does not read")
        }
        guard directoryOffset + directorySize <= end else {
            throw Failure("its central directory lies outside the file (truncated or damaged)")
        }
        var entries: [Entry] = []
        var offset = directoryOffset
        for index in 0..<count {
            guard offset + 46 <= end, Self.uint32(bytes, offset) == 0x0201_4B50 else {
                throw Failure("central directory entry \(index + 1) of \(count) is damaged")
            }
            let nameLength = Self.uint16(bytes, offset + 28)
            let extraLength = Self.uint16(bytes, offset + 30)
            let commentLength = Self.uint16(bytes, offset + 32)
            guard offset + 46 + nameLength <= end else { throw Failure("central directory entry \(index + 1) is cut short") }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            entries.append(Entry(name: name, method: Self.uint16(bytes, offset + 10), crc: UInt32(Self.uint32(bytes, offset + 16)),
                                 compressedSize: Self.uint32(bytes, offset + 20), size: Self.uint32(bytes, offset + 24),
                                 flags: Self.uint16(bytes, offset + 8), localHeaderOffset: Self.uint32(bytes, offset + 42)))
            offset += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    public func entry(named name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// The member's content, inflated if needed and checked against its size and CRC-32.
    public func data(of entry: Entry) throws(Failure) -> [UInt8] {
        var content: [UInt8] = []
        try forEachPiece(of: entry) { piece, _ in content.append(contentsOf: piece) }
        return content
    }

    /// The member's content handed to `piece` in order, a megabyte or so at a time, with
    /// the offset in the archive up to which it has been read (a mapped archive can give
    /// those pages back). Its size and CRC-32 are checked once all of it has been handed
    /// over: on a failure, the caller drops what it was given.
    public func forEachPiece(of entry: Entry, _ piece: (UnsafeBufferPointer<UInt8>, _ archiveRead: Int) -> Void) throws(Failure) {
        if entry.flags & 1 != 0 { throw Failure("'\(entry.name)' is encrypted") }
        let header = entry.localHeaderOffset
        guard header + 30 <= bytes.count, Self.uint32(bytes, header) == 0x0403_4B50 else {
            throw Failure("the local header of '\(entry.name)' is missing or damaged")
        }
        let start = header + 30 + Self.uint16(bytes, header + 26) + Self.uint16(bytes, header + 28)
        guard start + entry.compressedSize <= bytes.count else {
            throw Failure("'\(entry.name)' is cut short: the archive is truncated")
        }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<(start + entry.compressedSize)])
        var count = 0
        var crc: UInt32 = 0
        func take(_ content: UnsafeBufferPointer<UInt8>, _ read: Int) {
            count += content.count
            crc = CRC32.checksum(content, continuing: crc)
            piece(content, start + read)
        }
        switch entry.method {
        case 0:
            var offset = 0
            while offset < raw.count {
                let end = min(raw.count, offset + (1 << 20))
                take(UnsafeBufferPointer(rebasing: raw[offset..<end]), end)
                offset = end
            }
        case 8:
            do {
                try Inflate.inflate(raw, limit: entry.size, piece: take)
            } catch {
                throw Failure("'\(entry.name)' cannot be inflated: \(error)")
            }
        default:
            throw Failure("'\(entry.name)' uses compression method \(entry.method); only stored (0) and deflated (8) are read")
        }
        guard count == entry.size else {
            throw Failure("'\(entry.name)' has \(count) bytes, the archive says \(entry.size)")
        }
        guard crc == entry.crc else {
            throw Failure("'\(entry.name)' is damaged: its CRC-32 does not match")
        }
    }

    /// The offset of the end-of-central-directory record: the last signature within the
    /// final 64 KiB + 22 bytes (the record may be followed by a comment).
    static func endOfCentralDirectory(_ bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> Int {
        guard bytes.count >= 22 else { throw Failure("it is too short to be a zip archive (\(bytes.count) bytes)") }
        var offset = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while offset >= lowest {
            if uint32(bytes, offset) == 0x0605_4B50 { return offset }
            offset -= 1
        }
        throw Failure("it has no zip end-of-archive record (truncated, or not a zip archive)")
    }

    static func uint16(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    static func uint32(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        uint16(bytes, offset) | uint16(bytes, offset + 2) << 16
    }
}

/// An archive's own copy of the bytes it was given as an array.
private final class ArchiveCopy {
    private let memory: UnsafeMutableBufferPointer<UInt8>
    let buffer: UnsafeBufferPointer<UInt8>

    init(_ bytes: [UInt8]) {
        memory = .allocate(capacity: max(1, bytes.count))
        _ = memory.initialize(from: bytes)
        buffer = UnsafeBufferPointer(rebasing: memory[0..<bytes.count])
    }

    deinit {
        memory.deallocate()
    }
}
