import Deck
import Study

/// Headings, bullets and paragraphs of some Markdown lines as a tree: a heading holds
/// what follows it up to the next heading of its level or above, a bullet its indented
/// sub-bullets and paragraphs. Just enough structure for a rubric; decks have their own
/// reader (`OutlineReader`).
struct MarkdownTree {
    enum Kind: Equatable {
        case root
        case heading(Int)
        case bullet(indent: Int)
        case paragraph
    }

    struct Node {
        let kind: Kind
        /// Rendered text (inline Markdown removed); a bullet's continuation lines joined.
        var text: String
        let line: Int
        let column: Int
        /// The number of an ordered-list item (`2. solid`), which a score anchor may use.
        var ordinal: Int? = nil
        var children: [Int] = []
    }

    private(set) var nodes = [Node(kind: .root, text: "", line: 0, column: 0)]

    init(lines: [(number: Int, text: Substring)]) {
        var open = [0]
        /// The node a plain line continues (no blank line in between).
        var continuing: Int?
        var inCode = false
        for (number, raw) in lines {
            let expanded = raw.replacing("\t", with: "    ")
            let indent = expanded.prefix { $0 == " " }.count
            let body = trim(expanded.dropFirst(indent), " \r")
            if body.hasPrefix("```") || body.hasPrefix("~~~") {
                inCode.toggle()
                continue
            }
            if inCode { continue }
            guard !body.isEmpty else {
                continuing = nil
                continue
            }
            if indent < 4, let level = Self.headingLevel(body) {
                while case .bullet = nodes[open.last!].kind { open.removeLast() }
                while case .heading(let above) = nodes[open.last!].kind, above >= level { open.removeLast() }
                let text = trim(body.dropFirst(level), " #")
                open.append(add(Node(kind: .heading(level), text: Self.render(text), line: number, column: indent + level + 2), to: open.last!))
                continuing = nil
            } else if let marker = Self.bulletMarker(body) {
                while case .bullet(let above) = nodes[open.last!].kind, above >= indent { open.removeLast() }
                let text = trim(body.dropFirst(marker), " ")
                let ordinal = body.first == "-" || body.first == "*" || body.first == "+" ? nil : Int(body.prefix(marker - 2))
                let node = add(Node(kind: .bullet(indent: indent), text: Self.render(text), line: number, column: indent + marker + 1,
                                    ordinal: ordinal), to: open.last!)
                open.append(node)
                continuing = node
            } else if let node = continuing {
                nodes[node].text += " " + Self.render(body)
            } else {
                // A paragraph after a blank line belongs to the innermost bullet it is
                // indented under, else to the heading.
                while case .bullet(let above) = nodes[open.last!].kind, above >= indent { open.removeLast() }
                let node = add(Node(kind: .paragraph, text: Self.render(body), line: number, column: indent + 1), to: open.last!)
                continuing = node
            }
        }
    }

    private mutating func add(_ node: Node, to parent: Int) -> Int {
        nodes.append(node)
        nodes[parent].children.append(nodes.count - 1)
        return nodes.count - 1
    }

    /// Every node under `index`, in order, as lines: bullets marked `- ` and indented by
    /// depth when `bullets`, paragraphs and headings as they are.
    func flattened(under index: Int, bullets: Bool = true, depth: Int = 0) -> [String] {
        var lines: [String] = []
        for child in nodes[index].children {
            let node = nodes[child]
            if case .bullet = node.kind, bullets {
                lines.append(String(repeating: "  ", count: depth) + "- " + node.text)
                lines += flattened(under: child, bullets: bullets, depth: depth + 1)
            } else {
                lines.append(node.text)
                lines += flattened(under: child, bullets: bullets, depth: depth)
            }
        }
        return lines
    }

    /// One entry per child of `index`: its text, then what is under it after " — ".
    func entries(under index: Int) -> [String] {
        nodes[index].children.map { child in
            let details = flattened(under: child, bullets: false)
            return details.isEmpty ? nodes[child].text : nodes[child].text + " — " + details.joined(separator: "; ")
        }
    }

    static func headingLevel(_ body: String) -> Int? {
        let hashes = body.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let after = body.dropFirst(hashes)
        return after.isEmpty || after.first == " " ? hashes : nil
    }

    /// Length of `- `, `* `, `+ `, `1. `, `1) ` at the start of `body`.
    static func bulletMarker(_ body: String) -> Int? {
        if let first = body.first, "-*+".contains(first) {
            return body.dropFirst().first == " " ? 2 : nil
        }
        let digits = body.prefix { $0.isASCII && $0.isNumber }.count
        guard (1...9).contains(digits) else { return nil }
        let rest = body.dropFirst(digits)
        guard let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " else { return nil }
        return digits + 2
    }

    static func render(_ text: String) -> String {
        trim(InlineMarkdown.text(text), " ")
    }
}

/// `text` without `characters` at either end.
func trim(_ text: some StringProtocol, _ characters: String) -> String {
    let scalars = Substring(text).drop { characters.contains($0) }
    var end = scalars.endIndex
    while end > scalars.startIndex, characters.contains(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
    return String(scalars[..<end])
}
