import Foundation

/// What one run of the built `sysdrill` binary did.
struct RunResult: Sendable {
    let status: Int32
    let stdout: String
    let stderr: String

    /// stdout parsed as a JSON object.
    func json() throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
        guard let object = value as? [String: Any] else { throw RunnerError.notAnObject(stdout) }
        return object
    }
}

enum RunnerError: Error {
    case binaryNotFound(String)
    case scratchFile(String)
    case notAnObject(String)
}

/// Runs the `sysdrill` executable that `swift build` put next to the test bundle. Each
/// run gets its own output files and environment, so tests can run in parallel.
enum BinaryRunner {
    /// The test bundle's own path, from /proc/self/exe (Linux) or argv[0].
    private static var startingPoint: URL {
        let proc = URL(fileURLWithPath: "/proc/self/exe")
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: proc.path) {
            return URL(fileURLWithPath: resolved)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }

    /// The first directory up from the test bundle that holds an executable `sysdrill`.
    static func locate() throws -> URL {
        var directory = startingPoint.deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent("sysdrill")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate.path) {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        throw RunnerError.binaryNotFound("no sysdrill executable above \(startingPoint.path); run 'swift build' first")
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> RunResult {
        let binary = try locate()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sysdrill-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        for url in [outURL, errURL] where !FileManager.default.createFile(atPath: url.path, contents: nil) {
            throw RunnerError.scratchFile("cannot create \(url.path)")
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        // A small fixed environment: no colour, a private database path, no user config.
        var base = ["PATH": "/usr/bin:/bin", "NO_COLOR": "1", "HOME": scratch.path,
                    "SYSDRILL_DB": scratch.appendingPathComponent("db.sqlite").path, "LANG": "C.UTF-8"]
        base.merge(environment) { _, new in new }
        process.environment = base
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdout = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        return RunResult(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }
}
