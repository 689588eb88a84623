import Foundation
import Testing

/// `stats`, `export` and `import` as a user runs them: exit codes 0/64/65/66/74, files
/// that change nothing, `--dry-run`, atomic `--output`.
@Suite struct ProgressCLITests {
    /// The seed deck's card IDs, in deck order.
    func cardIDs(_ cli: CLIRunner) throws -> [String] {
        let cards = try #require(try cli.json(["cards", "--json"]) as? [[String: Any]])
        return cards.compactMap { $0["id"] as? String }
    }

    /// A progress file in `cli`'s folder: a fresh database's export with `reviews` (card
    /// index, time, grade) put in. Card IDs are the same in every database.
    func historyFile(_ cli: CLIRunner, _ reviews: [(Int, String, Int)], name: String = "history.json") throws -> String {
        let fresh = CLIRunner()
        defer { fresh.cleanUp() }
        let ids = try cardIDs(fresh)
        let export = try fresh.run(["export"])
        #expect(export.status == 0)
        let entries = reviews.enumerated().map { number, review in
            let id = String(format: "00000000-0000-4000-8000-%012x", number + 1)
            return "{\"id\": \"\(id)\", \"card\": \"\(ids[review.0])\", \"at\": \"\(review.1)\", \"grade\": \(review.2), \"duration_ms\": 3000}"
        }
        let text = export.stdout.replacingOccurrences(of: "\"reviews\": [],", with: "\"reviews\": [" + entries.joined(separator: ",\n") + "],")
        #expect(text != export.stdout)
        let path = cli.directory + "/" + name
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    static let threeDays = [(0, "2026-11-23T10:00:00Z", 4), (0, "2026-11-24T10:00:00Z", 4), (1, "2026-11-25T08:00:00Z", 4)]

    @Test func importThenStatsShowTheHistory() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let file = try historyFile(cli, Self.threeDays)
        let imported = try cli.run(["import", file])
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("3 added, 0 already here"))
        #expect(imported.stdout.contains("2 cards replayed with sm2"))
        #expect(imported.stdout.contains("settings match yours"))

        let stats = try #require(try cli.json(["stats", "--json"]) as? [String: Any])
        #expect(stats["total_reviews"] as? Int == 3)
        #expect(stats["streak"] as? Int == 3)
        let today = try #require(stats["today"] as? [String: Any])
        #expect(today["done"] as? Int == 1)
        #expect(today["date"] as? String == "2026-11-25")
        #expect(today["new_left"] as? Int == 19)
        let retention = try #require(stats["retention"] as? [String: [String: Any]])
        #expect(retention["last_7_days"]?["reviews"] as? Int == 1)
        #expect(retention["last_7_days"]?["rate"] as? Double == 1)
        #expect((stats["forecast"] as? [Any])?.count == 14)
        let mastery = try #require(stats["mastery"] as? [[String: Any]])
        #expect(mastery.count == 16 + 3)  // the outline's sections, then the numbers deck's three tables
        #expect(mastery.first?["young"] as? Int == 2)

        let longer = try #require(try cli.json(["stats", "--json", "--days", "30"]) as? [String: Any])
        #expect((longer["forecast"] as? [Any])?.count == 30)
        for bad in ["0", "366", "two"] {
            let result = try cli.run(["stats", "--days", bad])
            #expect(result.status == 64)
            #expect(result.stderr.contains("--days must be a whole number from 1 to 365"))
        }
    }

    @Test func statsTextReadsWithoutColour() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try cli.run(["import", try historyFile(cli, Self.threeDays)])
        let result = try cli.run(["stats"], extraEnvironment: ["NO_COLOR": "1"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}"))
        for text in ["Today", "streak 3 days", "retention last 7 days 100% (1 of 1)", "Forecast", "Reviews in the last year: 3 reviews on 3 days",
                     "less · ░ ▒ ▓ █ more", "Mastery", "system-design: 1. Requirements &", "numbers: Latency"] {
            #expect(result.stdout.contains(text), "missing \(text)")
        }
        let wednesday = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("  Wed ") && !$0.contains("│") })
        #expect(wednesday.hasSuffix("·█"))  // last Wednesday: none; today: as busy as the busiest day

    }

    @Test func exportToAFileIsAtomicAndMatchesStdout() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try cli.run(["import", try historyFile(cli, Self.threeDays)])
        let out = cli.directory + "/progress.json"
        try "old content".write(toFile: out, atomically: false, encoding: .utf8)
        let written = try cli.run(["export", "--output", out])
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        // The outline's 256 cards and the numbers deck's 34.
        #expect(written.stderr.contains("wrote \(out) (json: 290 cards, 3 reviews"))
        let stdout = try cli.run(["export"]).stdout
        #expect(try String(contentsOfFile: out, encoding: .utf8) == stdout)
        let files = try FileManager.default.contentsOfDirectory(atPath: cli.directory)
        #expect(!files.contains { $0.contains(".tmp-") })

        // The same file into a fresh database gives the same export (but the time).
        let other = CLIRunner()
        defer { other.cleanUp() }
        #expect(try other.run(["import", out]).status == 0)
        let again = try other.run(["export"], extraEnvironment: ["SYSDRILL_NOW": "2026-12-01T10:00:00Z"]).stdout
        #expect(again.replacingOccurrences(of: "2026-12-01T10:00:00Z", with: "2026-11-25T09:00:00Z") == stdout)
    }

    @Test func outputProblemsExit74() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let missing = try cli.run(["export", "--output", cli.directory + "/no/such/folder/x.json"])
        #expect(missing.status == 74)
        #expect(missing.stderr.contains("does not exist"))
        let folder = try cli.run(["export", "--output", cli.directory])
        #expect(folder.status == 74)
        #expect(folder.stderr.contains("it is a folder"))
        let format = try cli.run(["export", "--format", "csv"])
        #expect(format.status == 64)
    }

    /// Issue 17: `--output` renames over a regular file only. As root, `--output /dev/null`
    /// used to make /dev/null a regular file.
    @Test func outputToDevNullKeepsTheDevice() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["export", "--output", "/dev/null"])
        #expect(result.status == 0)
        var status = stat()
        #expect(lstat("/dev/null", &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFCHR)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: "/dev")).contains { $0.hasPrefix("null.tmp-") })
    }

    @Test func outputToDevStdoutPrintsTheExport() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let expected = try cli.run(["export"]).stdout
        let result = try cli.run(["export", "--output", "/dev/stdout"])
        #expect(result.status == 0)
        #expect(result.stdout == expected)
        #expect(result.stdout.hasPrefix("{"))
    }

    @Test func outputToAFIFOStreamsAndKeepsTheFIFO() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let expected = try cli.run(["export"]).stdout
        let fifo = cli.directory + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        // The reader: opening a FIFO blocks until the export opens it for writing.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/cat")
        reader.arguments = [fifo]
        // Into a file: a pipe back to this process would fill and block the export.
        let copy = cli.directory + "/received"
        FileManager.default.createFile(atPath: copy, contents: nil)
        let received = try FileHandle(forWritingTo: URL(fileURLWithPath: copy))
        reader.standardOutput = received
        try reader.run()
        let result = try cli.run(["export", "--output", fifo])
        reader.waitUntilExit()
        try received.close()
        let data = try Data(contentsOf: URL(fileURLWithPath: copy))
        #expect(result.status == 0)
        #expect(String(decoding: data, as: UTF8.self) == expected)
        var status = stat()
        #expect(lstat(fifo, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFIFO)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: cli.directory)).contains { $0.contains(".tmp-") })
    }

    @Test func outputThroughASymlinkWritesItsTargetAndKeepsTheLink() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let expected = try cli.run(["export"]).stdout
        let elsewhere = CLIRunner()
        defer { elsewhere.cleanUp() }
        let target = elsewhere.directory + "/real.json"
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        let link = cli.directory + "/link.json"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let result = try cli.run(["export", "--output", link])
        #expect(result.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == expected)
        for folder in [cli.directory, elsewhere.directory] {
            #expect(!(try FileManager.default.contentsOfDirectory(atPath: folder)).contains { $0.contains(".tmp-") })
        }
    }

    @Test func outputToAFolderIsRefusedAndLeavesItAlone() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let folder = cli.directory + "/exports"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        try "keep".write(toFile: folder + "/inside", atomically: false, encoding: .utf8)
        try cli.run(["stats"])  // the database exists before the snapshot
        let before = try FileManager.default.contentsOfDirectory(atPath: cli.directory).sorted()
        let result = try cli.run(["export", "--output", folder])
        #expect(result.status == 74)
        #expect(result.stderr.contains("cannot write \(folder): it is a folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["inside"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.directory).sorted() == before)
    }

    /// Issue 17: an export killed by SIGTERM or SIGINT mid-write leaves no `FILE.tmp-*`.
    @Test(arguments: [SIGTERM, SIGINT])
    func anInterruptedExportRemovesItsTemporaryFile(signal: Int32) throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let out = cli.directory + "/progress.json"
        // posix_spawn with an empty signal mask and default actions: a test thread may have
        // SIGINT/SIGTERM blocked, and Process would pass that on to the child.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), defaults = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd in [Int32(0), 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let arguments = [CLIRunner.binary, "export", "--output", out]
        let environment = cli.environment.merging(["SYSDRILL_TEST_EXPORT_PAUSE": "20"]) { $1 }.map { "\($0.key)=\($0.value)" }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        #expect(posix_spawn(&pid, CLIRunner.binary, &actions, &attributes, &argv, &envp) == 0)
        func temporaries() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: cli.directory).filter { $0.contains(".tmp-") }
        }
        // Waits (at most 10 s) until the export has written its first piece and paused.
        var seen = false
        for _ in 0..<1000 {
            if let name = try temporaries().first,
               let size = try FileManager.default.attributesOfItem(atPath: cli.directory + "/" + name)[.size] as? Int, size > 0 {
                seen = true
                break
            }
            usleep(10_000)
        }
        #expect(seen)
        kill(pid, signal)
        var status: Int32 = 0
        #expect(waitpid(pid, &status, 0) == pid)
        #expect(status & 0x7f == signal)  // died by the signal (WIFSIGNALED, WTERMSIG)
        #expect(try temporaries().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// A temporary file from a previous run whose writer is gone (SIGKILL: no handler ran)
    /// is removed by the next export; another file's, or a name not ours, is kept.
    @Test func theNextExportRemovesAStaleTemporaryFile() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let out = cli.directory + "/progress.json"
        let stale = out + ".tmp-0123456789abcdef"
        let other = cli.directory + "/other.json.tmp-0123456789abcdef"
        let notOurs = out + ".tmp-notours"
        for path in [stale, other, notOurs] {
            try "half an export".write(toFile: path, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: path)
        }
        #expect(try cli.run(["export", "--output", out]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(FileManager.default.fileExists(atPath: notOurs))
        #expect(FileManager.default.fileExists(atPath: out))
    }

    @Test func missingOrUnreadableInputExits66() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let missing = try cli.run(["import", cli.directory + "/nope.json"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("no such file"))
        let folder = try cli.run(["import", cli.directory])
        #expect(folder.status == 66)
        let noArgument = try cli.run(["import"])
        #expect(noArgument.status == 64)
    }

    @Test func badFilesExit65AndChangeNothing() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        try cli.run(["import", try historyFile(cli, Self.threeDays)])
        let before = try cli.run(["export"]).stdout

        let bad = try historyFile(cli, [(2, "2026-11-25T08:30:00Z", 4), (3, "2026-11-25T08:31:00Z", 7)], name: "bad.json")
        let result = try cli.run(["import", bad])
        #expect(result.status == 65)
        #expect(result.stderr.contains("$.reviews[1].grade: expected an integer 0-5, got 7"))
        #expect(result.stderr.contains("nothing was imported"))

        let good = try String(contentsOfFile: try historyFile(cli, [(4, "2026-11-25T08:40:00Z", 4)], name: "good.json"), encoding: .utf8)
        let truncated = cli.directory + "/truncated.json"
        try String(good.prefix(good.count / 2)).write(toFile: truncated, atomically: false, encoding: .utf8)
        let cut = try cli.run(["import", truncated])
        #expect(cut.status == 65)
        #expect(cut.stderr.contains("truncated.json:"))
        #expect(cut.stderr.contains("not valid JSON"))

        let json = try cli.run(["import", "--json", bad])
        #expect(json.status == 65)
        let problems = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(problems["valid"] as? Bool == false)
        #expect((problems["problems"] as? [[String: Any]])?.first?["path"] as? String == "$.reviews[1].grade")

        #expect(try cli.run(["export"]).stdout == before)
    }

    @Test func dryRunShowsTheChangesAndMakesNone() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let file = try historyFile(cli, Self.threeDays)
        let before = try cli.run(["export"]).stdout
        let dry = try cli.run(["import", file, "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("Dry run"))
        #expect(dry.stdout.contains("3 to add"))
        #expect(try cli.run(["export"]).stdout == before)

        let real = try #require(try cli.json(["import", file, "--json"]) as? [String: Any])
        #expect(real["dry_run"] as? Bool == false)
        #expect((real["reviews"] as? [String: Any])?["added"] as? Int == 3)
        let twice = try #require(try cli.json(["import", file, "--json"]) as? [String: Any])
        #expect((twice["reviews"] as? [String: Any])?["added"] as? Int == 0)
        #expect((twice["reviews"] as? [String: Any])?["already_present"] as? Int == 3)
    }

    @Test func fileSettingsNeedTheSettingsFlag() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let file = try historyFile(cli, Self.threeDays)  // written with the default 20 new cards a day
        #expect(try cli.run(["config", "set", "new-per-day", "5"]).status == 0)
        let plain = try cli.run(["import", file])
        #expect(plain.stdout.contains("not applied (new-per-day 5 → 20); run again with --settings"))
        #expect(try cli.run(["config", "get", "new-per-day"]).stdout == "5\n")
        let applied = try cli.run(["import", file, "--settings"])
        #expect(applied.stdout.contains("applied: new-per-day 5 → 20"))
        #expect(try cli.run(["config", "get", "new-per-day"]).stdout == "20\n")
    }

    @Test func ankiExportHasTheHeaderAndOneLinePerCard() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["export", "--format", "anki-tsv"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(Array(lines.prefix(3)) == ["#separator:tab", "#html:false", "#tags column:3"])
        // Multi-line backs are quoted fields spanning lines, so count the tags instead.
        // The 131 written cards and the 125 made from them (reverses and comparisons).
        #expect(result.stdout.components(separatedBy: "\tsystem-design::").count - 1 == 256)
        #expect(result.stdout.hasSuffix("\n"))
        #expect(lines[3].hasSuffix("\tsystem-design::Requirements_&_Constraints::Functional_vs._Non-Functional"))
    }
}
