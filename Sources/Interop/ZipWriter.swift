/// Writes a zip archive with stored (uncompressed) members, what an `.apkg` needs and
/// every zip reader takes, to a sink piece by piece: a member's contents may be handed
/// over in chunks, so a collection of hundreds of megabytes is never held whole (it was
/// held three times, and `export --format apkg` of 190k cards peaked at 842 MB).
/// There is no ZIP64: a member or an archive past 4 GiB is refused.
public struct ZipWriter {
    private let sink: ([UInt8]) throws -> Void
    private var offset = 0
    private var directory: [UInt8] = []
    private var count = 0

    public struct TooLarge: Error, CustomStringConvertible {
        public let description = "the archive would pass 4 GiB, which a zip without ZIP64 cannot hold"
    }

    public init(sink: @escaping ([UInt8]) throws -> Void) {
        self.sink = sink
    }

    /// A whole archive in memory.
    public static func archive(_ members: [(name: String, data: [UInt8])]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var writer = ZipWriter { bytes += $0 }
        for member in members { try writer.add(name: member.name, data: member.data) }
        try writer.finish()
        return bytes
    }

    public mutating func add(name: String, data: [UInt8]) throws {
        try add(name: name, size: data.count, crc: CRC32.checksum(data)) { try $0(data) }
    }

    /// Adds a member of `size` bytes whose CRC-32 is `crc`; `contents` hands its bytes to
    /// the function it is given, in order, in pieces of any size. The time is fixed
    /// (1980-01-01, DOS time's start), so the same content always gives the same archive.
    public mutating func add(name: String, size: Int, crc: UInt32,
                             contents: (([UInt8]) throws -> Void) throws -> Void) throws {
        // 0xFFFFFFFF itself marks a ZIP64 field, which this writer does not make.
        guard offset + size < 0xFFFF_FFFF, size < 0xFFFF_FFFF else { throw TooLarge() }
        let nameBytes = Array(name.utf8)
        var header: [UInt8] = []
        // Local header: signature, version 2.0, flags (bit 11: UTF-8 name), method 0, time, date.
        Self.append32(&header, 0x0403_4B50)
        Self.append16(&header, 20); Self.append16(&header, 0x0800); Self.append16(&header, 0)
        Self.append16(&header, 0); Self.append16(&header, 0x21)
        Self.append32(&header, Int(crc)); Self.append32(&header, size); Self.append32(&header, size)
        Self.append16(&header, nameBytes.count); Self.append16(&header, 0)
        header += nameBytes
        try sink(header)
        var written = 0
        try contents { piece in
            written += piece.count
            try sink(piece)
        }
        guard written == size else { throw ZipArchive.Failure("'\(name)' gave \(written) bytes where \(size) were announced") }
        // Central directory entry for the same member.
        Self.append32(&directory, 0x0201_4B50)
        Self.append16(&directory, 20); Self.append16(&directory, 20); Self.append16(&directory, 0x0800); Self.append16(&directory, 0)
        Self.append16(&directory, 0); Self.append16(&directory, 0x21)
        Self.append32(&directory, Int(crc)); Self.append32(&directory, size); Self.append32(&directory, size)
        Self.append16(&directory, nameBytes.count); Self.append16(&directory, 0); Self.append16(&directory, 0)
        Self.append16(&directory, 0); Self.append16(&directory, 0); Self.append32(&directory, 0)
        Self.append32(&directory, offset)
        directory += nameBytes
        offset += header.count + size
        count += 1
    }

    /// The central directory and its end record, after the last member.
    public mutating func finish() throws {
        guard offset + directory.count < 0xFFFF_FFFF else { throw TooLarge() }
        var end = directory
        Self.append32(&end, 0x0605_4B50)
        Self.append16(&end, 0); Self.append16(&end, 0)
        Self.append16(&end, count); Self.append16(&end, count)
        Self.append32(&end, directory.count); Self.append32(&end, offset)
        Self.append16(&end, 0)
        try sink(end)
    }

    private static func append16(_ bytes: inout [UInt8], _ value: Int) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8 & 0xFF))
    }

    private static func append32(_ bytes: inout [UInt8], _ value: Int) {
        append16(&bytes, value & 0xFFFF)
        append16(&bytes, value >> 16 & 0xFFFF)
    }
}
