import Foundation
import Testing

/// Every SQL statement in the code is a literal with `?N` parameters: no value is ever
/// spliced into SQL text. This scans the sources for string literals that look like SQL
/// and fails on any interpolation inside them, and checks that statements are only
/// prepared from literals (or concatenations of literals).
@Suite struct SQLBindingTests {
    static let sourcesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    static func swiftFiles() throws -> [URL] {
        let enumerator = FileManager.default.enumerator(at: sourcesFolder, includingPropertiesForKeys: nil)!
        return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }

    /// The string literals of a Swift file (single-line and `"""` blocks), with line numbers.
    static func stringLiterals(in text: String) -> [(line: Int, body: String)] {
        var literals: [(Int, String)] = []
        let characters = Array(text)
        var index = 0
        var line = 1
        while index < characters.count {
            let character = characters[index]
            if character == "\n" { line += 1 }
            if character == "/" && index + 1 < characters.count && characters[index + 1] == "/" {
                while index < characters.count && characters[index] != "\n" { index += 1 }
                continue
            }
            if character == "\"" {
                let startLine = line
                let triple = index + 2 < characters.count && characters[index + 1] == "\"" && characters[index + 2] == "\""
                let delimiter = triple ? "\"\"\"" : "\""
                index += delimiter.count
                var body = ""
                while index < characters.count {
                    if characters[index] == "\\" && index + 1 < characters.count {
                        body.append(characters[index])
                        body.append(characters[index + 1])
                        index += 2
                        continue
                    }
                    if String(characters[index..<min(characters.count, index + delimiter.count)]) == delimiter { break }
                    if characters[index] == "\n" { line += 1 }
                    body.append(characters[index])
                    index += 1
                }
                index += delimiter.count
                literals.append((startLine, body))
                continue
            }
            index += 1
        }
        return literals
    }

    static let sqlShape = try! NSRegularExpression(
        // Keywords in capitals: the code base writes SQL that way (and prose does not).
        pattern: #"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|BEGIN|COMMIT|ROLLBACK|WITH)\b|\b(FROM|WHERE|VALUES|SET)\b"#)

    @Test func sqlLiteralsNeverInterpolate() throws {
        var checked = 0
        var offenders: [String] = []
        for file in try Self.swiftFiles() {
            let text = try String(contentsOf: file, encoding: .utf8)
            for literal in Self.stringLiterals(in: text) {
                let range = NSRange(literal.body.startIndex..., in: literal.body)
                guard Self.sqlShape.firstMatch(in: literal.body, range: range) != nil else { continue }
                checked += 1
                if literal.body.contains("\\(") {
                    offenders.append("\(file.lastPathComponent):\(literal.line)")
                }
            }
        }
        #expect(checked > 40, "the scanner found only \(checked) SQL literals: is it still looking in the right place?")
        #expect(offenders.isEmpty, "SQL built by interpolation at \(offenders)")
    }

    @Test func statementsArePreparedFromLiteralsOnly() throws {
        // prepare(...)/run(...) on a connection must start with a literal or a static
        // SELECT prefix that is itself a literal (e.g. `Self.selectCard + " WHERE ..."`).
        let call = try NSRegularExpression(pattern: #"connection\.(prepare|run)\(\s*([^"\s][^,)]*)"#)
        var offenders: [String] = []
        for file in try Self.swiftFiles() {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in call.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let argument = String(text[Range(match.range(at: 2), in: text)!])
                if !argument.hasPrefix("Self.select") && !argument.hasPrefix("\"") {
                    offenders.append("\(file.lastPathComponent): \(argument)")
                }
            }
        }
        #expect(offenders.isEmpty, "statements prepared from non-literals: \(offenders)")
    }

    @Test func theScannerCatchesInterpolation() {
        // The check above must be able to fail.
        let bad = "let sql = \"SELECT * FROM cards WHERE id = '\\(id)'\""
        let literals = Self.stringLiterals(in: bad)
        #expect(literals.count == 1)
        let body = literals[0].body
        #expect(Self.sqlShape.firstMatch(in: body, range: NSRange(body.startIndex..., in: body)) != nil)
        #expect(body.contains("\\("))
    }
}
