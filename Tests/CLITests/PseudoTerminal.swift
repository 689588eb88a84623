import Foundation

/// Runs sysdrill on a pseudo-terminal, as a person at a keyboard would: a small Python
/// driver opens a pty (80x24), records `stty -g`, starts the command on it, then follows
/// `steps` (wait for text on the screen, or type bytes), waits for the exit and records
/// `stty -g` again. Python's `pty` module is used because Swift's Glibc overlay does
/// not export the pty functions.
enum PseudoTerminal {
    enum Step {
        case waitFor(String)
        case type(String)
    }

    struct Result {
        let exitCode: Int
        let terminalRestored: Bool
        let transcript: String
    }

    static func run(_ arguments: [String], steps: [Step], cli: CLIRunner) throws -> Result {
        let script = cli.directory + "/drive_in_pty.py"
        try driver.write(toFile: script, atomically: false, encoding: .utf8)
        var plan: [[String]] = []
        for step in steps {
            switch step {
            case .waitFor(let text): plan.append(["wait", text])
            case .type(let text): plan.append(["type", text])
            }
        }
        let planFile = cli.directory + "/pty-plan.json"
        try JSONSerialization.data(withJSONObject: ["command": [CLIRunner.binary] + arguments, "steps": plan])
            .write(to: URL(fileURLWithPath: planFile))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, planFile]
        // A crash must not wait for a key in Swift's backtracer.
        process.environment = cli.environment.merging(["SWIFT_BACKTRACE": "interactive=no", "TERM": "xterm"]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let exitLine = text.split(separator: "\n").first { $0.hasPrefix("exit=") }
        return Result(exitCode: exitLine.flatMap { Int($0.dropFirst(5)) } ?? -1,
                      terminalRestored: text.contains("stty-same=True"), transcript: text)
    }

    static let driver = #"""
    import json, os, pty, subprocess, sys, time, select, fcntl, termios, struct

    plan = json.load(open(sys.argv[1]))
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

    def stty():
        return subprocess.check_output(["stty", "-g"], stdin=slave).decode().strip()

    seen = b""
    def wait_for(needle, timeout=10):
        global seen
        end = time.time() + timeout
        while time.time() < end:
            if needle in seen:
                seen = seen[seen.index(needle) + len(needle):]
                return
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    seen += os.read(master, 65536)
                except OSError:
                    break
        raise SystemExit("timed out waiting for %r; saw %r" % (needle, seen[-400:]))

    before = stty()
    child = subprocess.Popen(plan["command"], stdin=slave, stdout=slave, stderr=slave, start_new_session=True)
    for kind, text in plan["steps"]:
        if kind == "wait":
            wait_for(text.encode())
        else:
            os.write(master, text.encode())
    code = child.wait(timeout=10)
    after = stty()
    print("exit=%d" % code)
    print("stty-same=%s" % (before == after))
    if before != after:
        print("before=" + before)
        print("after=" + after)
    """#
}
