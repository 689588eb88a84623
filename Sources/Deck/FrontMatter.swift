/// A leading YAML (`---` … `---` or `...`) or TOML (`+++` … `+++`) block: metadata, never
/// cards. Only `title` and `tags` are read; the rest is skipped unread.
struct FrontMatter: Equatable {
    /// Where the text after the block starts.
    let endOffset: Int
    /// Lines the block takes, its two fences included.
    let lineCount: Int
    let title: String?
    let tags: [String]
    /// `reverse: false` (or `reverse-cards: off`): no reverse cards for this file.
    var reverse: Bool? = nil

    /// The block at `start` (the first line of the file), or nil when the file does not
    /// begin with one (or it is never closed: then it is ordinary text).
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> FrontMatter? {
        var lines: [(text: String, end: Int)] = []
        var lineStart = start
        var fence: String?
        // Front matter is small; a block still open after this many lines is not one.
        while lineStart < bytes.count, lines.count < 2_000 {
            var end = lineStart
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var textEnd = end
            if textEnd > lineStart, bytes[textEnd - 1] == 0x0D { textEnd -= 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<textEnd]), as: UTF8.self)
            let trimmed = text.trimmingSpaces()
            if lines.isEmpty {
                guard text.hasPrefix("---") || text.hasPrefix("+++"), trimmed == "---" || trimmed == "+++" else { return nil }
                fence = trimmed
            } else if trimmed == fence || (fence == "---" && trimmed == "...") {
                let body = lines.dropFirst().map(\.text)
                let toml = fence == "+++"
                let reverse = (value(of: "reverse", in: body, toml: toml) ?? value(of: "reverse-cards", in: body, toml: toml))
                    .map { !["false", "off", "no", "0"].contains($0.lowercased()) }
                return FrontMatter(endOffset: min(end + 1, bytes.count), lineCount: lines.count + 1,
                                   title: value(of: "title", in: body, toml: toml), tags: tags(in: body, toml: toml), reverse: reverse)
            }
            lines.append((text, end))
            lineStart = end + 1
        }
        return nil
    }

    /// `key: value` (YAML) or `key = "value"` (TOML) at the top level, unquoted.
    private static func value(of key: String, in lines: [String], toml: Bool) -> String? {
        for line in lines where line.first != " " && line.first != "\t" {
            guard let separator = line.firstIndex(of: toml ? "=" : ":") else { continue }
            guard line[..<separator].trimmingSpaces() == key else { continue }
            let value = unquoted(line[line.index(after: separator)...].trimmingSpaces())
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// `tags: [a, b]`, `tags: a, b`, or a YAML list of `- a` lines under `tags:`.
    private static func tags(in lines: [String], toml: Bool) -> [String] {
        for (index, line) in lines.enumerated() where line.first != " " && line.first != "\t" {
            guard let separator = line.firstIndex(of: toml ? "=" : ":"), line[..<separator].trimmingSpaces() == "tags" else { continue }
            var inline = line[line.index(after: separator)...].trimmingSpaces()
            if inline.isEmpty {
                var tags: [String] = []
                for next in lines[(index + 1)...] {
                    let item = next.trimmingSpaces()
                    guard item.hasPrefix("- ") else { break }
                    tags.append(unquoted(String(item.dropFirst(2)).trimmingSpaces()))
                }
                return tags.filter { !$0.isEmpty }
            }
            if inline.hasPrefix("["), inline.hasSuffix("]") { inline = String(inline.dropFirst().dropLast()) }
            return inline.split(separator: ",").map { unquoted($0.trimmingSpaces()) }.filter { !$0.isEmpty }
        }
        return []
    }

    private static func unquoted(_ text: String) -> String {
        if text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first {
            return String(text.dropFirst().dropLast())
        }
        return text
    }
}
