/// The manual page `sysdrill.1` in roff (man macros), made from the same specs as
/// `--help`: every command's usage, summary, options and notes, the global options, the
/// exit codes.
enum ManPage {
    static func render(root: CommandSpec) -> String {
        var page = ".TH SYSDRILL 1 \"\" \"sysdrill \(App.version)\" \"User Commands\"\n"
        page += ".SH NAME\nsysdrill \\- \(escaped(root.summary))\n"
        page += ".SH SYNOPSIS\n.nf\n" + root.usage.map { "\\fBsysdrill\\fR " + escaped($0) + "\n" }.joined()
        page += "\\fBsysdrill help\\fR [\\fICOMMAND\\fR...]\n.fi\n"
        page += ".SH DESCRIPTION\n" + discussion(root.discussion)
        page += ".PP\n\\fBsysdrill help\\fR \\fICOMMAND\\fR is \\fBsysdrill\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR.\n"

        page += ".SH COMMANDS\n"
        for command in root.subcommands {
            page += ".TP\n.B \(escaped(command.name))\n\(escaped(command.summary))\n"
        }
        for command in root.subcommands { page += section(for: command, path: [command.name]) }

        page += ".SH OPTIONS\nEvery command takes these, before or after its name.\n" + options(GlobalOptions.specs)
        page += ".SH EXIT STATUS\n"
        for (code, meaning) in ExitCode.meanings {
            page += ".TP\n.B \(code)\n\(escaped(meaning))\n"
        }
        page += ".SH SEE ALSO\n\\fBsysdrill\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR; the README and docs/ of the source.\n"
        return page
    }

    /// One command and, after it, each of its subcommands.
    private static func section(for command: CommandSpec, path: [String]) -> String {
        var text = ".SS \"sysdrill \(escaped(path.joined(separator: " ")))\"\n"
        text += escaped(command.summary) + "\n.PP\n.nf\n"
        text += command.usage.map { "sysdrill " + escaped($0) + "\n" }.joined() + ".fi\n"
        if !command.options.isEmpty { text += options(command.options) }
        if !command.discussion.isEmpty { text += discussion(command.discussion) }
        for sub in command.subcommands { text += section(for: sub, path: path + [sub.name]) }
        return text
    }

    private static func options(_ options: [OptionSpec]) -> String {
        options.map { option in
            let label = HelpFormatter.label(of: option)
            let name = label.prefix { $0 != " " }
            let value = label.dropFirst(name.count)
            return ".TP\n\\fB\(escaped(String(name)))\\fR" + (value.isEmpty ? "" : "\\fI\(escaped(String(value)))\\fR") + "\n"
                + escaped(option.help) + "\n"
        }.joined()
    }

    /// Help notes: a paragraph whose lines are all flush left is filled; one with
    /// indented lines (a table, examples) keeps its lines as they are.
    static func discussion(_ text: String) -> String {
        var result = ""
        var paragraph: [Substring] = []
        func flush() {
            guard !paragraph.isEmpty else { return }
            if paragraph.contains(where: { $0.first == " " }) {
                result += ".PP\n.nf\n" + paragraph.map { escaped(String($0)) + "\n" }.joined() + ".fi\n"
            } else {
                result += ".PP\n" + escaped(paragraph.map(trimmed).joined(separator: " ")) + "\n"
            }
            paragraph = []
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " }) { flush() } else { paragraph.append(line) }
        }
        flush()
        return result
    }

    private static func trimmed(_ line: Substring) -> Substring {
        guard let first = line.firstIndex(where: { $0 != " " }), let last = line.lastIndex(where: { $0 != " " }) else { return "" }
        return line[first...last]
    }

    /// Text safe on a roff line: backslashes doubled, a dash that starts a word (an option,
    /// a minus sign) as `\-`, other characters outside ASCII as `\[uXXXX]`, and a leading
    /// `.` or `'` (a request) guarded.
    static func escaped(_ text: String) -> String {
        var result = ""
        var previous: Unicode.Scalar?
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\":
                result += "\\e"
            case "-" where previous.map { !($0.properties.isAlphabetic || ("0"..."9").contains($0)) } ?? true:
                result += "\\-"
            case _ where scalar.value > 0x7E:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            default:
                result.unicodeScalars.append(scalar)
            }
            previous = scalar
        }
        if result.hasPrefix(".") || result.hasPrefix("'") { result = "\\&" + result }
        return result
    }
}
