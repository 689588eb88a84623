/// The bytes of a JSON text and what keeps them alive: a copy of an array, or a file
/// mapped into memory by the caller (`release` unmaps it). A cursor reads through the
/// pointer, so a 250 MB export need not be read into an array first.
public final class JSONBytes: @unchecked Sendable {
    public let buffer: UnsafeBufferPointer<UInt8>
    private let release: () -> Void
    private let discard: ((Range<Int>) -> Void)?
    private var discardedUpTo = 0

    public init(copying bytes: [UInt8]) {
        let memory = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
        _ = memory.initialize(from: bytes)
        buffer = UnsafeBufferPointer(rebasing: memory[0..<bytes.count])
        release = { memory.deallocate() }
        discard = nil
    }

    /// Bytes owned elsewhere: `release` runs when the last cursor is gone; `discard`, if
    /// given, is told which bytes will not be read again soon (see `readingPassed`).
    public init(buffer: UnsafeBufferPointer<UInt8>, release: @escaping () -> Void,
                discard: ((Range<Int>) -> Void)? = nil) {
        self.buffer = buffer
        self.release = release
        self.discard = discard
    }

    deinit { release() }

    /// A reader that went through a big document in order says it passed `offset`: a
    /// mapped file can give the memory of the bytes before it back (they are read from the
    /// file again if needed, as an error message's line count does). Cheap to call often.
    public func readingPassed(_ offset: Int) {
        guard let discard, offset - discardedUpTo >= 1 << 22 else { return }
        discard(discardedUpTo..<offset)
        discardedUpTo = offset
    }
}
