import Foundation

/// Runs the built `sysdrill` binary as a user would: arguments, environment, stdin;
/// captures stdout, stderr and the exit code. Each test gets its own database folder.
struct CLIRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let directory: String
    var environment: [String: String]
    /// Where commands run (the test's own folder unless set).
    var workingDirectory: String?

    init() {
        // A child that exits before reading all its input must not kill the test
        // process with SIGPIPE when we write the rest.
        signal(SIGPIPE, SIG_IGN)
        directory = NSTemporaryDirectory() + "sysdrill-cli-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        environment = [
            "SYSDRILL_DB": directory + "/db.sqlite",
            "HOME": directory,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "TZ": "UTC",
            "SYSDRILL_NOW": "2026-11-25T09:00:00Z",
        ]
    }

    var databasePath: String { directory + "/db.sqlite" }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The `sysdrill` executable next to the test bundle in the build folder.
    static let binary: String = {
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for _ in 0..<5 {
            let candidate = url.deletingLastPathComponent().appendingPathComponent("sysdrill").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            url = url.deletingLastPathComponent()
        }
        if let path = ProcessInfo.processInfo.environment["SYSDRILL_BINARY"] { return path }
        fatalError("cannot find the sysdrill binary near \(CommandLine.arguments[0]); build it first or set SYSDRILL_BINARY")
    }()

    @discardableResult
    func run(_ arguments: [String], stdin: String? = nil, extraEnvironment: [String: String] = [:]) throws -> Result {
        try runCommand([Self.binary] + arguments, stdin: stdin, extraEnvironment: extraEnvironment)
    }

    /// Runs any command line (e.g. sysdrill under `setpriv`) with this runner's environment.
    @discardableResult
    func runCommand(_ command: [String], stdin: String? = nil, extraEnvironment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.environment = environment.merging(extraEnvironment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory ?? directory)
        // Output goes to files, so a large output can never block the child on a full pipe.
        let stamp = UUID().uuidString
        let outPath = directory + "/stdout-" + stamp, errPath = directory + "/stderr-" + stamp
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // A child may exit before reading all its input (a refused command): the write then
        // fails with EPIPE, which the non-throwing `write(_:)` turns into a crash of the
        // whole test process.
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let outData = try Data(contentsOf: URL(fileURLWithPath: outPath))
        let errData = try Data(contentsOf: URL(fileURLWithPath: errPath))
        try? FileManager.default.removeItem(atPath: outPath)
        try? FileManager.default.removeItem(atPath: errPath)
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    func json(_ arguments: [String], stdin: String? = nil, extraEnvironment: [String: String] = [:]) throws -> Any {
        let result = try run(arguments, stdin: stdin, extraEnvironment: extraEnvironment)
        guard result.status == 0 else {
            throw NSError(domain: "sysdrill", code: Int(result.status), userInfo: [NSLocalizedDescriptionKey: result.stderr])
        }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// The first drill of the first exercise in `drill --history --json`, nil when there is none.
    func firstDrillInHistory() throws -> [String: Any]? {
        let history = try json(["drill", "--history", "--json"]) as? [String: Any]
        return ((history?["exercises"] as? [[String: Any]])?.first?["drills"] as? [[String: Any]])?.first
    }
}
