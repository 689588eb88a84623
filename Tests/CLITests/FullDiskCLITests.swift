import Foundation
import Store
import Testing

/// Read-only commands on a full disk (issue 17, defect 9). The disk is made "full" for
/// the sysdrill process alone: it runs under `ulimit -f 0` (RLIMIT_FSIZE: no file may
/// grow) with SIGXFSZ ignored, so a write that would extend a file fails with EFBIG, as
/// one on a full disk fails with ENOSPC. Its output goes through pipes, which the limit
/// does not touch.
@Suite struct FullDiskCLITests {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// `sysdrill ARGUMENTS` with no file allowed to grow.
    func runOnAFullDisk(_ cli: CLIRunner, _ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f 0; exec \"$0\" \"$@\"", CLIRunner.binary] + arguments
        process.environment = cli.environment
        process.currentDirectoryURL = URL(fileURLWithPath: cli.directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Small outputs (under 64 KiB): read to the end, then reap.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    private func json(_ output: Output) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any], "\(output.stderr)")
    }

    /// No sysdrill has the database open: even a reader would have to create the 32 KiB
    /// shared-memory index beside it, which cannot grow.
    @Test func dueStatsAndCheckWorkWhenNothingCanGrow() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["review", "--limit", "3"], stdin: "good\ngood\nagain\n").status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.databasePath))

        let due = try runOnAFullDisk(cli, ["due", "--json"])
        #expect(due.status == 0, "\(due.stderr)")
        #expect(due.stderr.contains("cannot be written") && due.stderr.contains("is the disk full?"))
        let counts = try #require(try json(due)["counts"] as? [String: Int])
        #expect(counts["learning"] == 1)
        let stats = try runOnAFullDisk(cli, ["stats", "--json"])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(try json(stats)["total_reviews"] as? Int == 3)
        let check = try runOnAFullDisk(cli, ["check", "--json"])
        #expect(check.status == 0, "\(check.stderr)")
        let report = try json(check)
        #expect(report["integrity"] as? [String] == ["ok"])
        #expect(report["state_mismatches"] as? Int == 0)
        // Reading wrote nothing; a review still cannot (and says why).
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.databasePath)) == before)
        let review = try runOnAFullDisk(cli, ["review"])
        #expect(review.status == 74)
        // With space again, everything is as it was.
        #expect(try cli.run(["check"]).status == 0)
    }

    /// Another sysdrill holds the database open (the index exists), and a changed deck
    /// makes the sync write: the write-ahead log would have to grow.
    @Test func dueShowsTheStoredQueueWhenTheSyncCannotWrite() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let deck = cli.directory + "/notes.md"
        try "# Notes\n\n- Alpha: The first letter.\n".write(toFile: deck, atomically: true, encoding: .utf8)
        #expect(try cli.run(["decks", "add", deck]).status == 0)
        #expect(try cli.run(["review", "--limit", "1"], stdin: "good\n").status == 0)
        let other = try StudyStore.open(path: cli.databasePath)
        _ = try other.reviewCount()
        try "# Notes\n\n- Alpha: The first letter.\n- Beta: The second letter.\n".write(toFile: deck, atomically: true, encoding: .utf8)

        let due = try runOnAFullDisk(cli, ["due", "--json"])
        #expect(due.status == 0, "\(due.stderr)")
        #expect(due.stderr.contains("without syncing decks"))
        #expect(try json(due)["counts"] is [String: Int])
        let stats = try runOnAFullDisk(cli, ["stats", "--json"])
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(try json(stats)["total_reviews"] as? Int == 1)
        _ = other
    }
}
