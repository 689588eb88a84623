extension OutlineLine {
    /// `classify(_: Substring)` for a simple line (see `SimpleText`), on its bytes: the
    /// same steps in the same order, with strings made only for the text it returns; a
    /// bullet's text is left in the file (`lineStart`: where the line is in it).
    static func classify(simple line: UnsafeBufferPointer<UInt8>, at lineStart: Int) -> OutlineLine {
        let count = line.count
        var indent = 0
        var index = 0
        while index < count {
            let byte = line[index]
            if byte == UInt8(ascii: " ") { indent += 1 } else if byte == UInt8(ascii: "\t") { indent += 4 - indent % 4 } else { break }
            index += 1
        }
        if index == count { return .blank }
        let first = line[index]

        if first == UInt8(ascii: "#"), indent < 4, let heading = heading(line, from: index) { return heading }
        if indent < 4, first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "_"),
           isRule(line, from: index, mark: first) {
            return .rule
        }
        if indent < 4, count - index >= 3, first == UInt8(ascii: "`") || first == UInt8(ascii: "~"),
           line[index + 1] == first, line[index + 2] == first {
            return .fence(marker: first == UInt8(ascii: "`") ? "```" : "~~~")
        }
        if let textStart = bulletTextStart(line, from: index) {
            let text = SimpleText.trimmed(line, textStart..<count)
            return .bullet(indent: indent, text: .file((lineStart + text.lowerBound)..<(lineStart + text.upperBound)))
        }
        if indent == 0, count >= 2, line[1] == UInt8(ascii: ":") {
            if first == UInt8(ascii: "Q") { return .question(SimpleText.string(line, SimpleText.trimmed(line, 2..<count))) }
            if first == UInt8(ascii: "A") { return .answer(SimpleText.string(line, SimpleText.trimmed(line, 2..<count))) }
            if first == UInt8(ascii: "C") {
                let text = SimpleText.string(line, SimpleText.trimmed(line, 2..<count))
                if !ClozeDeletions.ranges(in: text).isEmpty { return .cloze(text) }
            }
        }
        let text = SimpleText.trimmed(line, index..<count)
        if indent < 4, let label = labelText(line, text) { return .label(SimpleText.string(line, label)) }
        return .text(indent: indent, text: SimpleText.string(line, text))
    }

    /// `# Title`, `## Title ##` (level 1...6), or nil when the hashes do not make a heading.
    private static func heading(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> OutlineLine? {
        var afterHashes = start
        while afterHashes < line.count, line[afterHashes] == UInt8(ascii: "#") { afterHashes += 1 }
        let hashes = afterHashes - start
        guard hashes <= 6, afterHashes == line.count || SimpleText.isSpace(line[afterHashes]) else { return nil }
        var text = SimpleText.trimmed(line, afterHashes..<line.count)
        // Optional closing hashes, after a space (not a tab), or the whole text.
        if SimpleText.last(line, text) == UInt8(ascii: "#") {
            var end = text.upperBound
            while end > text.lowerBound, line[end - 1] == UInt8(ascii: "#") { end -= 1 }
            if end == text.lowerBound || line[end - 1] == UInt8(ascii: " ") {
                text = SimpleText.trimmed(line, text.lowerBound..<end)
            }
        }
        return .heading(level: hashes, text: SimpleText.string(line, text))
    }

    /// Three or more of the same mark and nothing else but spaces and tabs.
    private static func isRule(_ line: UnsafeBufferPointer<UInt8>, from start: Int, mark: UInt8) -> Bool {
        var marks = 0
        for index in start..<line.count where !SimpleText.isSpace(line[index]) {
            if line[index] != mark { return false }
            marks += 1
        }
        return marks >= 3
    }

    /// Where the text starts after `- `, `* `, `+ `, `12. `, `3) ` (at most 9 digits).
    private static func bulletTextStart(_ line: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let first = line[start]
        let next = start + 1
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") {
            return next == line.count || SimpleText.isSpace(line[next]) ? next : nil
        }
        var markerEnd = start
        while markerEnd < line.count, line[markerEnd] >= UInt8(ascii: "0"), line[markerEnd] <= UInt8(ascii: "9") { markerEnd += 1 }
        let digits = markerEnd - start
        guard digits >= 1, digits <= 9, markerEnd < line.count,
              line[markerEnd] == UInt8(ascii: ".") || line[markerEnd] == UInt8(ascii: ")") else { return nil }
        let textStart = markerEnd + 1
        guard textStart == line.count || SimpleText.isSpace(line[textStart]) else { return nil }
        return textStart
    }

    /// `**Label**:`, `**Label:**` or `**Label**` standing alone: the label's range.
    private static func labelText(_ line: UnsafeBufferPointer<UInt8>, _ text: Range<Int>) -> Range<Int>? {
        guard SimpleText.hasPrefix(line, text, UInt8(ascii: "*"), UInt8(ascii: "*")), text.count >= 3 else { return nil }
        let end = text.upperBound
        let suffix = (line[end - 3], line[end - 2], line[end - 1])
        let star = UInt8(ascii: "*"), colon = UInt8(ascii: ":")
        var inner: Range<Int>
        if suffix == (star, star, colon) || suffix == (colon, star, star) {
            // dropFirst(2) then dropLast(3): empty when the markers overlap.
            inner = (text.lowerBound + 2)..<max(text.lowerBound + 2, end - 3)
        } else if suffix.1 == star, suffix.2 == star, SimpleText.characterCount(line, text) > 4 {
            inner = (text.lowerBound + 2)..<(end - 2)  // `**Advantages**` alone
        } else {
            return nil
        }
        guard !inner.isEmpty, SimpleText.firstDoubleStar(line, in: inner) == nil else { return nil }
        while SimpleText.last(line, inner) == colon { inner = inner.lowerBound..<(inner.upperBound - 1) }
        let label = SimpleText.trimmed(line, inner)
        return label.isEmpty ? nil : label
    }
}
