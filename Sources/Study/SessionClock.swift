import Timekeeping
#if canImport(Glibc)
import Glibc
#endif

/// Time as a session sees it: the wall clock for scheduling and a monotonic clock for
/// measuring answer times. Injected so tests decide what time it is.
public protocol SessionClock: AnyObject {
    var now: UnixTime { get }
    /// Milliseconds on a clock that never jumps (answer durations).
    func monotonicMilliseconds() -> Int64
}

/// The real clocks; `fixedNow` (from SYSDRILL_NOW) freezes the wall clock.
public final class SystemClock: SessionClock {
    let fixedNow: UnixTime?

    public init(fixedNow: UnixTime?) {
        self.fixedNow = fixedNow
    }

    public var now: UnixTime { fixedNow ?? UnixTime(time(nil)) }

    public func monotonicMilliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}

/// Random version-4 UUIDs for review IDs, so logs from two machines merge without clashes.
public protocol IdentifierSource: AnyObject {
    func makeIdentifier() -> String
}

public final class RandomIdentifiers: IdentifierSource {
    private var generator: any RandomNumberGenerator

    public init(generator: any RandomNumberGenerator = SystemRandomNumberGenerator()) {
        self.generator = generator
    }

    public func makeIdentifier() -> String {
        // Two 64-bit draws, not sixteen byte draws: the system generator asks the kernel
        // once per draw.
        let high = generator.next(), low = generator.next()
        var bytes = (0..<16).map { UInt8(truncatingIfNeeded: ($0 < 8 ? high : low) >> (UInt64($0 % 8) * 8)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        // 8-4-4-4-12 lowercase hex, written directly (one string, not twenty).
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var position = 0
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    buffer[position] = UInt8(ascii: "-")
                    position += 1
                }
                for nibble in [byte >> 4, byte & 0x0F] {
                    buffer[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
                    position += 1
                }
            }
            return position
        }
    }

    /// `isUUID` for text known to be ASCII (a UUID in an import file's bytes).
    public static func isUUID(ascii bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 36 else { return false }
        for (offset, byte) in bytes.enumerated() {
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                let isHex = (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
                guard isHex else { return false }
            }
        }
        return true
    }

    /// True for the 8-4-4-4-12 lowercase or uppercase hex form.
    public static func isUUID(_ text: String) -> Bool {
        // The plain ASCII form decided on bytes (an import checks a million IDs); any
        // other text goes the character way, which also takes fullwidth hex digits.
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in isUUID(ascii: bytes) ? true : nil }
        if let ascii, let decided = ascii { return decided }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return parts.allSatisfy { $0.allSatisfy(\.isHexDigit) }
    }
}

/// UUIDs numbered 1, 2, 3…: a reproducible identifier source for tests of the sessions
/// (in the product module so the test targets of every use case can share it).
public final class CountingIdentifiers: IdentifierSource {
    private var next = 0

    public init() {}

    public func makeIdentifier() -> String {
        next += 1
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - String(next).count) + String(next)
    }
}
