/// No card asks to recall more than seven items: a longer list is cut into consecutive
/// parts of at most seven, as even as possible (20 items: 7, 7 and 6; 8 items: 4 and 4).
enum ListParts {
    static let maximum = 7

    static func split(_ count: Int) -> [Range<Int>] {
        guard count > maximum else { return [0..<count] }
        let parts = (count + maximum - 1) / maximum
        var ranges: [Range<Int>] = []
        var start = 0
        for part in 0..<parts {
            let size = count / parts + (part < count % parts ? 1 : 0)
            ranges.append(start..<(start + size))
            start += size
        }
        return ranges
    }
}

/// A list whose items are links with at most a couple of other words each: a table of
/// contents, "further reading", "Source(s)", an awesome list. It teaches nothing to
/// recall, so it makes no card (and the linter says so).
enum ReadingList {
    /// Words besides the link texts that an item may have and still be "a link".
    static let otherWordsAllowed = 2

    /// True when at least two thirds of the items are links.
    static func isReadingList(_ items: [String]) -> Bool {
        guard !items.isEmpty else { return false }
        let links = items.filter(isLinkItem).count
        return links * 3 >= items.count * 2
    }

    static func isLinkItem(_ item: String) -> Bool {
        // Without a "[" or "<" there is no link to find.
        guard item.utf8.contains(UInt8(ascii: "[")) || item.utf8.contains(UInt8(ascii: "<")) else { return false }
        let rendered = InlineMarkdown.render(item)
        guard !rendered.links.isEmpty else { return false }
        let outside = InlineMarkdown.textOutsideLinks(item)
        let words = outside.split(whereSeparator: { $0 == " " || $0 == "\n" }).filter { word in
            word.contains { $0.isLetter || $0.isNumber }
        }
        return words.count <= otherWordsAllowed
    }
}
