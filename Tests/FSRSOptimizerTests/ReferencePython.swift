import Foundation
import FSRSOptimizer

/// The Python side of the reference tests: fsrs-rs (through fsrs-rs-python 0.9.3) and
/// py-fsrs 6.3.2 in a virtual environment outside the repository. Its interpreter is
/// `$SYSDRILL_FSRS_PYTHON`, else /work/venv-fsrs/bin/python; without one the tests that
/// need it are skipped (see docs/fsrs.md for making the environment).
enum ReferencePython {
    static let interpreter: String? = {
        let candidates = [ProcessInfo.processInfo.environment["SYSDRILL_FSRS_PYTHON"], "/work/venv-fsrs/bin/python"]
        for case let path? in candidates where !path.isEmpty && FileManager.default.isExecutableFile(atPath: path) {
            // The packages must import, not only the interpreter exist.
            if (try? run(path, ["-c", "import fsrs_rs_python, fsrs"])) != nil { return path }
        }
        return nil
    }()

    static let skipMessage = "no Python with fsrs-rs-python==0.9.3 and fsrs==6.3.2: set SYSDRILL_FSRS_PYTHON (docs/fsrs.md)"

    static var available: Bool { interpreter != nil }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Reference/fsrs_reference.py").path

    /// Runs the reference script and parses its JSON answer.
    static func call(_ arguments: [String]) throws -> [String: Any] {
        guard let interpreter else { throw ReferenceError.unavailable }
        let output = try run(interpreter, [script] + arguments)
        guard let object = try JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw ReferenceError.failed("not a JSON object")
        }
        return object
    }

    /// stdout of `program arguments`, through a file (a log is larger than a pipe holds).
    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sysdrill-fsrs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            throw ReferenceError.failed("exit \(process.terminationStatus): \(message.suffix(2000))")
        }
        return try Data(contentsOf: outURL)
    }

    /// A synthetic learner's log, written to `folder`; returns its path and reviews.
    static func learner(seed: Int, cards: Int, days: Int, weights: [Double], in folder: URL) throws -> (path: String, reviews: [LoggedReview]) {
        guard let interpreter else { throw ReferenceError.unavailable }
        let data = try run(interpreter, [script, "generate", "--seed", String(seed), "--cards", String(cards), "--days", String(days),
                                         "--weights", weights.map { "\($0)" }.joined(separator: ",")])
        let path = folder.appendingPathComponent("learner-\(seed).json").path
        try data.write(to: URL(fileURLWithPath: path))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        guard let rows = object?["reviews"] as? [[Int]] else { throw ReferenceError.failed("no reviews in the log") }
        return (path, rows.map { LoggedReview(card: $0[0], at: Int64($0[1]), studyDay: Int64($0[2]), grade: $0[3]) })
    }
}

enum ReferenceError: Error {
    case unavailable
    case failed(String)
}

/// A temporary folder per test.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sysdrill-fsrs-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
