import Foundation
import Store
import Testing

/// A review must never lose its session to another sysdrill process holding the write
/// lock past the busy timeout (issue 17, defect 6: a long merge import). The lock is held
/// by a second connection from this test process, the busy timeout shortened to 100 ms
/// (`SYSDRILL_BUSY_TIMEOUT_MS`).
@Suite struct ReviewLockWaitTests {
    private func event(_ name: String, from session: SignalableSession) -> [String: Any]? {
        while let event = session.nextEvent() {
            if event["event"] as? String == name { return event }
        }
        return nil
    }

    /// A session with one acknowledged answer and the next card on screen, then another
    /// connection holding a write transaction, and an answer sent.
    private func answerWhileLocked(_ cli: CLIRunner) throws -> (SignalableSession, StudyStore) {
        #expect(try cli.run(["due"]).status == 0)  // the database, synced, before the lock
        let session = try SignalableSession(cli: cli, arguments: ["review", "--json"])
        #expect(event("card", from: session) != nil)
        session.send("good\n")
        #expect(event("answer", from: session) != nil)
        #expect(event("card", from: session) != nil)
        let holder = try StudyStore.open(path: cli.databasePath)
        try holder.connection.run("BEGIN IMMEDIATE")
        session.send("easy\n")
        return (session, holder)
    }

    @Test func anAnswerWaitsForTheLockAndIsSavedWhenItIsFree() throws {
        var cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.environment["SYSDRILL_BUSY_TIMEOUT_MS"] = "100"
        let (session, holder) = try answerWhileLocked(cli)
        // Before the fix the session ended here with "database is locked".
        let locked = event("locked", from: session)
        #expect(locked?["message"] as? String == "waiting for an import in another terminal (another sysdrill is writing to this database); your answer is kept and saved when it finishes.")
        usleep(600_000)  // several busy timeouts go by: still waiting, not gone
        #expect(session.isRunning)
        try holder.connection.run("COMMIT")
        let answer = try #require(event("answer", from: session))
        #expect(answer["rating"] as? String == "easy")
        session.send("q\n")
        #expect(session.waitForExit() == 0)
        let stats = try #require(try cli.json(["stats", "--json"]) as? [String: Any])
        #expect(stats["total_reviews"] as? Int == 2)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func quittingWhileWaitingKeepsEveryAcknowledgedAnswer() throws {
        var cli = CLIRunner()
        defer { cli.cleanUp() }
        cli.environment["SYSDRILL_BUSY_TIMEOUT_MS"] = "100"
        let (session, holder) = try answerWhileLocked(cli)
        #expect(event("locked", from: session) != nil)
        // Ctrl-C while waiting: the process ends; the answer in memory was never acknowledged.
        kill(session.pid, SIGINT)
        var polls = 0
        while session.isRunning && polls < 3_000 {  // at most ~30 s, then fail
            usleep(10_000)
            polls += 1
        }
        #expect(!session.isRunning, "the review did not end while waiting for the lock")
        if session.isRunning { kill(session.pid, SIGKILL) }
        _ = session.waitForExit()
        try holder.connection.run("ROLLBACK")
        let stats = try #require(try cli.json(["stats", "--json"]) as? [String: Any])
        #expect(stats["total_reviews"] as? Int == 1)
        let check = try cli.run(["check", "--json"])
        #expect(check.status == 0, "\(check.stdout)")
    }
}

/// `sysdrill` through pipes like `LiveSession`, but started with posix_spawn with an
/// empty signal mask and default actions: a test thread may have SIGINT/SIGTERM blocked,
/// and `Process` would pass that on to the child, which could then not be interrupted.
final class SignalableSession {
    let pid: pid_t
    private let input: FileHandle
    private let output: FileHandle
    private var lines = JSONLines()
    private var exitStatus: Int32?

    init(cli: CLIRunner, arguments: [String]) throws {
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw POSIXError(.EMFILE) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), defaults = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for fd in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, fd) }
        let all = [CLIRunner.binary] + arguments
        let environment = cli.environment.map { "\($0.key)=\($0.value)" }
        var argv: [UnsafeMutablePointer<CChar>?] = all.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, CLIRunner.binary, &actions, &attributes, &argv, &envp)
        close(toChild[0])
        close(fromChild[1])
        guard spawned == 0 else { throw POSIXError(.ENOEXEC) }
        self.pid = pid
        input = FileHandle(fileDescriptor: toChild[1], closeOnDealloc: true)
        output = FileHandle(fileDescriptor: fromChild[0], closeOnDealloc: true)
    }

    deinit {
        if isRunning { kill(pid, SIGKILL) }
        _ = waitForExit()
    }

    /// The next JSON event, or nil when the process closed its output.
    func nextEvent() -> [String: Any]? {
        lines.next(from: output)
    }

    func send(_ text: String) {
        try? input.write(contentsOf: Data(text.utf8))
    }

    var isRunning: Bool {
        guard exitStatus == nil else { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { exitStatus = status; return false }
        return true
    }

    /// The raw wait status (0 for a clean exit 0).
    func waitForExit() -> Int32 {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
        exitStatus = status
        return status
    }
}
