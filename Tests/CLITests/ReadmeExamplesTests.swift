import Foundation
import Testing

/// The examples marked `<!-- checked example -->` in the README and in docs/*.md are real
/// output: each such block's `$ sysdrill …` commands run from the repository root, in
/// order, on a fresh database (the block is one session), and print exactly the lines
/// under them (stdout, then stderr). A command written `$ printf 'a\nb\n' | sysdrill …`
/// gets what printf prints as its standard input (the answers of a quiz).
@Suite struct ReadmeExamplesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    struct Step {
        let arguments: [String]
        let stdin: String?
        let expected: [String]
    }

    struct Block {
        /// The document and the line of its `<!-- checked example -->` comment.
        let place: String
        let steps: [Step]
    }

    /// The documents whose checked examples run: the README, then docs/*.md by name.
    static func documents() throws -> [String] {
        let docs = try FileManager.default.contentsOfDirectory(atPath: root + "/docs").filter { $0.hasSuffix(".md") }.sorted()
        return ["README.md"] + docs.map { "docs/" + $0 }
    }

    /// The checked blocks of every document, each a list of commands and their output.
    static func checkedBlocks() throws -> [Block] {
        try documents().flatMap { try checkedBlocks(in: $0) }
    }

    /// A `$ …` line as the command's arguments and standard input; nil for a line that is
    /// not a command of sysdrill.
    static func command(_ line: String) throws -> (arguments: [String], stdin: String?)? {
        if line.hasPrefix("$ sysdrill") {
            return (shellWords(String(line.dropFirst("$ sysdrill".count))), nil)
        }
        guard line.hasPrefix("$ printf "), let pipe = line.range(of: " | sysdrill") else { return nil }
        let printf = shellWords(String(line[line.index(line.startIndex, offsetBy: 2)..<pipe.lowerBound]))
        guard printf.count == 2 else { throw ExampleError("one quoted format after printf, got \(printf)") }
        return (shellWords(String(line[pipe.upperBound...])), try printed(printf[1]))
    }

    /// What `printf FORMAT` prints for a format without conversions: \n, \t, \\ and %%.
    static func printed(_ format: String) throws -> String {
        var result = ""
        var characters = format.makeIterator()
        while let character = characters.next() {
            switch character {
            case "\\":
                switch characters.next() {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "\\": result.append("\\")
                case let other: throw ExampleError("printf escape \\\(other.map(String.init) ?? "") is not supported here")
                }
            case "%":
                guard characters.next() == "%" else { throw ExampleError("printf conversions are not supported here: \(format)") }
                result.append("%")
            default:
                result.append(character)
            }
        }
        return result
    }

    struct ExampleError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func checkedBlocks(in document: String) throws -> [Block] {
        let text = try String(contentsOfFile: root + "/" + document, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [Block] = []
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            guard lines[index].trimmingCharacters(in: .whitespaces) == "<!-- checked example -->" else { continue }
            let place = "\(document):\(index + 1)"
            index += 2  // the comment, then the opening fence
            var steps: [Step] = []
            while index < lines.count, !lines[index].hasPrefix("```") {
                let line = lines[index]
                if let command = try command(line) {
                    steps.append(Step(arguments: command.arguments, stdin: command.stdin, expected: []))
                } else if !steps.isEmpty {
                    let last = steps.removeLast()
                    steps.append(Step(arguments: last.arguments, stdin: last.stdin, expected: last.expected + [line]))
                }
                index += 1
            }
            blocks.append(Block(place: place, steps: steps))
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
        #expect(try Self.checkedBlocks(in: "README.md").count >= 1)
        // The documented quiz runs on answers given through a pipe.
        #expect(try Self.checkedBlocks(in: "README.md").flatMap(\.steps).contains { $0.arguments.first == "quiz" && $0.stdin != nil })
        #expect(try Self.checkedBlocks(in: "docs/practice.md").flatMap(\.steps).contains { $0.arguments.contains("2026") && $0.stdin != nil })
    }

    @Test func printfLinesBecomeStandardInput() throws {
        let command = try #require(try Self.command("$ printf '2\\nconsistent hashin\\n100%%\\n' | sysdrill quiz --seed 2026 --count 4"))
        #expect(command.arguments == ["quiz", "--seed", "2026", "--count", "4"])
        #expect(command.stdin == "2\nconsistent hashin\n100%\n")
        #expect(throws: ExampleError.self) { try Self.command("$ printf '%s\\n' x | sysdrill quiz") }
        #expect(try Self.command("$ ls") == nil)
    }

    @Test(arguments: try ReadmeExamplesTests.documents())
    func checkedExamplesPrintWhatTheDocumentShows(document: String) throws {
        for block in try Self.checkedBlocks(in: document) {
            var runner = CLIRunner()
            defer { runner.cleanUp() }
            runner.workingDirectory = Self.root
            runner.environment["NO_COLOR"] = "1"
            for step in block.steps {
                let result = try runner.run(step.arguments, stdin: step.stdin)
                var output = (result.stdout + result.stderr).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                if output.last == "" { output.removeLast() }
                #expect(output == step.expected, "\(block.place): sysdrill \(step.arguments.joined(separator: " ")) printed:\n\(output.joined(separator: "\n"))")
            }
        }
    }
}
