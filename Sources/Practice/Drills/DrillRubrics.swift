import Deck
import Study
import TextMatching

/// Gives each drill exercise its rubric: a built-in drill card gets the rubric file of
/// the same name (`Content/drills/*.md`, compiled in), a user deck's drill card the
/// rubric written in its own sub-bullets, read again from its file.
public struct DrillRubrics: Sendable {
    /// Built-in rubrics, keyed by their loosely normalized title.
    let builtIn: [String: DrillRubric]
    /// The decks compiled into the binary (`system-design`): only their drills use
    /// `builtIn`, so a user drill named "URL shortener" keeps its own.
    let builtInDecks: Set<String>

    /// Reads the built-in rubric files; a broken one is an error naming its line.
    public init(files: [(name: String, bytes: [UInt8])], builtInDecks: Set<String>) throws(RubricError) {
        var rubrics: [String: DrillRubric] = [:]
        for file in files {
            let rubric = try RubricReader.read(String(decoding: file.bytes, as: UTF8.self), file: "Content/" + file.name)
            guard let title = rubric.title else {
                throw RubricError(file: "Content/" + file.name, line: 1, column: 1, reason: "a rubric file starts with '# NAME', the drill it belongs to")
            }
            rubrics[Self.key(title)] = rubric
        }
        builtIn = rubrics
        self.builtInDecks = builtInDecks
    }

    static func key(_ name: String) -> String {
        AnswerText.loose(AnswerText.normalized(name))
    }

    /// The built-in rubric titled `name`, if any.
    public func builtInRubric(named name: String) -> DrillRubric? {
        builtIn[Self.key(name)]
    }

    /// `exercises` with their rubrics. `read` gives a user deck file's text (nil when it
    /// cannot be read: the drill then runs with the generic checklist).
    public func attach(to exercises: [DrillExercise], read: (String) -> String?) throws(RubricError) -> [DrillExercise] {
        var texts: [String: FileLines?] = [:]
        var result: [DrillExercise] = []
        for var exercise in exercises {
            if builtInDecks.contains(exercise.card.deck) {
                exercise.rubric = builtInRubric(named: exercise.name)
            } else {
                let file = exercise.card.source.file
                if texts[file] == nil { texts[file] = .some(read(file).map(FileLines.init)) }
                if let text = texts[file] ?? nil {
                    let rubric = try Self.rubric(of: exercise.card, inFile: text)
                    exercise.rubric = rubric.isEmpty ? nil : rubric
                }
            }
            result.append(exercise)
        }
        return result
    }

    /// The rubric in the sub-bullets of the drill bullet at `card.source.line`: the lines
    /// after it that are blank or indented deeper.
    public static func rubric(of card: Card, inFile text: FileLines) throws(RubricError) -> DrillRubric {
        let block = block(of: card, inFile: text)
        return block.isEmpty ? DrillRubric() : try RubricReader.read(lines: block, file: card.source.file)
    }

    /// The lines of the drill bullet's sub-bullets, numbered as in the file.
    static func block(of card: Card, inFile file: FileLines) -> [(number: Int, text: Substring)] {
        let lines = file.lines
        let start = card.source.line
        guard start >= 1, start <= lines.count else { return [] }
        func indent(_ line: Substring) -> Int {
            var width = 0
            for character in line {
                if character == " " { width += 1 } else if character == "\t" { width += 4 } else { break }
            }
            return width
        }
        let own = indent(lines[start - 1])
        var block: [(number: Int, text: Substring)] = []
        var number = start + 1
        while number <= lines.count {
            let line = lines[number - 1]
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" }
            if !blank && indent(line) <= own { break }
            block.append((number, line))
            number += 1
        }
        return block
    }
}
