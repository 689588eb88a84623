/// One source line of an outline, classified. Only the block forms decks use are
/// recognised; everything else is paragraph text. Simple lines (see `SimpleText`) are
/// classified on their bytes (`OutlineLine+Bytes.swift`), others here, Character by
/// Character; both give the same answer for a simple line.
enum OutlineLine: Equatable {
    case blank
    /// `# 3. Core Fundamentals` (level 1...6, text without the hashes).
    case heading(level: Int, text: String)
    /// `---`, `***`, `___`.
    case rule
    /// ```` ``` ```` or `~~~` opening or closing a code block.
    case fence(marker: String)
    /// `- text`, `* text`, `+ text`, `1. text`; indent in columns (tab = 4).
    case bullet(indent: Int, text: BulletText)
    /// `Q: question` / `A: answer` at the start of a line.
    case question(String)
    case answer(String)
    /// `C: text with [deletions]` at the start of a line (hashcards): a card per deletion.
    /// A `C:` line without a deletion is text (and a lint note).
    case cloze(String)
    /// A paragraph made only of a label: `**Invalidation**:`, `**Invalidation:**` or `**Advantages**`.
    case label(String)
    /// Any other text; indent in columns.
    case text(indent: Int, text: String)

    static func classify(_ line: Substring) -> OutlineLine {
        var indent = 0
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == " " { indent += 1 } else if character == "\t" { indent += 4 - indent % 4 } else { break }
            index = line.index(after: index)
        }
        let rest = line[index...]
        if rest.isEmpty { return .blank }
        let first = rest.first!

        if first == "#", indent < 4 {
            let hashes = rest.prefix { $0 == "#" }.count
            let afterHashes = rest.dropFirst(hashes)
            if hashes <= 6, afterHashes.isEmpty || afterHashes.first == " " || afterHashes.first == "\t" {
                var text = afterHashes.trimmingSpaces()
                // Optional closing hashes: "## Title ##".
                if text.hasSuffix("#") {
                    let stripped = text.reversed().drop { $0 == "#" }
                    if stripped.first == " " || stripped.isEmpty { text = String(stripped.reversed()).trimmingSpaces() }
                }
                return .heading(level: hashes, text: text)
            }
        }
        if indent < 4, first == "-" || first == "*" || first == "_" {
            // Three or more of the same mark and nothing else but spaces (without building
            // a filtered copy of every bullet line, which showed up when parsing big decks).
            var marks = 0
            var onlyMarks = true
            for character in rest where character != " " && character != "\t" {
                if character != first {
                    onlyMarks = false
                    break
                }
                marks += 1
            }
            if onlyMarks, marks >= 3 { return .rule }
        }
        if indent < 4, rest.hasPrefix("```") || rest.hasPrefix("~~~") {
            return .fence(marker: String(rest.prefix(3)))
        }
        if let textStart = bulletMarker(rest) {
            return .bullet(indent: indent, text: .string(rest[textStart...].trimmingSpaces(), simple: false))
        }
        if indent == 0 {
            if rest.hasPrefix("Q:") { return .question(rest.dropFirst(2).trimmingSpaces()) }
            if rest.hasPrefix("A:") { return .answer(rest.dropFirst(2).trimmingSpaces()) }
            if rest.hasPrefix("C:") {
                let text = rest.dropFirst(2).trimmingSpaces()
                if !ClozeDeletions.ranges(in: text).isEmpty { return .cloze(text) }
            }
        }
        let text = rest.trimmingSpaces()
        if indent < 4, let label = labelText(text) { return .label(label) }
        return .text(indent: indent, text: text)
    }

    /// Where the text starts, for `- `, `* `, `+ `, `12. `, `3) `.
    private static func bulletMarker(_ rest: Substring) -> Substring.Index? {
        let first = rest.first!
        if first == "-" || first == "*" || first == "+" {
            let next = rest.index(after: rest.startIndex)
            if next == rest.endIndex { return next }  // a lone "-" is an empty bullet
            if rest[next] == " " || rest[next] == "\t" { return next }
            return nil
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let markerEnd = rest.index(rest.startIndex, offsetBy: digits.count)
        guard markerEnd < rest.endIndex, rest[markerEnd] == "." || rest[markerEnd] == ")" else { return nil }
        let next = rest.index(after: markerEnd)
        guard next == rest.endIndex || rest[next] == " " || rest[next] == "\t" else { return nil }
        return next
    }

    /// `**Label**:`, `**Label:**` or `**Label**` standing alone.
    private static func labelText(_ text: String) -> String? {
        guard text.hasPrefix("**") else { return nil }
        var inner: Substring
        if text.hasSuffix("**:") {
            inner = text.dropFirst(2).dropLast(3)
        } else if text.hasSuffix(":**") {
            inner = text.dropFirst(2).dropLast(3)
        } else if text.hasSuffix("**"), text.count > 4 {
            inner = text.dropFirst(2).dropLast(2)  // `**Advantages**` alone
        } else {
            return nil
        }
        guard !inner.isEmpty, !inner.contains("**") else { return nil }
        while inner.last == ":" { inner = inner.dropLast() }
        let label = inner.trimmingSpaces()
        return label.isEmpty ? nil : label
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        if let trimmed = trimmingSpacesASCII() { return trimmed }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }

    /// The same on bytes, when the edges are plain ASCII (nil otherwise): a space next to
    /// a non-ASCII byte may belong to a larger character (a combining mark after it, a
    /// prepended mark before it), which only the character-by-character version sees.
    private func trimmingSpacesASCII() -> String? {
        // nil inside: not decidable on bytes; nil outside: no contiguous UTF-8 to scan.
        let scanned = utf8.withContiguousStorageIfAvailable { bytes -> Range<Int>? in
            var first = -1
            var afterLast = 0
            for offset in 0..<bytes.count {
                let byte = bytes[offset]
                if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") {
                    if first < 0 {
                        if byte >= 0x80 && offset > 0 { return nil }
                        first = offset
                    }
                    afterLast = offset + 1
                }
            }
            if first < 0 { return 0..<0 }
            if afterLast != bytes.count && bytes[afterLast - 1] >= 0x80 { return nil }
            return first..<afterLast
        }
        guard let scanned, let offsets = scanned else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offsets.lowerBound)
        let end = utf8.index(utf8.startIndex, offsetBy: offsets.upperBound)
        return String(self[start..<end])
    }
}
