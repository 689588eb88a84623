import Deck

// How clean and how complete the cards of a real-world Markdown deck are (issue 15).
// A pure function of the cards a deck gives and the Markdown it came from: no disk, no
// clock. `CorpusTests` runs it on the look-alike fixtures (asserting) and, when
// SYSDRILL_CORPUS names a folder, on real documents (reporting only).
//
// DEFINITIONS
//
// Junk. A card is junk when it shows at least one of these (each is a `JunkReason.Kind`):
//  - markup: its front, back, term or an item still holds Markdown or HTML syntax: `**`,
//    `__`, a backtick, `*word*` or `_word_` emphasis (the mark opening a word, a closing
//    mark ending a word on the same line), a backslash escape (`\` before ASCII
//    punctuation: `created\_at`), a link `[text](url)` (or `](`), an image `![`,
//    an HTML tag (`<` + optional `/` + a letter, then letters/digits/`-`, then `>`, `/>`,
//    or a space, attributes with a `=` and a `>`: `<br/>`, `<p align="center">`, `</a>`),
//    an HTML entity (`&name;`, `&#123;`, `&#x1F;`), a line that starts with a heading
//    mark (1-6 `#` then a space or the end), an icon or emoji shortcode (a word that is
//    `:` + lowercase letters, digits, `-`, `_` or `+` with a letter + `:`), or an
//    attribute list (`{:`, `{ align=`, or a `{` with `width=`);
//  - url in front: the front holds `http://`, `https://` or `www.`;
//  - front matter: the card comes from a line inside its file's YAML front matter (a
//    `---` first line up to the next `---` or `...` line), or its term is a front-matter
//    key (one of the keys met in the sources' front matter, or a common one: title,
//    description, tags, date, image, createdAt, draft, categories, layout, author, icon,
//    summary, slug, permalink, weight, toc_depth, nav_order, sidebar_position), or the
//    back or an item contains a `key: value` front-matter line of the sources (trimmed,
//    at least 8 characters), or more than half of a list card's items are front-matter
//    values (quotes removed), or the back is YAML (most of its lines `key: value` with a
//    front-matter key);
//  - empty back: the back is empty or only blanks, and there are no items;
//  - reading list: a list card more than half of whose items are reading links. An item
//    is a link when it holds a URL or `](`, or when its text (trailing `.,;:` trimmed) is
//    the text of a Markdown link `[text](url)` of the sources (case-insensitive). A link
//    is a *reading* link unless it names a thing by its home page: it is one when the
//    item holds a URL or `](`, when the card's section or term speaks of reading (source,
//    reading, reference, resource, link, further, see also, credit, article, video, talk,
//    paper, book, blog), or when its URL is an in-page anchor, a relative path, or has a
//    query or at least 2 path segments (`https://redis.io` or `https://aws.amazon.com/sqs`
//    under **Examples** are named things, not reading);
//  - merged lists: a list card whose items, looked up in its file (each the first list
//    item line at or after the previous one, from the card's source line on, whose text
//    with links, images and emphasis marks removed contains the item's), lie on both
//    sides of a heading, of a bold label alone on a line (`**Advantages**`,
//    `**Examples:**`, `**Examples**:`), or of a paragraph line ending with `:` that
//    introduces a list ("Here are some advantages:"): lists with different labels or
//    sections were joined into one card;
//  - duplicate front: another card of the deck has the same front (case-insensitive,
//    runs of white space as one space);
//  - vague front: the front asks "what is the key point?", or nothing is left of it once
//    the question boilerplate ("what is meant by", "name the N points", "explain", "what
//    would you cover", "what is the key point"), the generic label words (advantages,
//    disadvantages, pros, cons, benefits, drawbacks, examples, example, overview,
//    summary, notes, note, introduction, intro, details, misc, other, general, tips, key
//    points, points, takeaways, references, further reading, reading, sources, source(s),
//    see also, use cases, why, how, what, when) and small words are removed: the card
//    could belong to any topic;
//  - pointer answer: a definition or question card whose back starts with "Refer to " or
//    "See " (any case): it sends the learner elsewhere instead of answering;
//  - question answer: a definition or question card whose back ends with `?`.
// `junkShare` = junk cards / cards (0 when there are no cards).
//
// Coverage. The headings of the sources are found like CommonMark does for the cases met
// in practice: front matter (a `---` line first, up to the next `---` or `...` line) and
// fenced code (``` or ~~~) are skipped; an ATX heading is up to 3 spaces, 1-6 `#`, a
// space (or the end), the text, an optional closing run of `#`; a setext heading is a
// one-line paragraph (the line before is blank, a heading, a rule or the start) that is
// not a list item, quote, table row or HTML line, underlined by a line of only `=` or
// only `-` (up to 3 spaces before, blanks after). A heading is *eligible* when the first
// non-blank line after it is prose: not a list item (`-`, `*`, `+` or `1.`/`1)` then a
// space), table row (starts with `|`), code (a fence or 4+ spaces of indent), quote
// (`>`), HTML (`<`), image (`![` or `[![`), heading, rule or setext underline, admonition
// (`!!!`/`???`), attribute list (`{:`), line that is only a link, or line that is only a
// bold label (`**Label**` with an optional colon), or a line that only points elsewhere
// (it starts with "Refer to " or "See ", any case: a heading so followed defines nothing).
// A heading's *name* is its text with links reduced to their text, images, HTML tags,
// attribute lists `{...}`, shortcodes and the emphasis marks `*`, `_`, backticks removed, then a
// leading numbering (`3`, `3.4`, `3.4.` or `3)` followed by a space) removed, white space
// collapsed, lowercased.
// An eligible heading is *covered* when some non-junk card of the same file (any card
// when the deck has one source) names it: the card's term, or the last element of its
// section path, has the heading's name (normalized the same way).
// `coverage` = covered eligible headings / eligible headings (1 when there are none).

/// One Markdown file of a deck: the path the parser was given (as in `Card.source.file`)
/// and its text.
struct CorpusSource: Sendable {
    let path: String
    let text: String
}

struct JunkReason: Hashable, Sendable, CustomStringConvertible {
    enum Kind: String, CaseIterable, Sendable {
        case markup = "markup"
        case urlInFront = "url in front"
        case frontMatter = "front matter"
        case emptyBack = "empty back"
        case readingList = "reading list"
        case mergedLists = "merged lists"
        case duplicateFront = "duplicate front"
        case vagueFront = "vague front"
        case pointerAnswer = "pointer answer"
        case questionAnswer = "question answer"
    }

    let kind: Kind
    /// What was seen, e.g. "`**` in back".
    let detail: String

    var description: String { detail.isEmpty ? kind.rawValue : "\(kind.rawValue): \(detail)" }
}

/// A heading of the sources that is followed by prose.
struct CorpusHeading: Sendable, CustomStringConvertible {
    let file: String
    let line: Int
    let text: String
    /// Normalized (see DEFINITIONS).
    let name: String

    var description: String { "\(file):\(line): \(text)" }
}

struct CorpusReport: Sendable {
    let cardCount: Int
    let junk: [(card: Card, reasons: [JunkReason])]
    let eligibleHeadings: [CorpusHeading]
    let uncoveredHeadings: [CorpusHeading]

    var junkShare: Double { cardCount == 0 ? 0 : Double(junk.count) / Double(cardCount) }
    var coverage: Double {
        eligibleHeadings.isEmpty ? 1
            : Double(eligibleHeadings.count - uncoveredHeadings.count) / Double(eligibleHeadings.count)
    }

    /// Several decks' reports as one (each deck measured alone: duplicates are per deck).
    static func merged(_ reports: [CorpusReport]) -> CorpusReport {
        CorpusReport(cardCount: reports.reduce(0) { $0 + $1.cardCount }, junk: reports.flatMap(\.junk),
                     eligibleHeadings: reports.flatMap(\.eligibleHeadings), uncoveredHeadings: reports.flatMap(\.uncoveredHeadings))
    }

    /// How many junk cards show each kind, most frequent first.
    var reasonCounts: [(kind: JunkReason.Kind, count: Int)] {
        var counts: [JunkReason.Kind: Int] = [:]
        for entry in junk {
            for kind in Set(entry.reasons.map(\.kind)) { counts[kind, default: 0] += 1 }
        }
        return counts.map { ($0.key, $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.kind.rawValue < $1.kind.rawValue }
    }

    /// The junk cards, one block each, for a failing test.
    func describeJunk(limit: Int = 40) -> String {
        var lines: [String] = []
        for entry in junk.prefix(limit) {
            let card = entry.card
            lines.append("- \(card.source) [\(card.kind.rawValue)] term: \(Self.clip(card.term))")
            lines.append("    front: \(Self.clip(card.front))")
            lines.append("    back:  \(Self.clip(card.back))")
            lines.append("    why:   \(entry.reasons.map(\.description).joined(separator: "; "))")
        }
        if junk.count > limit { lines.append("… and \(junk.count - limit) more junk cards") }
        return lines.joined(separator: "\n")
    }

    func describeUncovered(limit: Int = 40) -> String {
        var lines = uncoveredHeadings.prefix(limit).map { "- \($0)" }
        if uncoveredHeadings.count > limit { lines.append("… and \(uncoveredHeadings.count - limit) more") }
        return lines.joined(separator: "\n")
    }

    static func clip(_ text: String, _ length: Int = 160) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ⏎ ")
        return flat.count <= length ? flat : String(flat.prefix(length)) + "…"
    }
}

enum CorpusMeasure {
    static func measure(cards: [Card], sources: [CorpusSource]) -> CorpusReport {
        let facts = SourceFacts(sources)
        var frontCounts: [String: Int] = [:]
        for card in cards { frontCounts[normalizedFront(card.front), default: 0] += 1 }

        var junk: [(card: Card, reasons: [JunkReason])] = []
        var junkIndices = Set<Int>()
        for (index, card) in cards.enumerated() {
            var reasons = junkReasons(card, facts: facts)
            if frontCounts[normalizedFront(card.front), default: 0] > 1 {
                reasons.append(JunkReason(kind: .duplicateFront, detail: ""))
            }
            if !reasons.isEmpty {
                junk.append((card, reasons))
                junkIndices.insert(index)
            }
        }

        // Names offered by the non-junk cards, per file.
        var namesByFile: [String: Set<String>] = [:]
        var allNames = Set<String>()
        for (index, card) in cards.enumerated() where !junkIndices.contains(index) {
            var names = [headingName(card.term)]
            if let last = card.section.last { names.append(headingName(last)) }
            for name in names where !name.isEmpty {
                namesByFile[card.source.file, default: []].insert(name)
                allNames.insert(name)
            }
        }

        var eligible: [CorpusHeading] = []
        var uncovered: [CorpusHeading] = []
        for source in sources {
            let names: Set<String>
            if sources.count == 1 {
                names = allNames
            } else {
                names = namesByFile.filter { samePath($0.key, source.path) }.values.reduce(into: Set<String>()) { $0.formUnion($1) }
            }
            for heading in eligibleHeadings(source) {
                eligible.append(heading)
                if !names.contains(heading.name) { uncovered.append(heading) }
            }
        }
        return CorpusReport(cardCount: cards.count, junk: junk, eligibleHeadings: eligible, uncoveredHeadings: uncovered)
    }

    // MARK: - Junk

    /// Facts about the sources the junk rules need.
    struct SourceFacts {
        var frontMatterKeys: Set<String> = SourceFacts.commonKeys
        var frontMatterLines: Set<String> = []
        /// Per file: the 1-based line numbers of its front matter, `---` lines included.
        var frontMatterSpans: [String: ClosedRange<Int>] = [:]
        var frontMatterValues: Set<String> = []
        /// Per file, its lines.
        var lines: [String: [String]] = [:]
        /// Link text (lowercased) → the URL of its first link.
        var linkTexts: [String: String] = [:]

        static let commonKeys: Set<String> = [
            "title", "description", "tags", "date", "image", "createdat", "draft", "categories", "layout",
            "author", "icon", "summary", "slug", "permalink", "weight", "toc_depth", "nav_order", "sidebar_position",
        ]

        init(_ sources: [CorpusSource]) {
            for source in sources {
                let lines = splitLines(source.text)
                self.lines[source.path] = lines
                if let range = frontMatterRange(lines) {
                    frontMatterSpans[source.path] = 1...(range.upperBound + 1)
                    for raw in lines[range] {
                        let line = raw.corpusTrimmed()
                        guard !line.isEmpty else { continue }
                        if line.count >= 8 && line.contains(":") { frontMatterLines.insert(line.lowercased()) }
                        var value = line
                        if let colon = line.firstIndex(of: ":"), !line.hasPrefix("-") {
                            let key = String(line[..<colon]).corpusTrimmed()
                            if !key.isEmpty && !key.contains(" ") { frontMatterKeys.insert(key.lowercased()) }
                            value = String(line[line.index(after: colon)...])
                        } else if line.hasPrefix("-") {
                            value = String(line.dropFirst())
                        }
                        value = value.corpusTrimmed().corpusTrimming(in: "\"'")
                        if !value.isEmpty { frontMatterValues.insert(value.lowercased()) }
                    }
                }
                for (text, url) in markdownLinks(source.text) where !text.isEmpty {
                    if linkTexts[text.lowercased()] == nil { linkTexts[text.lowercased()] = url }
                }
            }
        }
    }

    static func junkReasons(_ card: Card, facts: SourceFacts) -> [JunkReason] {
        var reasons: [JunkReason] = []
        var fields: [(String, String)] = [("front", card.front), ("back", card.back), ("term", card.term)]
        for (index, item) in card.items.enumerated() { fields.append(("item \(index + 1)", item)) }
        for (name, text) in fields {
            if let what = markup(in: text) {
                reasons.append(JunkReason(kind: .markup, detail: "\(what) in \(name)"))
                break
            }
        }
        let lowerFront = card.front.lowercased()
        if lowerFront.contains("http://") || lowerFront.contains("https://") || lowerFront.contains("www.") {
            reasons.append(JunkReason(kind: .urlInFront, detail: ""))
        }
        if let what = frontMatter(card, facts: facts) {
            reasons.append(JunkReason(kind: .frontMatter, detail: what))
        }
        if card.back.corpusTrimmed().isEmpty && card.items.isEmpty {
            reasons.append(JunkReason(kind: .emptyBack, detail: ""))
        }
        if card.kind == .list && !card.items.isEmpty {
            let readingSection = ([card.term] + card.section).contains { speaksOfReading($0) }
            let linky = card.items.filter { isReadingLink($0, readingSection: readingSection, facts: facts) }.count
            if linky * 2 > card.items.count {
                reasons.append(JunkReason(kind: .readingList, detail: "\(linky) of \(card.items.count) items are links"))
            }
        }
        if card.kind == .list, card.items.count >= 2,
           let lines = facts.lines.first(where: { samePath($0.key, card.source.file) })?.value,
           let what = mergedLists(card, lines: lines) {
            reasons.append(JunkReason(kind: .mergedLists, detail: what))
        }
        if let what = vagueness(card.front) {
            reasons.append(JunkReason(kind: .vagueFront, detail: what))
        }
        if card.kind == .definition || card.kind == .question {
            let back = card.back.corpusTrimmed()
            if isPointer(back) { reasons.append(JunkReason(kind: .pointerAnswer, detail: String(back.prefix(40)))) }
            if back.hasSuffix("?") { reasons.append(JunkReason(kind: .questionAnswer, detail: String(back.prefix(40)))) }
        }
        return reasons
    }

    /// The first Markdown/HTML construct in `text`, described, or nil.
    static func markup(in text: String) -> String? {
        if text.contains("**") { return "`**`" }
        if text.contains("__") { return "`__`" }
        if text.contains("`") { return "backtick" }
        if text.contains("![") { return "image `![`" }
        if text.contains("](") { return "link `](`" }
        if let emphasis = singleEmphasis(in: text) { return "emphasis `\(emphasis)`" }
        if let escape = backslashEscape(in: text) { return "escape `\(escape)`" }
        if let tag = htmlTag(in: text) { return "HTML tag `\(tag)`" }
        if let entity = htmlEntity(in: text) { return "entity `\(entity)`" }
        let edges: Set<Character> = [",", ".", ";", "!", "?", "(", ")", "\"", "'"]
        if let code = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
            .first(where: { isShortcode(String(String($0.drop { edges.contains($0) }.reversed()).drop { edges.contains($0) }.reversed())) }) {
            return "shortcode `\(code)`"
        }
        if text.contains("{:") || text.contains("{ align=") || text.contains("width=") && text.contains("{") { return "attribute list" }
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0 == " " }
            let hashes = trimmed.prefix { $0 == "#" }
            if !hashes.isEmpty && hashes.count <= 6 {
                let rest = trimmed.dropFirst(hashes.count)
                if rest.isEmpty || rest.first == " " { return "heading mark `\(hashes)`" }
            }
        }
        return nil
    }

    /// `*word*` or `_word_` emphasis: the mark at the start of a word (after a blank, an
    /// opening bracket or quote, or the start), a non-blank next, and a closing mark at the
    /// end of a word (before a blank, punctuation or the end) on the same line.
    static func singleEmphasis(in text: String) -> String? {
        let chars = Array(text)
        let opensAfter: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline || "([\"'“".contains($0) }
        let closesBefore: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0.isNewline || ".,;:!?)]\"'”".contains($0) }
        var i = 0
        while i < chars.count {
            let mark = chars[i]
            if (mark == "*" || mark == "_") && (i == 0 || opensAfter(chars[i - 1])) && i + 1 < chars.count
                && chars[i + 1] != mark && chars[i + 1] != " " && !chars[i + 1].isNewline {
                var j = i + 2
                while j < chars.count && !chars[j].isNewline {
                    if chars[j] == mark && chars[j - 1] != " " && (j + 1 == chars.count || closesBefore(chars[j + 1])) {
                        return String(chars[i...j].prefix(30))
                    }
                    j += 1
                }
            }
            i += 1
        }
        return nil
    }

    /// A Markdown backslash escape: `\` before ASCII punctuation, e.g. `created\_at`.
    static func backslashEscape(in text: String) -> String? {
        let chars = Array(text)
        for index in chars.indices.dropLast() where chars[index] == "\\" {
            let next = chars[index + 1]
            if next.isASCII && next.isPunctuation || next.isASCII && next.isSymbol { return String(chars[index...(index + 1)]) }
        }
        return nil
    }

    static func htmlTag(in text: String) -> String? {
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            if chars[i] == "<" {
                var j = i + 1
                if j < chars.count && chars[j] == "/" { j += 1 }
                if j < chars.count && chars[j].isASCII && chars[j].isLetter {
                    while j < chars.count && chars[j].isASCII && (chars[j].isLetter || chars[j].isNumber || chars[j] == "-") { j += 1 }
                    if j < chars.count {
                        if chars[j] == ">" { return String(chars[i...j]) }
                        if chars[j] == "/" && j + 1 < chars.count && chars[j + 1] == ">" { return String(chars[i...(j + 1)]) }
                        if chars[j] == " " {
                            // Attributes up to a `>` before any `<` or line end.
                            var k = j
                            while k < chars.count && chars[k] != ">" && chars[k] != "<" && !chars[k].isNewline { k += 1 }
                            if k < chars.count && chars[k] == ">" && (chars[j..<k].contains("=") || chars[k - 1] == "/") {
                                return String(chars[i...k].prefix(40))
                            }
                        }
                    }
                }
            }
            i += 1
        }
        return nil
    }

    static func htmlEntity(in text: String) -> String? {
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            if chars[i] == "&" {
                var j = i + 1
                if j < chars.count && chars[j] == "#" {
                    j += 1
                    if j < chars.count && (chars[j] == "x" || chars[j] == "X") { j += 1 }
                    let start = j
                    while j < chars.count && chars[j].isHexDigit { j += 1 }
                    if j > start && j < chars.count && chars[j] == ";" { return String(chars[i...j]) }
                } else {
                    let start = j
                    while j < chars.count && chars[j].isASCII && (chars[j].isLetter || chars[j].isNumber) { j += 1 }
                    if j - start >= 2 && j - start <= 10 && j < chars.count && chars[j] == ";" { return String(chars[i...j]) }
                }
            }
            i += 1
        }
        return nil
    }

    static func frontMatter(_ card: Card, facts: SourceFacts) -> String? {
        for (path, span) in facts.frontMatterSpans where samePath(path, card.source.file) && span.contains(card.source.line) {
            return "made from the front matter (line \(card.source.line))"
        }
        let term = card.term.corpusTrimmed().corpusTrimming(in: ":").lowercased()
        if facts.frontMatterKeys.contains(term) { return "term '\(card.term)' is a front-matter key" }
        for text in [card.back] + card.items {
            for line in text.lowercased().split(whereSeparator: \.isNewline) {
                let trimmed = String(line).corpusTrimmed()
                if facts.frontMatterLines.contains(trimmed) { return "'\(CorpusReport.clip(trimmed, 40))' is a front-matter line" }
            }
        }
        if card.kind == .list && !card.items.isEmpty {
            let values = card.items.filter { facts.frontMatterValues.contains($0.lowercased().corpusTrimmed().corpusTrimming(in: "\"'")) }
            if values.count * 2 > card.items.count { return "\(values.count) of \(card.items.count) items are front-matter values" }
        }
        // A back that itself reads like YAML: `key: value` lines, mostly with known keys.
        let lines = card.back.split(whereSeparator: \.isNewline)
        if lines.count >= 2 {
            let keyed = lines.filter { line in
                guard let colon = line.firstIndex(of: ":") else { return false }
                return facts.frontMatterKeys.contains(String(line[..<colon]).corpusTrimmed().lowercased())
            }
            if keyed.count * 2 > lines.count { return "back is YAML" }
        }
        return nil
    }

    /// Where a list card's items straddle a label, heading or list intro, described.
    static func mergedLists(_ card: Card, lines: [String]) -> String? {
        var cursor = max(0, card.source.line - 1)
        var found: [Int] = []
        for item in card.items {
            let wanted = plainText(item)
            guard !wanted.isEmpty else { continue }
            var index = cursor
            while index < lines.count {
                let trimmed = lines[index].corpusTrimmed()
                if isListItem(trimmed) && plainText(listItemText(trimmed)).contains(wanted) { break }
                index += 1
            }
            if index < lines.count {
                found.append(index)
                cursor = index + 1
            }
        }
        guard let first = found.first, let last = found.last, last > first + 1 else { return nil }
        for index in (first + 1)..<last {
            let line = lines[index]
            let trimmed = line.corpusTrimmed()
            if trimmed.isEmpty || isListItem(trimmed) || line.hasPrefix(" ") || line.hasPrefix("\t") { continue }
            if atxHeading(line) != nil || (index + 1 < lines.count && isSetextUnderline(lines[index + 1]) && canBeSetextText(line))
                || isOnlyBoldLabel(trimmed) || (trimmed.hasSuffix(":") && trimmed.contains(" ")) {
                return "items on both sides of '\(CorpusReport.clip(trimmed, 40))' (line \(index + 1))"
            }
        }
        return nil
    }

    /// A list item's text without its marker.
    static func listItemText(_ trimmed: String) -> String {
        if let first = trimmed.first, "-*+".contains(first) { return String(trimmed.dropFirst()) }
        return String(trimmed.drop { $0.isNumber }.dropFirst())
    }

    /// Text with links reduced to their text, images, tags and emphasis marks removed,
    /// blanks collapsed, lowercased.
    static func plainText(_ text: String) -> String {
        var plain = removeBetween(stripLinks(text), "<", ">")
        plain = String(plain.filter { $0 != "*" && $0 != "`" && $0 != "\\" })
        return plain.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            .corpusTrimming(in: " _")
    }

    static func isReadingLink(_ item: String, readingSection: Bool, facts: SourceFacts) -> Bool {
        let lower = item.lowercased()
        if lower.contains("http://") || lower.contains("https://") || lower.contains("www.") || lower.contains("](") { return true }
        var text = item.corpusTrimmed()
        while let last = text.last, ".,;:".contains(last) { text.removeLast() }
        guard let url = facts.linkTexts[text.lowercased()] else { return false }
        if readingSection { return true }
        return isArticleURL(url)
    }

    static let readingWords = [
        "source", "reading", "reference", "resource", "link", "further", "see also", "credit", "article", "video",
        "talk", "paper", "book", "blog",
    ]

    static func speaksOfReading(_ text: String) -> Bool {
        let lower = text.lowercased()
        return readingWords.contains { lower.contains($0) }
    }

    /// An in-page anchor, a relative path, or a URL with a query or 2+ path segments.
    static func isArticleURL(_ url: String) -> Bool {
        let trimmed = url.corpusTrimmed()
        guard let scheme = trimmed.firstRange(of: "://") else { return true }
        let rest = trimmed[scheme.upperBound...]
        if rest.contains("?") { return true }
        let segments = rest.split(separator: "/").dropFirst().filter { !$0.isEmpty }
        return segments.count >= 2
    }

    static let boilerplate = [
        "what is the key point", "what is meant by", "what would you cover", "name the", "points", "explain",
    ]
    static let genericWords: Set<String> = [
        "advantages", "advantage", "disadvantages", "disadvantage", "pros", "cons", "pro", "con", "benefits",
        "drawbacks", "examples", "example", "overview", "summary", "notes", "note", "introduction", "intro",
        "details", "detail", "misc", "other", "others", "general", "tips", "key", "point", "points", "takeaways",
        "references", "reference", "further", "reading", "sources", "source", "s", "see", "also", "use", "cases",
        "case", "why", "how", "what", "when", "where", "which", "who", "is", "are", "the", "a", "an", "of", "and",
        "or", "to", "in", "on", "for", "with", "it", "its", "this", "that", "vs", "more", "some", "main", "common",
        "important", "basics", "background", "conclusion", "definition", "description", "features", "types",
    ]

    /// Why a front is too vague to answer, or nil.
    static func vagueness(_ front: String) -> String? {
        var lower = front.lowercased()
        if lower.contains("what is the key point") { return "asks for 'the key point'" }
        for phrase in boilerplate { lower = lower.corpusReplacing(phrase, with: " ") }
        let words = lower.split { !($0.isLetter || $0.isNumber) }.map(String.init)
        let content = words.filter { !genericWords.contains($0) && !$0.allSatisfy(\.isNumber) }
        return content.isEmpty ? "only generic words" : nil
    }

    static func normalizedFront(_ front: String) -> String {
        front.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0.isNewline }).joined(separator: " ")
    }

    // MARK: - Headings

    static func eligibleHeadings(_ source: CorpusSource) -> [CorpusHeading] {
        let lines = splitLines(source.text)
        var skip = Set<Int>()
        if let range = frontMatterRange(lines) {
            for index in (range.lowerBound - 1)...range.upperBound where index < lines.count { skip.insert(index) }
        }
        // Fenced code.
        var fence: (char: Character, count: Int)?
        for (index, line) in lines.enumerated() where !skip.contains(index) {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                skip.insert(index)
                let run = trimmed.prefix { $0 == open.char }
                if run.count >= open.count && trimmed.dropFirst(run.count).corpusTrimmed().isEmpty { fence = nil }
                continue
            }
            if line.prefix(while: { $0 == " " }).count <= 3 {
                for char in ["`", "~"] as [Character] {
                    let run = trimmed.prefix { $0 == char }
                    if run.count >= 3 {
                        fence = (char, run.count)
                        skip.insert(index)
                        break
                    }
                }
            }
        }

        var headings: [(line: Int, text: String, end: Int)] = []  // end: index of the heading's last line
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            if skip.contains(index) { continue }
            let line = lines[index]
            if let text = atxHeading(line) {
                headings.append((index, text, index))
                continue
            }
            if index + 1 < lines.count, !skip.contains(index + 1), isSetextUnderline(lines[index + 1]),
               canBeSetextText(line), index == 0 || lines[index - 1].corpusTrimmed().isEmpty
                || atxHeading(lines[index - 1]) != nil || isRule(lines[index - 1]) || skip.contains(index - 1) {
                headings.append((index, line.corpusTrimmed(), index + 1))
                index += 1
            }
        }

        var result: [CorpusHeading] = []
        for heading in headings {
            var next = heading.end + 1
            while next < lines.count && lines[next].corpusTrimmed().isEmpty { next += 1 }
            guard next < lines.count, !skip.contains(next), isProse(lines[next], following: next + 1 < lines.count ? lines[next + 1] : nil) else { continue }
            let name = headingName(heading.text)
            guard !name.isEmpty else { continue }
            result.append(CorpusHeading(file: source.path, line: heading.line + 1, text: heading.text, name: name))
        }
        return result
    }

    static func atxHeading(_ line: String) -> String? {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return nil }
        let trimmed = line.dropFirst(indent)
        let hashes = trimmed.prefix { $0 == "#" }.count
        guard hashes >= 1 && hashes <= 6 else { return nil }
        let rest = trimmed.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = String(rest).corpusTrimmed()
        // Closing sequence: a run of `#` preceded by a space (or the whole text).
        let closing = text.reversed().prefix { $0 == "#" }.count
        if closing > 0 {
            let before = text.dropLast(closing)
            if before.isEmpty || before.last == " " { text = String(before).corpusTrimmed() }
        }
        return text
    }

    static func isSetextUnderline(_ line: String) -> Bool {
        let indent = line.prefix { $0 == " " }.count
        guard indent <= 3 else { return false }
        let trimmed = line.corpusTrimmed()
        guard let first = trimmed.first, first == "=" || first == "-" else { return false }
        return trimmed.allSatisfy { $0 == first }
    }

    static func isRule(_ line: String) -> Bool {
        let compact = line.filter { $0 != " " && $0 != "\t" }
        guard compact.count >= 3, let first = compact.first, "-*_".contains(first) else { return false }
        return compact.allSatisfy { $0 == first }
    }

    static func canBeSetextText(_ line: String) -> Bool {
        let trimmed = line.corpusTrimmed()
        guard !trimmed.isEmpty, line.prefix(while: { $0 == " " }).count <= 3 else { return false }
        if isListItem(trimmed) || trimmed.hasPrefix(">") || trimmed.hasPrefix("|") || trimmed.hasPrefix("<") { return false }
        if atxHeading(line) != nil || isRule(line) || isSetextUnderline(line) { return false }
        return true
    }

    static func isListItem(_ trimmed: String) -> Bool {
        if let first = trimmed.first, "-*+".contains(first) {
            let rest = trimmed.dropFirst()
            return rest.isEmpty || rest.first == " " || rest.first == "\t"
        }
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return false }
        let rest = trimmed.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")" else { return false }
        let after = rest.dropFirst()
        return after.isEmpty || after.first == " " || after.first == "\t"
    }

    /// Whether the first non-blank line after a heading starts a prose paragraph.
    static func isProse(_ line: String, following: String?) -> Bool {
        let indent = line.prefix { $0 == " " }.count
        if indent >= 4 || line.hasPrefix("\t") { return false }
        let trimmed = line.corpusTrimmed()
        if trimmed.isEmpty || isListItem(trimmed) { return false }
        for prefix in ["|", ">", "<", "![", "[![", "```", "~~~", "!!!", "???", "{:", "{%"] where trimmed.hasPrefix(prefix) { return false }
        if atxHeading(line) != nil || isRule(line) || isSetextUnderline(line) { return false }
        if let following, isSetextUnderline(following) { return false }  // a heading of its own
        if isOnlyLink(trimmed) || isOnlyBoldLabel(trimmed) || isPointer(trimmed) { return false }
        return trimmed.contains { $0.isLetter }
    }

    /// See DEFINITIONS: text that only sends the reader elsewhere.
    static func isPointer(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("refer to ") || lowered.hasPrefix("see ")
    }

    static func isOnlyLink(_ trimmed: String) -> Bool {
        guard trimmed.hasPrefix("["), trimmed.hasSuffix(")") || trimmed.hasSuffix("]") else { return false }
        let texts = markdownLinkTexts(trimmed)
        guard texts.count == 1 else { return false }
        // Nothing but the link: the text minus `[...](...)` is empty.
        return stripLinks(trimmed).corpusTrimmed().count == texts[0].count
    }

    static func isOnlyBoldLabel(_ trimmed: String) -> Bool {
        var text = trimmed
        if text.hasSuffix(":") { text.removeLast() }
        for mark in ["**", "__"] where text.hasPrefix(mark) && text.hasSuffix(mark) && text.count > 4 {
            let inner = text.dropFirst(2).dropLast(2)
            if !inner.contains(mark) { return true }
        }
        return false
    }

    /// See DEFINITIONS: markup and numbering removed, lowercased.
    static func headingName(_ raw: String) -> String {
        var text = stripLinks(raw)
        text = removeBetween(text, "<", ">")
        text = removeBetween(text, "{", "}")
        text = text.split(separator: " ").filter { !isShortcode($0) }.joined(separator: " ")
        text = String(text.filter { $0 != "*" && $0 != "`" })
        // `_` as emphasis only at word edges (keep snake_case).
        text = text.split(separator: " ", omittingEmptySubsequences: true)
            .map { word in String(word.drop { $0 == "_" }.reversed().drop { $0 == "_" }.reversed()) }
            .joined(separator: " ")
        text = text.corpusTrimmed()
        // Leading numbering: `3`, `3.4`, `3.4.`, `3)` followed by a space.
        let numbering = text.prefix { ($0.isASCII && $0.isNumber) || $0 == "." }
        if !numbering.isEmpty, numbering.first!.isNumber {
            var rest = text.dropFirst(numbering.count)
            if rest.first == ")" { rest = rest.dropFirst() }
            if rest.first == " " { text = String(rest) }
        }
        return text.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// See DEFINITIONS: an icon or emoji shortcode, `:simple-redis:`.
    static func isShortcode<S: StringProtocol>(_ word: S) -> Bool {
        guard word.count >= 3, word.first == ":", word.last == ":" else { return false }
        let name = word.dropFirst().dropLast()
        return name.contains { $0.isLetter } && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || "-_+".contains($0) }
    }

    // MARK: - Text helpers

    static func splitLines(_ text: String) -> [String] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map(String.init)
    }

    /// The lines between the opening and closing `---` of front matter at the very start.
    static func frontMatterRange(_ lines: [String]) -> Range<Int>? {
        guard let first = lines.first, first.corpusTrimmed() == "---" else { return nil }
        for index in 1..<lines.count {
            let line = lines[index].corpusTrimmed()
            if line == "---" || line == "..." { return 1..<index }
        }
        return nil
    }

    /// The texts of the `[text](url)` links (images too) in `text`.
    static func markdownLinkTexts(_ text: String) -> [String] {
        markdownLinks(text).map(\.text)
    }

    /// The `[text](url)` links (images too) in `text`: text without markup, URL without a
    /// title.
    static func markdownLinks(_ text: String) -> [(text: String, url: String)] {
        let chars = Array(text)
        var result: [(text: String, url: String)] = []
        var i = 0
        while i < chars.count {
            if chars[i] == "[" {
                var depth = 1
                var j = i + 1
                while j < chars.count && depth > 0 && !chars[j].isNewline {
                    if chars[j] == "[" { depth += 1 }
                    if chars[j] == "]" { depth -= 1 }
                    if depth > 0 { j += 1 }
                }
                if depth == 0 && j + 1 < chars.count && chars[j + 1] == "(" {
                    var k = j + 2
                    var parens = 1
                    while k < chars.count && parens > 0 && !chars[k].isNewline {
                        if chars[k] == "(" { parens += 1 }
                        if chars[k] == ")" { parens -= 1 }
                        if parens > 0 { k += 1 }
                    }
                    let inner = String(chars[(i + 1)..<j])
                    let target = String(chars[(j + 2)..<min(k, chars.count)])
                    let url = String(target.corpusTrimmed().prefix { $0 != " " })
                    result.append((stripLinks(inner).corpusTrimmed(), url))
                    i = j + 1
                    continue
                }
            }
            i += 1
        }
        return result
    }

    /// `[text](url)` → `text`, `![alt](url)` → ``.
    static func stripLinks(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            let image = chars[i] == "!" && i + 1 < chars.count && chars[i + 1] == "["
            let start = image ? i + 1 : i
            if chars[start] == "[" {
                var depth = 1
                var j = start + 1
                while j < chars.count && depth > 0 && !chars[j].isNewline {
                    if chars[j] == "[" { depth += 1 }
                    if chars[j] == "]" { depth -= 1 }
                    if depth > 0 { j += 1 }
                }
                if depth == 0 && j + 1 < chars.count && chars[j + 1] == "(" {
                    var k = j + 2
                    var parens = 1
                    while k < chars.count && parens > 0 && !chars[k].isNewline {
                        if chars[k] == "(" { parens += 1 }
                        if chars[k] == ")" { parens -= 1 }
                        if parens > 0 { k += 1 }
                    }
                    if parens == 0 {
                        if !image { out += stripLinks(String(chars[(start + 1)..<j])) }
                        i = k + 1
                        continue
                    }
                }
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }

    static func removeBetween(_ text: String, _ open: Character, _ close: Character) -> String {
        var out = ""
        var depth = 0
        for char in text {
            if char == open { depth += 1; continue }
            if char == close && depth > 0 { depth -= 1; continue }
            if depth == 0 { out.append(char) }
        }
        return out
    }

    static func samePath(_ a: String, _ b: String) -> Bool {
        a == b || a.hasSuffix("/" + b) || b.hasSuffix("/" + a)
    }
}

extension StringProtocol {
    func corpusTrimmed() -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let start = firstIndex(where: { !isBlank($0) }), let end = lastIndex(where: { !isBlank($0) }) else { return "" }
        return String(self[start...end])
    }

    func corpusTrimming(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }

    func corpusReplacing(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return String(self) }
        var out = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound]
            out += replacement
            rest = rest[range.upperBound...]
        }
        out += rest
        return out
    }
}
