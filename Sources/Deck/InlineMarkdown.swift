/// Inline Markdown rendered to the plain text a card shows: a link shows its text (its URL
/// is kept aside), an image gives nothing, emphasis and code markers go, HTML tags are
/// dropped (`<br>` becomes a line break) and entities are decoded. A backslash escape
/// gives its character. Text without any of the marker characters is returned as it is,
/// which is most of a plain outline.
public enum InlineMarkdown {
    public struct Rendered: Equatable, Sendable {
        public var text: String
        /// Link and autolink URLs in order of appearance, without repeats.
        public var links: [String]
        /// Whether the source had an image (so an empty `text` was an image-only line).
        public var hadImage: Bool
    }

    public static func render(_ source: String) -> Rendered {
        guard needsRendering(source) else { return Rendered(text: source, links: [], hadImage: false) }
        var renderer = Renderer(Array(source.unicodeScalars))
        renderer.run()
        return Rendered(text: tidy(renderer.output), links: renderer.links, hadImage: renderer.hadImage)
    }

    /// The text without what links show (their text and autolinks' URLs): what a list
    /// item says besides its links.
    public static func textOutsideLinks(_ source: String) -> String {
        guard needsRendering(source) else { return source }
        var renderer = Renderer(Array(source.unicodeScalars))
        renderer.dropLinkText = true
        renderer.run()
        return tidy(renderer.output)
    }

    /// `render(source).text`.
    public static func text(_ source: String) -> String {
        render(source).text
    }

    /// True when `source` has a character that can start inline markup.
    static func needsRendering(_ source: String) -> Bool {
        // Through a pointer: every term, answer and item of a deck is looked at.
        SimpleText.withBytes(source) { bytes in
            guard let base = bytes.baseAddress else { return false }
            let count = bytes.count
            var index = 0
            while index < count {
                switch base[index] {
                case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "["), UInt8(ascii: "!"),
                     UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: "\\"), UInt8(ascii: "~"), UInt8(ascii: "{"):
                    return true
                case UInt8(ascii: ":"):
                    // After a space (or the start) and before a lowercase letter, a colon may
                    // open an icon or emoji shortcode (" :simple-redis:").
                    if index + 1 < count, base[index + 1] >= UInt8(ascii: "a"), base[index + 1] <= UInt8(ascii: "z"),
                       index == 0 || base[index - 1] == 0x20 {
                        return true
                    }
                default:
                    break
                }
                index += 1
            }
            return false
        }
    }

    /// Spaces collapsed around what was removed, each line trimmed, no empty first or last
    /// line; written into one scalar array and made a string once.
    private static func tidy(_ scalars: [Unicode.Scalar]) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(scalars.count + scalars.count / 4)
        func append(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                result.append(UInt8(scalar.value))
            } else {
                result.append(contentsOf: UTF8.encode(scalar)!)
            }
        }
        var lineIsEmpty = true
        var pendingSpace = false
        var pendingBreaks = 0
        for scalar in scalars {
            if scalar == "\n" {
                if !lineIsEmpty || pendingBreaks > 0 { pendingBreaks += 1 }
                lineIsEmpty = true
                pendingSpace = false
            } else if scalar == " " || scalar == "\t" {
                pendingSpace = !lineIsEmpty
            } else {
                if !result.isEmpty {
                    for _ in 0..<pendingBreaks { result.append(0x0A) }
                }
                pendingBreaks = 0
                if pendingSpace { result.append(0x20) }
                pendingSpace = false
                append(scalar)
                lineIsEmpty = false
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// One pass over the scalars; emphasis delimiters are decided at the end, when it is
    /// known which ones pair up.
    struct Renderer {
        let input: [Unicode.Scalar]
        var output: [Unicode.Scalar] = []
        var links: [String] = []
        var hadImage = false
        /// Links leave nothing in the output (`textOutsideLinks`).
        var dropLinkText = false
        /// Runs of `*`, `_` or `~` written to `output`, that may be removed if they pair.
        private var delimiters: [Delimiter] = []

        private struct Delimiter {
            let character: Unicode.Scalar
            let start: Int  // in output
            var count: Int
            let canOpen: Bool
            let canClose: Bool
            var removed = 0
            var removedFromStart = 0
        }

        init(_ input: [Unicode.Scalar]) {
            self.input = input
        }

        mutating func run() {
            renderRange(0..<input.count)
            removePairedDelimiters()
        }

        private mutating func renderRange(_ range: Range<Int>) {
            var index = range.lowerBound
            while index < range.upperBound {
                let scalar = input[index]
                switch scalar {
                case "\\":
                    if index + 1 < range.upperBound, input[index + 1].isASCII, isPunctuation(input[index + 1]) {
                        output.append(input[index + 1])
                        index += 2
                    } else {
                        output.append(scalar)
                        index += 1
                    }
                case "`":
                    index = codeSpan(at: index, limit: range.upperBound)
                case "!":
                    if index + 1 < range.upperBound, input[index + 1] == "[", let end = link(at: index + 1, limit: range.upperBound, image: true) {
                        hadImage = true
                        index = end
                    } else {
                        output.append(scalar)
                        index += 1
                    }
                case "[":
                    if let end = link(at: index, limit: range.upperBound, image: false) {
                        index = end
                    } else {
                        output.append(scalar)
                        index += 1
                    }
                case "<":
                    index = tag(at: index, limit: range.upperBound)
                case "&":
                    index = entity(at: index, limit: range.upperBound)
                case "*", "_", "~":
                    index = delimiterRun(at: index, limit: range.upperBound)
                case "{":
                    index = attributeList(at: index, limit: range.upperBound)
                case ":" where index == range.lowerBound || input[index - 1] == " ":
                    index = shortcode(at: index, limit: range.upperBound)
                default:
                    output.append(scalar)
                    index += 1
                }
            }
        }

        // MARK: Attribute lists and shortcodes

        /// An attribute list (`{ align=right width=400 }`, `{: .note }`, `{#id .class}`,
        /// from Python-Markdown and MkDocs) says how to show what is before it: it gives
        /// nothing. Other braces are text.
        private mutating func attributeList(at start: Int, limit: Int) -> Int {
            var end = start + 1
            while end < limit, input[end] != "}", input[end] != "\n", input[end] != "{" { end += 1 }
            guard end < limit, input[end] == "}" else {
                output.append(input[start])
                return start + 1
            }
            var inner = String(String.UnicodeScalarView(input[(start + 1)..<end]))
            // `{x=1}` in a sentence is text: attributes open with `{:` or `{ `, follow a
            // link or image, or name a class (`.wide`) or an ID (`#top`). A template's
            // `{{ .Values.port }}` is text too.
            let marked = inner.hasPrefix(":") || inner.hasPrefix(" ") || (start > 0 && input[start - 1] == ")")
            let doubled = (start > 0 && input[start - 1] == "{") || (end + 1 < limit && input[end + 1] == "}")
            if inner.hasPrefix(":") { inner.removeFirst() }
            let tokens = inner.split(separator: " ")
            let isAttributes = !doubled && !tokens.isEmpty && tokens.allSatisfy { token in
                let named = token.dropFirst().first?.isLetter == true
                return ((token.hasPrefix(".") || token.hasPrefix("#")) && named)
                    || (marked && token.contains("=") && !token.hasPrefix("="))
            }
            guard isAttributes else {
                output.append(input[start])
                return start + 1
            }
            return end + 1
        }

        /// An icon or emoji shortcode (`:simple-redis:`, `:white_check_mark:`): a picture,
        /// so nothing. It opens with a lowercase letter and has a `-` or `_` between its
        /// lowercase letters and digits (`:memory:`, SQLite's in-memory database, stays),
        /// between colons, after a space or the start and before a space, punctuation or
        /// the end.
        private mutating func shortcode(at start: Int, limit: Int) -> Int {
            var end = start + 1
            var joined = false
            while end < limit {
                let scalar = input[end]
                if scalar == "-" || scalar == "_" {
                    joined = true
                } else if !(scalar.isASCII && (scalar.properties.isLowercase || isDigit(scalar))) {
                    break
                }
                end += 1
            }
            let opensWithLetter = start + 1 < limit && input[start + 1].isASCII && input[start + 1].properties.isLowercase
            let closes = end < limit && input[end] == ":" && end > start + 1
            let followed = end + 1 >= limit || isSpace(input[end + 1]) || (input[end + 1].isASCII && isPunctuation(input[end + 1]))
            guard opensWithLetter, joined, closes, followed else {
                output.append(input[start])
                return start + 1
            }
            return end + 1
        }

        // MARK: Code

        /// A code span: its content as written, without the backticks.
        private mutating func codeSpan(at start: Int, limit: Int) -> Int {
            var openEnd = start
            while openEnd < limit, input[openEnd] == "`" { openEnd += 1 }
            let ticks = openEnd - start
            var search = openEnd
            while search < limit {
                guard input[search] == "`" else {
                    search += 1
                    continue
                }
                var closeEnd = search
                while closeEnd < limit, input[closeEnd] == "`" { closeEnd += 1 }
                if closeEnd - search == ticks {
                    var content = Array(input[openEnd..<search])
                    if content.count >= 2, content.first == " ", content.last == " " { content = Array(content.dropFirst().dropLast()) }
                    // Notes written for renderers that need `\_` even in code ("created\_at")
                    // mean the plain character.
                    var unescaped: [Unicode.Scalar] = []
                    for (offset, scalar) in content.enumerated() {
                        if scalar == "\\", offset + 1 < content.count, content[offset + 1] == "_" || content[offset + 1] == "*" { continue }
                        unescaped.append(scalar)
                    }
                    content = unescaped
                    output.append(contentsOf: content)
                    return closeEnd
                }
                search = closeEnd
            }
            // No closing run: the backticks are literal.
            output.append(contentsOf: input[start..<openEnd])
            return openEnd
        }

        // MARK: Links and images

        /// `[text](url "title")`, `[text][ref]`, `[text][]`, or for images the same after
        /// `!`: the index after it, or nil when it is not a link (the `[` is literal).
        private mutating func link(at open: Int, limit: Int, image: Bool) -> Int? {
            guard let close = matchingBracket(from: open, limit: limit) else { return nil }
            let after = close + 1
            var end: Int?
            var url: String?
            if after < limit, input[after] == "(", let parenClose = matchingParenthesis(from: after, limit: limit) {
                end = parenClose + 1
                url = destination(in: (after + 1)..<parenClose)
            } else if after < limit, input[after] == "(", isBareURL((after + 1)..<limit) {
                // `[text](https://…` never closed: the author's slip, still a link.
                end = limit
                url = destination(in: (after + 1)..<limit)
            } else if after < limit, input[after] == "[", let refClose = matchingBracket(from: after, limit: limit) {
                end = refClose + 1
            } else if image {
                end = after  // `![alt]` alone: still an image
            }
            guard let end else { return nil }
            if !image {
                if !dropLinkText { renderRange((open + 1)..<close) }
                if let url, !url.isEmpty, !links.contains(url) { links.append(url) }
            }
            return end
        }

        /// `range` is one URL and nothing else (no space in it).
        private func isBareURL(_ range: Range<Int>) -> Bool {
            let text = String(String.UnicodeScalarView(input[range])).lowercased()
            return (text.hasPrefix("http://") || text.hasPrefix("https://")) && !input[range].contains(where: { $0 == " " || $0 == "\n" })
        }

        /// How far a closing `]` or `)` is looked for: a link's text and URL are never this
        /// long, and an unclosed `[` in a long text must not make rendering quadratic.
        static let searchDistance = 2_048

        private func matchingBracket(from open: Int, limit: Int) -> Int? {
            var depth = 0
            var index = open
            let limit = min(limit, open + Self.searchDistance)
            while index < limit {
                switch input[index] {
                case "\\": index += 1
                case "[": depth += 1
                case "]":
                    depth -= 1
                    if depth == 0 { return index }
                case "\n": if index + 1 < limit, input[index + 1] == "\n" { return nil }
                default: break
                }
                index += 1
            }
            return nil
        }

        private func matchingParenthesis(from open: Int, limit: Int) -> Int? {
            var depth = 0
            var index = open
            let limit = min(limit, open + Self.searchDistance)
            var inQuotes = false
            while index < limit {
                switch input[index] {
                case "\\": index += 1
                case "\"": inQuotes.toggle()
                case "(" where !inQuotes: depth += 1
                case ")" where !inQuotes:
                    depth -= 1
                    if depth == 0 { return index }
                default: break
                }
                index += 1
            }
            return nil
        }

        /// The URL of a link destination, without `<>` and without a title.
        private func destination(in range: Range<Int>) -> String {
            var scalars = Array(input[range])
            while scalars.first == " " { scalars.removeFirst() }
            if scalars.first == "<", let close = scalars.firstIndex(of: ">") {
                return String(String.UnicodeScalarView(scalars[1..<close]))
            }
            if let space = scalars.firstIndex(where: { $0 == " " || $0 == "\n" }) { scalars = Array(scalars[..<space]) }
            return String(String.UnicodeScalarView(scalars))
        }

        // MARK: HTML

        /// An autolink `<https://…>` shows its URL; a tag is dropped (`<br>` is a line
        /// break); a comment is dropped; anything else is a literal `<`.
        private mutating func tag(at start: Int, limit: Int) -> Int {
            if start + 3 < limit, input[start + 1] == "!", input[start + 2] == "-", input[start + 3] == "-" {
                var index = start + 4
                while index + 2 < limit {
                    if input[index] == "-", input[index + 1] == "-", input[index + 2] == ">" { return index + 3 }
                    index += 1
                }
                return limit  // an unclosed comment hides the rest, as in HTML
            }
            guard let close = input[(start + 1)..<min(limit, start + 1 + Self.searchDistance)].firstIndex(of: ">") else {
                output.append("<")
                return start + 1
            }
            let inner = Array(input[(start + 1)..<close])
            if isAutolink(inner) {
                let url = String(String.UnicodeScalarView(inner))
                if !dropLinkText { output.append(contentsOf: inner) }
                if !links.contains(url) { links.append(url) }
                return close + 1
            }
            guard let name = tagName(inner) else {
                output.append("<")
                return start + 1
            }
            if name == "br" || name == "p" && inner.first == "/" {
                output.append("\n")
            } else if blockTags.contains(name) {
                output.append(" ")
            }
            if name == "img" { hadImage = true }
            return close + 1
        }

        private let blockTags: Set<String> = ["p", "div", "li", "ul", "ol", "td", "th", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "details", "summary"]

        private func isAutolink(_ inner: [Unicode.Scalar]) -> Bool {
            guard !inner.contains(" ") else { return false }
            let text = String(String.UnicodeScalarView(inner)).lowercased()
            return text.hasPrefix("http://") || text.hasPrefix("https://") || text.hasPrefix("mailto:") || text.hasPrefix("ftp://")
        }

        /// The lowercased name of `tag`, `/tag`, `tag attr="…"`, `tag/`; nil when it does not read as a tag.
        private func tagName(_ inner: [Unicode.Scalar]) -> String? {
            var index = 0
            if index < inner.count, inner[index] == "/" { index += 1 }
            let nameStart = index
            while index < inner.count, inner[index].isASCII, inner[index].properties.isAlphabetic || (index > nameStart && isDigit(inner[index])) {
                index += 1
            }
            guard index > nameStart else { return nil }
            guard index == inner.count || inner[index] == " " || inner[index] == "/" || inner[index] == "\n" else { return nil }
            return String(String.UnicodeScalarView(inner[nameStart..<index])).lowercased()
        }

        // MARK: Entities

        private mutating func entity(at start: Int, limit: Int) -> Int {
            var end = start + 1
            while end < limit, end - start <= 32, input[end] != ";", input[end].isASCII,
                  input[end].properties.isAlphabetic || isDigit(input[end]) || input[end] == "#" {
                end += 1
            }
            guard end < limit, input[end] == ";", end > start + 1 else {
                output.append("&")
                return start + 1
            }
            let name = String(String.UnicodeScalarView(input[(start + 1)..<end]))
            if let decoded = Self.decode(entity: name) {
                output.append(contentsOf: decoded.unicodeScalars)
                return end + 1
            }
            output.append("&")
            return start + 1
        }

        static func decode(entity name: String) -> String? {
            if name.hasPrefix("#") {
                let digits = name.dropFirst()
                let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
                return String(scalar)
            }
            return namedEntities[name]
        }

        static let namedEntities: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
            "hellip": "…", "rarr": "→", "larr": "←", "harr": "↔", "rArr": "⇒", "lArr": "⇐", "times": "×", "divide": "÷",
            "copy": "©", "reg": "®", "trade": "™", "deg": "°", "plusmn": "±", "le": "≤", "ge": "≥", "ne": "≠",
            "asymp": "≈", "micro": "µ", "middot": "·", "bull": "•", "laquo": "«", "raquo": "»", "lsquo": "‘",
            "rsquo": "’", "ldquo": "“", "rdquo": "”", "sect": "§", "para": "¶", "euro": "€", "pound": "£",
        ]

        // MARK: Emphasis

        private mutating func delimiterRun(at start: Int, limit: Int) -> Int {
            let character = input[start]
            var end = start
            while end < limit, input[end] == character { end += 1 }
            let before: Unicode.Scalar? = start > 0 ? input[start - 1] : nil
            let after: Unicode.Scalar? = end < input.count ? input[end] : nil
            let leftFlanking = after.map { !isSpace($0) } ?? false
                && (after.map { !isPunctuation($0) } ?? false || before == nil || isSpace(before!) || isPunctuation(before!))
            let rightFlanking = before.map { !isSpace($0) } ?? false
                && (before.map { !isPunctuation($0) } ?? false || after == nil || isSpace(after!) || isPunctuation(after!))
            var canOpen = leftFlanking
            var canClose = rightFlanking
            if character == "_" {
                // snake_case stays as written: `_` inside a word is not emphasis.
                canOpen = leftFlanking && (!rightFlanking || before.map(isPunctuation) ?? false)
                canClose = rightFlanking && (!leftFlanking || after.map(isPunctuation) ?? false)
            }
            if character == "~", end - start == 1 {
                canOpen = false  // a single tilde ("~100 ms") is text
                canClose = false
            }
            let outputStart = output.count
            output.append(contentsOf: input[start..<end])
            if canOpen || canClose {
                delimiters.append(Delimiter(character: character, start: outputStart, count: end - start, canOpen: canOpen, canClose: canClose))
            }
            return end
        }

        /// Pairs closers with the nearest opener of the same character (a simplified form
        /// of CommonMark's rule) and removes the paired markers from the output.
        private mutating func removePairedDelimiters() {
            guard !delimiters.isEmpty else { return }
            var openers: [Int] = []
            var remove = [Bool](repeating: false, count: output.count)
            for index in delimiters.indices {
                let closer = delimiters[index]
                if closer.canClose, let position = openers.lastIndex(where: { delimiters[$0].character == closer.character }) {
                    let opener = openers[position]
                    let used = min(delimiters[opener].count - delimiters[opener].removed, closer.count)
                    // The opener's markers nearest the text go first.
                    let openerEnd = delimiters[opener].start + delimiters[opener].count - delimiters[opener].removed
                    for offset in (openerEnd - used)..<openerEnd { remove[offset] = true }
                    delimiters[opener].removed += used
                    for offset in closer.start..<(closer.start + used) { remove[offset] = true }
                    delimiters[index].removed += used
                    openers.removeSubrange((position + 1)...)
                    if delimiters[opener].removed == delimiters[opener].count { openers.remove(at: position) }
                    if delimiters[index].removed < closer.count, closer.canOpen { openers.append(index) }
                } else if closer.canOpen {
                    openers.append(index)
                }
            }
            // A `**` or `__` left without its pair is a slip in the source, not text.
            for delimiter in delimiters where delimiter.removed == 0 && delimiter.count >= 2 && delimiter.character != "~" {
                for offset in delimiter.start..<(delimiter.start + delimiter.count) { remove[offset] = true }
            }
            var kept: [Unicode.Scalar] = []
            kept.reserveCapacity(output.count)
            for (offset, scalar) in output.enumerated() where !remove[offset] { kept.append(scalar) }
            output = kept
        }

        private func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || scalar == "\n" || scalar.properties.isWhitespace
        }

        private func isDigit(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value >= 48 && scalar.value <= 57
        }

        private func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
            if scalar.isASCII {
                let value = scalar.value
                return (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value) || (123...126).contains(value)
            }
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                 .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
                return true
            default:
                return false
            }
        }
    }
}
