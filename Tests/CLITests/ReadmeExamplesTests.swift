import Foundation
import Testing

/// The README's examples marked `<!-- checked example -->` are real output: each such
/// block's `$ sysdrill …` commands run from the repository root, in order, on a fresh
/// database (the block is one session), and print exactly the lines under them
/// (stdout, then stderr).
@Suite struct ReadmeExamplesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    struct Step {
        let arguments: [String]
        let expected: [String]
    }

    /// The checked blocks of the README, each a list of commands and their output.
    static func checkedBlocks() throws -> [[Step]] {
        let text = try String(contentsOfFile: root + "/README.md", encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [[Step]] = []
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            guard lines[index].trimmingCharacters(in: .whitespaces) == "<!-- checked example -->" else { continue }
            index += 2  // the comment, then the opening fence
            var steps: [Step] = []
            while index < lines.count, !lines[index].hasPrefix("```") {
                let line = lines[index]
                if line.hasPrefix("$ sysdrill") {
                    steps.append(Step(arguments: shellWords(String(line.dropFirst("$ sysdrill".count))), expected: []))
                } else if !steps.isEmpty {
                    let last = steps.removeLast()
                    steps.append(Step(arguments: last.arguments, expected: last.expected + [line]))
                }
                index += 1
            }
            blocks.append(steps)
        }
        return blocks
    }

    /// Words split at spaces, with "double" and 'single' quotes grouping.
    static func shellWords(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    @Test func readmeHasCheckedExamples() throws {
        #expect(try Self.checkedBlocks().count >= 1)
    }

    @Test func checkedExamplesPrintWhatTheReadmeShows() throws {
        for block in try Self.checkedBlocks() {
            var runner = CLIRunner()
            defer { runner.cleanUp() }
            runner.workingDirectory = Self.root
            runner.environment["NO_COLOR"] = "1"
            for step in block {
                let result = try runner.run(step.arguments)
                var output = (result.stdout + result.stderr).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if output.last == "" { output.removeLast() }
                #expect(output == step.expected, "sysdrill \(step.arguments.joined(separator: " ")) printed:\n\(output.joined(separator: "\n"))")
            }
        }
    }
}
