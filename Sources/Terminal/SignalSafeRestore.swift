#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Process-wide storage for the one active terminal session, shaped so that a signal
/// handler can restore the terminal. A handler may only load atomics, read plain memory
/// and make async-signal-safe calls (tcflush, tcsetattr, write, sigaction, raise); it must
/// never allocate or take a lock, because the thread it interrupted may hold that lock.
/// So every buffer here is allocated once, filled before `isActive` is published with
/// release ordering, and never freed.
final class SignalSafeRestore: @unchecked Sendable {
    // @unchecked: the raw buffers are written only while no session is active (isActive
    // false, handlers reading nothing) and read only after an acquiring load of isActive.
    static let shared = SignalSafeRestore()

    static let signalSlots = 65  // Linux NSIG: signal numbers 1...64

    /// True from "raw mode may be on" until someone restores; `exchange(false)` makes sure
    /// exactly one of restore(), deinit, atexit or a signal handler does the restoring.
    let isActive = Atomic<Bool>(false)
    let inputFileDescriptor = Atomic<Int32>(-1)
    let outputFileDescriptor = Atomic<Int32>(-1)
    let savedSettings: UnsafeMutablePointer<termios>
    /// Bytes that undo the screen modes we switched on (show cursor, leave alternate screen).
    let leaveSequence: UnsafeMutablePointer<UInt8>
    let leaveSequenceCapacity = 64
    let leaveSequenceLength = Atomic<Int>(0)
    /// The disposition each signal had before we installed ours, indexed by signal number.
    let previousActions: UnsafeMutablePointer<sigaction>
    /// Held by the one live `TerminalSession` from init to restore().
    let sessionClaimed = Atomic<Bool>(false)
    let resizePending = Atomic<Bool>(false)
    let exitHookRegistered = Atomic<Bool>(false)

    private init() {
        savedSettings = .allocate(capacity: 1)
        savedSettings.initialize(to: termios())
        leaveSequence = .allocate(capacity: leaveSequenceCapacity)
        leaveSequence.initialize(repeating: 0, count: leaveSequenceCapacity)
        previousActions = .allocate(capacity: Self.signalSlots)
        previousActions.initialize(repeating: sigaction(), count: Self.signalSlots)
    }

    /// Publishes what to restore. Callers make sure no session is active.
    func arm(input: Int32, output: Int32, original: termios, leaveSequence bytes: [UInt8]) {
        let count = min(bytes.count, leaveSequenceCapacity)
        for index in 0..<count { leaveSequence[index] = bytes[index] }
        leaveSequenceLength.store(count, ordering: .relaxed)
        savedSettings.pointee = original
        inputFileDescriptor.store(input, ordering: .relaxed)
        outputFileDescriptor.store(output, ordering: .relaxed)
        isActive.store(true, ordering: .releasing)
    }

    /// Puts the terminal back exactly as it was, if a session is active. Async-signal-safe.
    /// Returns whether this call did the restoring.
    @discardableResult
    func restoreIfActive() -> Bool {
        guard isActive.exchange(false, ordering: .acquiringAndReleasing) else { return false }
        let output = outputFileDescriptor.load(ordering: .relaxed)
        var offset = 0
        let length = leaveSequenceLength.load(ordering: .relaxed)
        while offset < length {
            let written = write(output, leaveSequence + offset, length - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { break }
            offset += written
        }
        let input = inputFileDescriptor.load(ordering: .relaxed)
        // Keys typed but never read (a held arrow key) would otherwise land at the shell
        // prompt as "^[[A" garbage.
        tcflush(input, TCIFLUSH)
        tcsetattr(input, TCSANOW, savedSettings)
        return true
    }
}
