import Foundation
import Testing

/// `sysdrill review` driven as a user or a script would: through pipes (line mode) and
/// under a pseudo-terminal (raw mode, restored after Ctrl-C).
@Suite struct ReviewCLITests {
    @Test func lineModeThroughPipesKeepsAnswersAtEndOfInput() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["review", "--limit", "3"], stdin: "good\nbogus\n5\n")
        #expect(result.status == 0)
        let blocks = result.stdout.components(separatedBy: "\n---\n")
        #expect(blocks.count == 4)  // three cards shown, the third unanswered at end of input
        #expect(result.stdout.hasPrefix("Functional vs. Non-Functional: what is meant by Functional?\n---\nWhat the system must do"))
        #expect(result.stderr.contains("'bogus' is not an answer"))
        #expect(result.stdout.contains("Reviewed 2 cards (2 new)"))
        // Both answers are in the log; the third card is still new.
        let due = try #require(try cli.json(["due", "--json"]) as? [String: Any])
        let counts = try #require(due["counts"] as? [String: Int])
        #expect(counts["new"] == 18)
        let history = try #require(try cli.json(["card", "73477449", "--json"]) as? [String: Any])
        let reviews = try #require(history["reviews"] as? [[String: Any]])
        #expect(reviews.map { $0["grade"] as? Int } == [4])
    }

    @Test func jsonEventsInLineMode() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run(["review", "--json", "--limit", "1"], stdin: "again\nq\n")
        #expect(result.status == 0)
        let events = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(events.map { $0["event"] as? String } == ["card", "answer", "card", "summary"])
        #expect(events[1]["grade"] as? Int == 1)
        #expect(events[1]["repeats_today"] as? Bool == true)
        #expect(events[3]["reviewed"] as? Int == 1)
    }

    @Test func undoAcrossCardsRemovesFromTheLog() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        _ = try cli.run(["review"], stdin: "good\neasy\nu\nu\nq\n")
        let due = try #require(try cli.json(["due", "--json"]) as? [String: Any])
        #expect((due["counts"] as? [String: Int])?["new"] == 20)
    }

    @Test func reviewOptionsAreValidated() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        #expect(try cli.run(["review", "--limit", "-3"]).status == 64)
        #expect(try cli.run(["review", "--scheduler", "sm3"]).stderr.contains("did you mean 'sm2'"))
        #expect(try cli.run(["review", "--section", "no such heading"]).status == 64)
    }

    @Test func bareSysdrillPrintsTheOverviewWithoutATerminal() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let result = try cli.run([])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Today: 20 new · 0 learning · 0 review = 20 due"))
    }

    @Test func ctrlCInATerminalRestoresItAndKeepsAnswers() throws {
        let cli = CLIRunner()
        defer { cli.cleanUp() }
        let script = cli.directory + "/drive_review_in_pty.py"
        try Self.ptyScript.write(toFile: script, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, CLIRunner.binary]
        process.environment = cli.environment.merging(["SWIFT_BACKTRACE": "interactive=no"]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("exit=130"), "\(text)")
        #expect(text.contains("stty-same=True"), "\(text)")
        let history = try #require(try cli.json(["card", "73477449", "--json"]) as? [String: Any])
        #expect((history["reviews"] as? [[String: Any]])?.count == 1)
    }

    /// Opens a pty, records `stty -g`, runs `sysdrill review` on it, answers one card,
    /// presses Ctrl-C, and compares `stty -g` afterwards.
    static let ptyScript = #"""
    import os, pty, subprocess, sys, time, select, fcntl, termios, struct

    binary = sys.argv[1]
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

    def stty():
        return subprocess.check_output(["stty", "-g"], stdin=slave).decode().strip()

    def read_until(needle, timeout=10):
        seen = b""
        end = time.time() + timeout
        while time.time() < end:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
                if needle in seen:
                    return seen
        raise SystemExit("timed out waiting for %r; saw %r" % (needle, seen[-400:]))

    before = stty()
    child = subprocess.Popen([binary, "review"], stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
    read_until(b"Functional?")
    os.write(master, b" ")
    read_until(b"again")
    os.write(master, b"3")
    read_until(b"Non-Functional?")
    os.write(master, b"\x03")
    code = child.wait(timeout=10)
    after = stty()
    print("exit=%d" % code)
    print("stty-same=%s" % (before == after))
    if before != after:
        print("before=" + before)
        print("after=" + after)
    """#
}
