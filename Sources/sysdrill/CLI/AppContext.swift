import Terminal
import Timekeeping
#if canImport(Glibc)
import Glibc
#endif

/// What a command may touch: the environment, the clock, the standard streams and,
/// through `Workspace`, the database and the decks. Built once in `App`.
final class AppContext {
    let environment: [String: String]
    let stdout: StreamWriter
    let stderr: StreamWriter
    /// The current instant: `SYSDRILL_NOW` when set, else the system clock.
    let now: UnixTime
    let verbose: Bool
    let json: Bool
    /// Styling for stdout (plain unless it is a colour-capable terminal).
    let style: Style
    /// Styling for stderr messages.
    let errorStyle: Style

    init(environment: [String: String], invocation: Invocation, stdout: StreamWriter = .standardOutput,
         stderr: StreamWriter = .standardError) throws {
        self.environment = environment
        self.stdout = stdout
        self.stderr = stderr
        self.verbose = invocation.flag("verbose")
        self.json = invocation.flag("json")
        let noColor = invocation.flag("no-color")
        self.style = Style(enabled: ColorPolicy.allowsColor(isTerminal: stdout.isTerminal, environment: environment, noColorFlag: noColor))
        self.errorStyle = Style(enabled: ColorPolicy.allowsColor(isTerminal: stderr.isTerminal, environment: environment, noColorFlag: noColor))
        if let override = environment["SYSDRILL_NOW"], !override.isEmpty {
            guard let parsed = ISO8601.parse(override) else {
                throw UsageError("SYSDRILL_NOW='\(override)' is not an ISO 8601 time; use e.g. 2026-11-25T09:00:00Z")
            }
            self.now = parsed
        } else {
            self.now = UnixTime(time(nil))
        }
    }

    /// Writes a line to stdout.
    func print(_ text: String) {
        stdout.write(text + "\n")
    }

    /// Writes a message line to stderr.
    func note(_ text: String) {
        stderr.write(text + "\n")
    }
}

enum ProcessEnvironment {
    /// The process environment as a dictionary (FoundationEssentials-free).
    static func current() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
