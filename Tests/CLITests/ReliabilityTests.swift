import Foundation
import SeededRandom
import Testing

/// Safety of the review log under the worst a user's machine does: kill -9 in the middle
/// of a session, two terminals on one database, and damaged or foreign database files.
/// `SYSDRILL_RELIABILITY_RUNS` raises the number of kill runs (`make check-reliability`).
@Suite struct ReliabilityTests {
    static var killRuns: Int {
        ProcessInfo.processInfo.environment["SYSDRILL_RELIABILITY_RUNS"].flatMap(Int.init) ?? 12
    }

    // MARK: kill -9

    @Test func killNineLosesNoAcknowledgedAnswer() throws {
        var generator = SplitMix64(seed: 42)
        for run in 0..<Self.killRuns {
            let cli = CLIRunner()
            defer { cli.cleanUp() }
            let stopAfter = Int.random(in: 0...15, using: &generator)
            let delayMicroseconds = UInt32.random(in: 0...3000, using: &generator)
            // Every other run checkpoints every 2 WAL pages, on the review's second thread,
            // so the kill also lands in the middle of those checkpoints.
            let session = try LiveSession(cli: cli, arguments: ["review", "--json"],
                                          environment: run % 2 == 1 ? ["SYSDRILL_TEST_CHECKPOINT_PAGES": "2"] : [:])
            var acknowledged = 0
            let grades = ["again", "hard", "good", "easy", "3", "5", "0"]
            while acknowledged < stopAfter {
                guard let event = session.nextEvent() else { break }
                if event["event"] as? String == "card" {
                    session.send(grades.randomElement(using: &generator)! + "\n")
                } else if event["event"] as? String == "estimate" {
                    // A bare number on a number card is an estimate: an empty line takes the grade proposed.
                    session.send("\n")
                } else if event["event"] as? String == "invalid" {
                    session.send("good\n")
                } else if event["event"] as? String == "answer" {
                    acknowledged += 1
                }
            }
            // One more answer on its way, then the plug is pulled at a random moment.
            session.send("good\n")
            usleep(delayMicroseconds)
            session.kill()

            let stats = try #require(try cli.json(["stats", "--json"]) as? [String: Any], "run \(run)")
            let logged = stats["total_reviews"] as? Int ?? -1
            #expect(logged >= acknowledged && logged <= acknowledged + 1, "run \(run): \(acknowledged) acknowledged, \(logged) logged")
            let check = try cli.run(["check", "--json"])
            #expect(check.status == 0, "run \(run): \(check.stdout) \(check.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
            #expect(report["integrity"] as? [String] == ["ok"])
            #expect(report["state_mismatches"] as? Int == 0)
        }
    }

    /// An export of `count` reviews of the built-in deck's cards, in time order: the
    /// fresh database's own export with the reviews put in.
    func historyFile(_ cli: CLIRunner, count: Int) throws -> String {
        let empty = cli.directory + "/empty.json"
        #expect(try cli.run(["export", "--output", empty]).status == 0)
        let text = try String(contentsOfFile: empty, encoding: .utf8)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let cards = try #require(document["cards"] as? [[String: Any]]).compactMap { $0["id"] as? String }
        var reviews: [String] = []
        for number in 0..<count {
            let at = 1_700_000_000 + number * 97
            let time = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(at)))
            let id = String(format: "00000000-0000-4000-8000-%012x", number + 1)
            reviews.append(#"{"id": "\#(id)", "card": "\#(cards[number % cards.count])", "at": "\#(time)", "grade": \#(number % 6), "duration_ms": 900}"#)
        }
        let full = text.replacingOccurrences(of: #""reviews": []"#, with: "\"reviews\": [\n" + reviews.joined(separator: ",\n") + "\n]")
        #expect(full != text)
        let path = cli.directory + "/history.json"
        try full.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test func killNineDuringAnImportChangesNothing() throws {
        var generator = SplitMix64(seed: 7)
        let count = 20_000
        // How long a whole import takes here (debug build or not), to kill within it.
        let timing = CLIRunner()
        defer { timing.cleanUp() }
        let started = Date()
        #expect(try timing.run(["import", try historyFile(timing, count: count)]).status == 0)
        let duration = Date().timeIntervalSince(started)
        // An import run takes a second or so in a debug build: a tenth of the review runs.
        for run in 0..<max(4, Self.killRuns / 10) {
            let cli = CLIRunner()
            defer { cli.cleanUp() }
            let file = try historyFile(cli, count: count)
            let importing = Process()
            importing.executableURL = URL(fileURLWithPath: CLIRunner.binary)
            importing.arguments = ["import", file]
            importing.environment = cli.environment
            importing.standardOutput = FileHandle.nullDevice
            importing.standardError = FileHandle.nullDevice
            try importing.run()
            usleep(UInt32(Double.random(in: 0...1.1, using: &generator) * duration * 1_000_000))
            Foundation.kill(importing.processIdentifier, SIGKILL)
            importing.waitUntilExit()

            // All or nothing, a healthy file, and the same import again does the rest.
            let logged = try #require(try cli.json(["stats", "--json"]) as? [String: Any], "run \(run)")["total_reviews"] as? Int
            #expect(logged == 0 || logged == count, "run \(run): \(logged ?? -1) reviews logged")
            let again = try cli.run(["import", "--json", file])
            #expect(again.status == 0, "run \(run): \(again.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
            let added = (report["reviews"] as? [String: Any])?["added"] as? Int
            #expect(added == count - (logged ?? 0), "run \(run)")
            let check = try cli.run(["check", "--json"])
            #expect(check.status == 0, "run \(run): \(check.stdout) \(check.stderr)")
            let checked = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
            #expect(checked["integrity"] as? [String] == ["ok"])
            #expect(checked["state_mismatches"] as? Int == 0)
        }
    }

    /// kill -9 during each other command that writes the database: settings changes that
    /// replay every state, a suspend, a deck added, an import that brings settings. After
    /// each kill the file is sound, no review is lost, and the stored states equal the
    /// replay under the settings stored (each write is one transaction: all or nothing).
    @Test func killNineDuringOtherWritingCommandsKeepsTheDatabaseConsistent() throws {
        var generator = SplitMix64(seed: 11)
        let count = 5_000
        let base = CLIRunner()
        defer { base.cleanUp() }
        #expect(try base.run(["import", try historyFile(base, count: count)]).status == 0)
        let due = try #require(try base.json(["due", "--json"]) as? [String: Any])
        let card = try #require((due["cards"] as? [[String: Any]])?.first?["id"] as? String)
        let deckFolder = base.directory + "/deck"
        try FileManager.default.createDirectory(atPath: deckFolder, withIntermediateDirectories: true)
        for file in 0..<20 {
            let items = (0..<40).map { "- Term \(file)-\($0): Meaning number \($0) of file \(file)." }.joined(separator: "\n")
            try "# File \(file)\n\n\(items)\n".write(toFile: deckFolder + "/f\(file).md", atomically: true, encoding: .utf8)
        }
        let settingsFile = base.directory + "/fsrs.json"
        try String(contentsOfFile: base.directory + "/history.json", encoding: .utf8)
            .replacingOccurrences(of: "\"name\": \"sm2\"", with: "\"name\": \"fsrs\"").write(toFile: settingsFile, atomically: true, encoding: .utf8)
        let commands: [[String]] = [
            ["config", "set", "scheduler", "fsrs"],
            ["config", "set", "day-rollover-hour", "2"],
            ["card", card, "--suspend"],
            ["decks", "add", deckFolder],
            ["import", "--settings", settingsFile],
        ]
        let original = try Data(contentsOf: URL(fileURLWithPath: base.databasePath))
        for command in commands {
            // How long the command takes here, to kill within it.
            let timing = CLIRunner()
            defer { timing.cleanUp() }
            try original.write(to: URL(fileURLWithPath: timing.databasePath))
            let started = Date()
            let timed = try timing.run(command)
            #expect(timed.status == 0, "\(command): \(timed.stderr)")
            let duration = Date().timeIntervalSince(started)
            for run in 0..<max(2, Self.killRuns / 10) {
                let cli = CLIRunner()
                defer { cli.cleanUp() }
                try original.write(to: URL(fileURLWithPath: cli.databasePath))
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
                process.arguments = command
                process.environment = cli.environment
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                usleep(UInt32(Double.random(in: 0...1.1, using: &generator) * duration * 1_000_000))
                Foundation.kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()

                let label = "\(command.joined(separator: " ")) run \(run)"
                let check = try cli.run(["check", "--json"])
                #expect(check.status == 0, "\(label): \(check.stdout) \(check.stderr)")
                let checked = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any], "\(label)")
                #expect(checked["integrity"] as? [String] == ["ok"], "\(label)")
                #expect(checked["state_mismatches"] as? Int == 0, "\(label)")
                #expect(checked["reviews"] as? Int == count, "\(label)")
            }
        }
    }

    // MARK: two terminals

    @Test func twoProcessesAnswering500CardsEachLoseNothing() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let deck = cli.directory + "/big.md"
        var text = ""
        for part in ["Alpha", "Beta"] {
            text += "# \(part)\n\n" + (1...500).map { "- \(part) term \($0): definition \($0).\n" }.joined() + "\n"
        }
        try text.write(toFile: deck, atomically: false, encoding: .utf8)
        #expect(try cli.run(["decks", "add", deck]).status == 0)

        let answers = String(repeating: "good\n", count: 500)
        let results = try ["Alpha", "Beta"].concurrentMap { section, _ in
            try cli.run(["review", "--section", section, "--new", "500", "--limit", "500"], stdin: answers)
        }
        for result in results {
            #expect(result.status == 0, "\(result.stderr.suffix(300))")
            #expect(!result.stderr.contains("locked"))
            #expect(result.stdout.contains("Reviewed 500 cards"))
        }
        let stats = try #require(try cli.json(["stats", "--json"]) as? [String: Any])
        #expect(stats["total_reviews"] as? Int == 1000)
        #expect(try cli.run(["check"]).status == 0)
    }

    @Test func twoSessionsAnsweringTheSameCardKeepStatesEqualToTheLog() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        _ = try cli.run(["due"])  // create the database before the two sessions race
        let first = try LiveSession(cli: cli, arguments: ["review", "--json", "--limit", "2"])
        let second = try LiveSession(cli: cli, arguments: ["review", "--json", "--limit", "2"])
        // Both load the same queue, then answer the same cards in turn.
        for session in [first, second] { #expect(session.nextEvent()?["event"] as? String == "card") }
        for round in 0..<2 {
            for session in [first, second] {
                session.send("good\n")
                #expect(session.nextEvent()?["event"] as? String == "answer", "round \(round)")
            }
            if round == 0 { for session in [first, second] { #expect(session.nextEvent()?["event"] as? String == "card") } }
        }
        first.send("q\n")
        second.send("q\n")
        first.process.waitUntilExit()
        second.process.waitUntilExit()
        let check = try cli.run(["check"])
        #expect(check.status == 0, "\(check.stdout)")
        let history = try #require(try cli.json(["card", "73477449", "--json"]) as? [String: Any])
        let reviews = try #require(history["reviews"] as? [[String: Any]])
        #expect(reviews.count == 2)
        // The second "good" built on the first: n = 2, interval 6 days.
        let state = try #require((reviews.last?["state_after"] as? [String: Any])?["sm2"] as? [String: Any])
        #expect(state["n"] as? Int == 2)
    }

    @Test func anOutputThatCannotBeWrittenIsAnError() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        for arguments in [["export"], ["cards", "--json"], ["export", "--format", "anki-tsv"]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
            process.arguments = arguments
            process.environment = cli.environment
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 74, "\(arguments)")
            #expect(message.contains("No space left on device"), "\(message)")
        }
    }

    // MARK: damaged and foreign files

    @Test func damagedOrForeignDatabasesAreRefusedUntouched() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        // A real database with some history to damage.
        _ = try cli.run(["review", "--limit", "5"], stdin: "good\ngood\nagain\ngood\neasy\n")
        _ = try cli.run(["check"])  // last connection closes: WAL checkpointed into the file
        let healthy = try Data(contentsOf: URL(fileURLWithPath: cli.databasePath))
        #expect(healthy.count > 4096)

        var newer = healthy
        newer.replaceSubrange(60..<64, with: [0, 0, 0, 99])  // PRAGMA user_version = 99
        let cases: [(String, Data, String)] = [
            ("truncated", healthy.prefix(healthy.count / 2), "damaged"),
            ("random", Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }), "not a sysdrill database"),
            ("newer", newer, "newer sysdrill"),
            ("text", Data("name,score\nada,3\n".utf8), "not a sysdrill database"),
        ]
        for (name, content, message) in cases {
            let path = cli.directory + "/\(name).sqlite"
            try content.write(to: URL(fileURLWithPath: path))
            for command in [["due"], ["review"], ["stats"], ["check"], ["export"]] {
                let result = try cli.run(command + ["--db", path], stdin: "good\n")
                #expect(result.status == 74, "\(name) \(command): \(result.status) \(result.stderr)")
                #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
            }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content, "\(name) was modified")
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "\(name) got a WAL file")
        }
    }

    @Test func readOnlyFileOrFolderIsRefusedUntouched() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        _ = try cli.run(["review", "--limit", "2"], stdin: "good\ngood\n")
        _ = try cli.run(["check"])
        let original = try Data(contentsOf: URL(fileURLWithPath: cli.databasePath))
        let asRoot = getuid() == 0
        let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard !asRoot || setpriv != nil else {
            Issue.record("running as root without setpriv: cannot make a file read-only for sysdrill")
            return
        }
        for layout in ["read-only file", "read-only folder"] {
            let folder = cli.directory + "/" + layout.replacingOccurrences(of: " ", with: "-")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let path = folder + "/db.sqlite"
            try original.write(to: URL(fileURLWithPath: path))
            var prefix: [String] = []
            if asRoot {
                // Root ignores permissions: run sysdrill as "nobody", who may read but not write.
                prefix = [setpriv!, "--reuid=65534", "--regid=65534", "--clear-groups", "--"]
                chmod(cli.directory, 0o755)
                chmod(folder, 0o755)
                chmod(path, 0o644)
                if layout == "read-only folder" { chown(path, 65534, 65534) }
            } else {
                if layout == "read-only file" { chmod(path, 0o444) } else { chmod(folder, 0o555) }
            }
            defer { chmod(folder, 0o755) }
            let result = try cli.runCommand(prefix + [CLIRunner.binary, "due", "--db", path])
            #expect(result.status == 74, "\(layout): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("cannot be written"), "\(layout): \(result.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original, "\(layout): file changed")
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
    }
}

/// A running `sysdrill` whose stdin we write and whose stdout we read line by line.
final class LiveSession {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    private var lines = JSONLines()

    init(cli: CLIRunner, arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: CLIRunner.binary)
        process.arguments = arguments
        process.environment = cli.environment.merging(environment) { $1 }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    /// The next JSON event, or nil when the process closed its output.
    func nextEvent() -> [String: Any]? {
        lines.next(from: output.fileHandleForReading)
    }

    func send(_ text: String) {
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}


extension Array where Element: Sendable {
    /// Runs `transform` for every element at the same time (one thread each).
    func concurrentMap<T: Sendable>(_ transform: @escaping @Sendable (Element, Int) throws -> T) throws -> [T] {
        let results = ResultBox<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            results.set(index, Result { try transform(self[index], index) })
        }
        return try results.values()
    }
}

final class ResultBox<T: Sendable>: @unchecked Sendable {
    private var storage: [Result<T, any Error>?]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Result<T, any Error>) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    func values() throws -> [T] {
        try storage.map { try $0!.get() }
    }
}
