#if canImport(Glibc)
import Glibc
#endif

/// One finished child: wall time from just before `posix_spawn` to `wait4`'s return (or
/// to its first byte of output, see `ChildCommand.timeToFirstOutput`), and the peak
/// resident set `wait4` reports for it.
struct ChildResult {
    let seconds: Double
    let peakBytes: Int
    let status: Int32
    var succeeded: Bool { status == 0 }
}

/// What to start and where its standard streams go.
struct ChildCommand {
    var arguments: [String]
    var environment: [String]
    /// stdin from this file, else /dev/null.
    var input: String?
    /// stdout to this file, else /dev/null.
    var output: String?
    /// stderr to stdout's place instead of /dev/null.
    var errorsToOutput = false
    /// Time to the child's first byte on stdout (read through a pipe, the rest drained)
    /// instead of to its end: "the first card shown" of a line-mode review, which writes
    /// each card with write(2) as it shows it. The peak memory is still the whole run's.
    var timeToFirstOutput = false
}

enum BenchError: Error, CustomStringConvertible {
    case spawn(String, Int32)
    case failed(String, Int32)
    case io(String)
    case setup(String)

    var description: String {
        switch self {
        case .spawn(let command, let code): return "cannot start \(command): \(String(cString: strerror(code)))"
        case .failed(let command, let status): return "\(command) exited with status \(status)"
        case .io(let message): return message
        case .setup(let message): return message
        }
    }
}

enum Clock {
    /// Monotonic seconds (never jumps with the wall clock).
    static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

enum ChildProcess {
    /// Starts the command and waits for it. Call this only from a process with a small
    /// memory footprint (see `Launcher`): on Linux a child's `ru_maxrss` starts from the
    /// high-water mark of the memory it was spawned from.
    static func run(_ command: ChildCommand) throws -> ChildResult {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, command.input ?? "/dev/null", O_RDONLY, 0)
        var outputPipe: [Int32] = [-1, -1]
        if command.timeToFirstOutput {
            guard pipe(&outputPipe) == 0 else { throw BenchError.io("pipe: \(String(cString: strerror(errno)))") }
            posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
            posix_spawn_file_actions_addclose(&actions, outputPipe[0])
            posix_spawn_file_actions_addclose(&actions, outputPipe[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, command.output ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        if command.errorsToOutput {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        guard command.timeToFirstOutput else {
            return try spawnAndWait(command.arguments, environment: command.environment, actions: &actions)
        }
        return try spawnAndWait(command.arguments, environment: command.environment, actions: &actions) { started in
            close(outputPipe[1])
            defer { close(outputPipe[0]) }
            var first: Double?
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(outputPipe[0], $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                if first == nil { first = Clock.seconds() - started }
            }
            return first
        }
    }

    /// `whileRunning` (given the start time) runs between the spawn and the wait; the
    /// time it returns, if any, replaces the wall time.
    static func spawnAndWait(_ arguments: [String], environment: [String], actions: inout posix_spawn_file_actions_t,
                             whileRunning: ((Double) -> Double?)? = nil) throws -> ChildResult {
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let started = Clock.seconds()
        let code = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        guard code == 0 else { throw BenchError.spawn(arguments[0], code) }
        let measured = whileRunning?(started)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError.io("wait4: \(String(cString: strerror(errno)))") }
        }
        let elapsed = whileRunning == nil ? Clock.seconds() - started : measured ?? Clock.seconds() - started
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        // Linux reports ru_maxrss in KiB.
        return ChildResult(seconds: elapsed, peakBytes: Int(usage.ru_maxrss) * 1024, status: exit)
    }

    /// The full path of `name` on PATH, or nil (a reference tool that is not installed).
    static func find(_ name: String, path: String?) -> String? {
        for folder in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = folder + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// Starts every measured child through a helper process (this executable with
/// `--launcher`) started before any data exists. Linux keeps a process's memory
/// high-water mark across `execve`, and `posix_spawn` children share the spawning
/// process's memory until they exec, so a child spawned straight from the bench (which
/// holds a 10 MB deck and copies databases) would report the bench's peak instead of
/// its own. The launcher stays a few MiB, below any child it measures.
final class Launcher {
    private let pid: pid_t
    private let requests: Int32
    private var replies = LineInput(descriptor: -1)

    init(executable: String) throws {
        var toChild: [Int32] = [0, 0]
        var fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw BenchError.io("pipe: \(String(cString: strerror(errno)))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        for descriptor in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, descriptor) }
        let argv = [strdup(executable), strdup("--launcher"), nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard code == 0 else { throw BenchError.spawn(executable, code) }
        close(toChild[0])
        close(fromChild[1])
        self.pid = pid
        self.requests = toChild[1]
        self.replies = LineInput(descriptor: fromChild[0])
    }

    deinit {
        close(requests)  // end of input: the launcher exits
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    func run(_ command: ChildCommand) throws -> ChildResult {
        var fields = [command.input ?? "", command.output ?? "", command.errorsToOutput ? "1" : "0",
                      command.timeToFirstOutput ? "1" : "0", String(command.arguments.count)]
        fields += command.arguments + command.environment
        var message = String(fields.count) + "\n"
        for field in fields { message += String(field.utf8.count) + "\n" + field }
        try Output.write(message, to: requests)
        guard let reply = replies.line() else { throw BenchError.io("the launcher stopped") }
        let parts = reply.split(separator: " ")
        if parts.first == "error", parts.count == 3, let code = Int32(parts[2]) {
            throw BenchError.spawn(command.arguments[0], code)
        }
        guard parts.count == 3, let status = Int32(parts[0]), let seconds = Double(parts[1]), let kib = Int(parts[2]) else {
            throw BenchError.io("unexpected launcher reply '\(reply)'")
        }
        return ChildResult(seconds: seconds, peakBytes: kib * 1024, status: status)
    }

    /// The launcher's side: read a request, run it, answer `status seconds peakKiB`.
    static func serve() -> Int32 {
        var input = LineInput(descriptor: 0)
        while let countLine = input.line() {
            guard let count = Int(countLine) else { return 1 }
            var fields: [String] = []
            for _ in 0..<count {
                guard let lengthLine = input.line(), let length = Int(lengthLine), let bytes = input.bytes(length) else { return 1 }
                fields.append(String(decoding: bytes, as: UTF8.self))
            }
            guard fields.count >= 5, let argumentCount = Int(fields[4]), fields.count >= 5 + argumentCount else { return 1 }
            let command = ChildCommand(arguments: Array(fields[5..<(5 + argumentCount)]),
                                       environment: Array(fields[(5 + argumentCount)...]),
                                       input: fields[0].isEmpty ? nil : fields[0], output: fields[1].isEmpty ? nil : fields[1],
                                       errorsToOutput: fields[2] == "1", timeToFirstOutput: fields[3] == "1")
            let reply: String
            do {
                let result = try ChildProcess.run(command)
                reply = "\(result.status) \(result.seconds) \(result.peakBytes / 1024)\n"
            } catch BenchError.spawn(_, let code) {
                reply = "error spawn \(code)\n"
            } catch {
                reply = "error other \(EIO)\n"
            }
            do { try Output.write(reply, to: 1) } catch { return 1 }
        }
        return 0
    }
}

/// Buffered reading of lines and byte runs from a descriptor (the launcher's pipe).
struct LineInput {
    let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    private mutating func fill() -> Bool {
        if finished { return false }
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                finished = true
                return false
            }
            buffer.append(contentsOf: chunk[0..<count])
            return true
        }
    }

    mutating func line() -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let text = String(decoding: buffer[start..<newline], as: UTF8.self)
                start = newline + 1
                return text
            }
            guard fill() else { return nil }
        }
    }

    mutating func bytes(_ count: Int) -> ArraySlice<UInt8>? {
        while buffer.count - start < count {
            guard fill() else { return nil }
        }
        let slice = buffer[start..<(start + count)]
        start += count
        return slice
    }
}
