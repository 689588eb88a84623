/// Writes a zip archive in memory with stored (uncompressed) members: what an `.apkg`
/// needs, and every zip reader takes it. Pure: the caller writes the bytes.
public struct ZipWriter {
    private var output: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    public init() {}

    /// Adds a member. The time is fixed (1980-01-01, DOS time's start), so the same
    /// content always gives the same archive.
    public mutating func add(name: String, data: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(data)
        let offset = output.count
        // Local header: signature, version 2.0, flags (bit 11: UTF-8 name), method 0, time, date.
        append32(&output, 0x0403_4B50)
        append16(&output, 20); append16(&output, 0x0800); append16(&output, 0)
        append16(&output, 0); append16(&output, 0x21)
        append32(&output, Int(crc)); append32(&output, data.count); append32(&output, data.count)
        append16(&output, nameBytes.count); append16(&output, 0)
        output += nameBytes
        output += data
        // Central directory entry for the same member.
        append32(&directory, 0x0201_4B50)
        append16(&directory, 20); append16(&directory, 20); append16(&directory, 0x0800); append16(&directory, 0)
        append16(&directory, 0); append16(&directory, 0x21)
        append32(&directory, Int(crc)); append32(&directory, data.count); append32(&directory, data.count)
        append16(&directory, nameBytes.count); append16(&directory, 0); append16(&directory, 0)
        append16(&directory, 0); append16(&directory, 0); append32(&directory, 0)
        append32(&directory, offset)
        directory += nameBytes
        count += 1
    }

    /// The whole archive.
    public func finish() -> [UInt8] {
        var result = output + directory
        append32(&result, 0x0605_4B50)
        append16(&result, 0); append16(&result, 0)
        append16(&result, count); append16(&result, count)
        append32(&result, directory.count); append32(&result, output.count)
        append16(&result, 0)
        return result
    }

    private func append16(_ bytes: inout [UInt8], _ value: Int) {
        bytes.append(UInt8(value & 0xFF))
        bytes.append(UInt8(value >> 8 & 0xFF))
    }

    private func append32(_ bytes: inout [UInt8], _ value: Int) {
        append16(&bytes, value & 0xFFFF)
        append16(&bytes, value >> 16 & 0xFFFF)
    }
}
