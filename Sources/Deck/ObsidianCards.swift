/// The card syntax of Obsidian's spaced-repetition plugin, read only in notes that carry
/// its tag (`#flashcards`, or `#flashcards/…`), as the plugin itself does: elsewhere `::`
/// is mostly code (`std::vector`) and a lone `?` is prose.
enum ObsidianCards {
    struct Pair: Equatable {
        let question: String
        let answer: String
        let bothWays: Bool
        /// The line of the card within its paragraph.
        let lineOffset: Int
    }

    static func isDeckTag(_ tag: String) -> Bool {
        let tag = tag.hasPrefix("#") ? String(tag.dropFirst()) : tag
        return tag == "flashcards" || tag.hasPrefix("flashcards/")
    }

    /// Whether `#flashcards` stands in the text as a tag: after a line start or a space,
    /// followed by the end, a space, punctuation or `/`.
    static func hasInlineTag(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let tag = Array("#flashcards".utf8)
        var index = start
        while index + tag.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "#"),
               index == 0 || [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index - 1]),
               tag.indices.allSatisfy({ bytes[index + $0] == tag[$0] }) {
                let after = index + tag.count
                if after == bytes.count { return true }
                let next = bytes[after]
                let isWordByte = (next >= 0x30 && next <= 0x39) || (next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A)
                    || next == UInt8(ascii: "_") || next == UInt8(ascii: "-") || next >= 0x80
                if !isWordByte { return true }
            }
            index += 1
        }
        return false
    }

    /// The cards of a paragraph's lines, or nil when it has none (it is prose).
    static func cards(in lines: [String]) -> [Pair]? {
        let kept = lines.enumerated().filter { !isTagLine($0.element) }
        guard !kept.isEmpty else { return lines.isEmpty ? nil : [] }
        if let separator = kept.firstIndex(where: { $0.element == "?" || $0.element == "??" }) {
            let question = kept[..<separator].map(\.element).joined(separator: " ")
            let answer = kept[(separator + 1)...].map(\.element).joined(separator: "\n")
            guard !question.isEmpty, !answer.isEmpty else { return nil }
            return [Pair(question: question, answer: answer, bothWays: kept[separator].element == "??",
                         lineOffset: kept[0].offset)]
        }
        var pairs: [Pair] = []
        for (offset, line) in kept {
            let bothWays = line.firstRange(of: ":::") != nil
            guard let range = line.firstRange(of: bothWays ? ":::" : "::") else { continue }
            let question = String(line[..<range.lowerBound]).trimmingSpaces()
            let answer = String(line[range.upperBound...]).trimmingSpaces()
            if !question.isEmpty, !answer.isEmpty {
                pairs.append(Pair(question: question, answer: answer, bothWays: bothWays, lineOffset: offset))
            }
        }
        return pairs.isEmpty ? nil : pairs
    }

    /// A line of tags only (`#flashcards #networking`).
    static func isTagLine(_ line: String) -> Bool {
        let words = line.split(separator: " ")
        return !words.isEmpty && words.allSatisfy { $0.hasPrefix("#") && $0.count > 1 && $0.dropFirst().first != "#" }
    }
}
