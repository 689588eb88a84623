/// Reads a Markdown outline into cards. Plain outlines need no special syntax:
///
/// - `#`/`##`/... headings (numbered or not) form the section path;
/// - `- **Term**: definition` and `- Term: definition` are definition cards;
/// - a bullet with indented children (`- **Scalability**`, `- Fault Isolation:`) is a
///   parent: its children are cards under it;
/// - a `**Label**:` paragraph owns the unindented bullets after it up to a blank line;
/// - plain bullets without a definition are grouped into one list card per container;
/// - under a heading about drills, case studies or exercises every bullet is a drill;
/// - a bullet that is only a parenthetical, like `(Covered above.)`, is a cross
///   reference and makes no card;
/// - `Q:` / `A:` lines make a question card (the answer may continue on following
///   lines up to a blank line);
/// - `---` rules, code blocks and other paragraphs are skipped.
public struct OutlineParser: Sendable {
    public let deck: String
    /// The path shown in `file:line` (as the user gave it).
    public let file: String

    public init(deck: String, file: String) {
        self.deck = deck
        self.file = file
    }

    public func parse(_ bytes: [UInt8]) throws(DeckError) -> [Card] {
        let lines = try TextDecoding.lines(of: bytes, path: file)
        var tree = try OutlineTree.build(lines: lines, file: file)
        return try CardBuilder(deck: deck, file: file).cards(from: &tree)
    }

    public func parse(_ text: String) throws(DeckError) -> [Card] {
        try parse(Array(text.utf8))
    }
}

/// A bullet with its place in the outline.
struct BulletNode {
    var text: String
    let line: Int
    let indent: Int
    /// Column where the bullet's text starts; deeper lines continue it.
    let textColumn: Int
    /// Headings and label in force when the bullet was read.
    let container: [String]
    /// Equal for bullets that share one container value (so per-container facts are
    /// computed once, not once per bullet).
    let containerID: Int
    var parent: Int?
    var children: [Int] = []
}

struct QuestionNode {
    let question: String
    var answer: [String]
    let line: Int
    let answerLine: Int
    let container: [String]
}

/// First pass: the outline's bullets and Q/A pairs with their containers and nesting.
struct OutlineTree {
    var bullets: [BulletNode] = []
    var questions: [QuestionNode] = []
    /// Every item (bullet index or question index) in document order.
    var order: [Item] = []

    enum Item {
        case bullet(Int)
        case question(Int)
    }

    static func build(lines: [Substring], file: String) throws(DeckError) -> OutlineTree {
        var tree = OutlineTree()
        var headings: [(level: Int, text: String)] = []
        var label: String?
        var openBullets: [Int] = []  // stack of bullet indexes, innermost last
        var fenceMarker: String?
        var fenceLine = 0
        var pendingQuestion: (text: String, line: Int, container: [String])?
        var answerOpen = false
        // The container changes only at headings, labels and blank lines; building it once
        // per change (not per bullet) also lets every bullet share one array.
        var cachedContainer: [String]?
        var containerID = 0

        func container() -> [String] {
            if let cachedContainer { return cachedContainer }
            let built = headings.map(\.text) + (label.map { [$0] } ?? [])
            cachedContainer = built
            containerID += 1
            return built
        }

        for (offset, raw) in lines.enumerated() {
            let lineNumber = offset + 1
            let line = OutlineLine.classify(raw)
            if let marker = fenceMarker {
                if case .fence(let closing) = line, closing == marker { fenceMarker = nil }
                if answerOpen { tree.questions[tree.questions.count - 1].answer.append(String(raw)) }
                continue
            }
            switch line {
            case .fence(let marker):
                fenceMarker = marker
                fenceLine = lineNumber
                if answerOpen { tree.questions[tree.questions.count - 1].answer.append(String(raw)) }
                continue
            case .blank:
                if label != nil {
                    label = nil
                    cachedContainer = nil
                }
                answerOpen = false
                continue
            default:
                break
            }
            if answerOpen {
                if case .question = line {} else if case .heading = line {} else if case .rule = line {} else {
                    tree.questions[tree.questions.count - 1].answer.append(String(raw).trimmingSpaces())
                    continue
                }
                answerOpen = false
            }
            switch line {
            case .heading(let level, let text):
                try Self.requireNoPendingQuestion(pendingQuestion, file: file)
                while let last = headings.last, last.level >= level { headings.removeLast() }
                headings.append((level, text))
                label = nil
                cachedContainer = nil
                openBullets.removeAll()
            case .rule:
                try Self.requireNoPendingQuestion(pendingQuestion, file: file)
                if label != nil {
                    label = nil
                    cachedContainer = nil
                }
                openBullets.removeAll()
            case .label(let text):
                label = text
                cachedContainer = nil
                openBullets.removeAll()
            case .bullet(let indent, let text, let textColumn):
                while let top = openBullets.last, tree.bullets[top].indent >= indent { openBullets.removeLast() }
                let parent = openBullets.last
                // A child inherits its parent's container, even after a blank line ended a label.
                let bulletContainer = parent.map { tree.bullets[$0].container } ?? container()
                let bulletContainerID = parent.map { tree.bullets[$0].containerID } ?? containerID
                let node = BulletNode(text: text, line: lineNumber, indent: indent, textColumn: textColumn,
                                      container: bulletContainer, containerID: bulletContainerID, parent: parent)
                tree.bullets.append(node)
                let index = tree.bullets.count - 1
                if let parent { tree.bullets[parent].children.append(index) }
                openBullets.append(index)
                tree.order.append(.bullet(index))
            case .question(let text):
                try Self.requireNoPendingQuestion(pendingQuestion, file: file)
                guard !text.isEmpty else {
                    throw .malformed(path: file, line: lineNumber, column: 1, reason: "'Q:' without a question")
                }
                pendingQuestion = (text, lineNumber, container())
                openBullets.removeAll()
            case .answer(let text):
                guard let question = pendingQuestion else {
                    throw .malformed(path: file, line: lineNumber, column: 1,
                                     reason: "'A:' without a 'Q:' line before it; write the question as 'Q: ...' on the line above")
                }
                tree.questions.append(QuestionNode(question: question.text, answer: text.isEmpty ? [] : [text],
                                                   line: question.line, answerLine: lineNumber, container: question.container))
                tree.order.append(.question(tree.questions.count - 1))
                pendingQuestion = nil
                answerOpen = true
            case .text(let indent, let text):
                if let pending = pendingQuestion {
                    // A question may wrap onto following lines before its answer.
                    pendingQuestion = (pending.text + " " + text, pending.line, pending.container)
                } else if let top = openBullets.last, indent >= tree.bullets[top].indent + 1 {
                    // A lazy continuation of the bullet above.
                    tree.bullets[top].text += " " + text
                } else {
                    openBullets.removeAll()  // a paragraph ends the list
                }
            case .blank, .fence:
                break
            }
        }
        if fenceMarker != nil {
            throw .malformed(path: file, line: fenceLine, column: 1, reason: "code block opened here is never closed")
        }
        try requireNoPendingQuestion(pendingQuestion, file: file)
        return tree
    }

    private static func requireNoPendingQuestion(_ pending: (text: String, line: Int, container: [String])?, file: String) throws(DeckError) {
        if let pending {
            throw .malformed(path: file, line: pending.line, column: 1, reason: "'Q:' without an 'A:' line after it")
        }
    }
}
