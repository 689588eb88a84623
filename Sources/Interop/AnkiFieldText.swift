import Deck

/// An Anki field (HTML) rendered to the plain text a sysdrill card shows: tags dropped,
/// `<br>` and block boundaries (`div`, `p`, `li`, headings, table rows) become line
/// breaks, `<style>`/`<script>` contents and `[sound:…]` references go, entities are
/// decoded (with the deck reader's table), and white space is collapsed as a browser
/// would. Images give nothing (media files are not brought in).
public enum AnkiFieldText {
    static let blockTags: Set<String> = ["div", "p", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
                                         "blockquote", "pre", "hr"]

    public static func render(_ html: String) -> String {
        let input = Array(html.unicodeScalars)
        var lines: [String] = []
        var line = String.UnicodeScalarView()
        var pendingSpace = false
        func breakLine() {
            lines.append(String(line))
            line = String.UnicodeScalarView()
            pendingSpace = false
        }
        func append(_ scalar: Unicode.Scalar) {
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" {
                pendingSpace = !line.isEmpty
                return
            }
            if pendingSpace { line.append(" ") }
            pendingSpace = false
            line.append(scalar)
        }
        var index = 0
        while index < input.count {
            let scalar = input[index]
            if scalar == "<", let close = input[index...].firstIndex(of: ">") {
                let inner = String(String.UnicodeScalarView(input[(index + 1)..<close]))
                let name = tagName(inner)
                index = close + 1
                if name == "br" {
                    breakLine()
                } else if blockTags.contains(name) {
                    if !line.isEmpty { breakLine() }
                } else if (name == "style" || name == "script") && !inner.hasPrefix("/") {
                    // Skip to the closing tag: its content is not text.
                    let closing = Array(("</" + name).unicodeScalars)
                    var search = index
                    while search + closing.count <= input.count,
                          !input[search..<(search + closing.count)].elementsEqual(closing, by: { $0.properties.lowercaseMapping == $1.properties.lowercaseMapping }) {
                        search += 1
                    }
                    index = input[search...].firstIndex(of: ">").map { $0 + 1 } ?? input.count
                }
                continue
            }
            if scalar == "&", let semicolon = input[index...].prefix(34).firstIndex(of: ";"), semicolon > index + 1,
               let decoded = InlineMarkdown.decodeEntity(String(String.UnicodeScalarView(input[(index + 1)..<semicolon]))) {
                for part in decoded.unicodeScalars { append(part) }
                index = semicolon + 1
                continue
            }
            if scalar == "[", input[index...].starts(with: "[sound:".unicodeScalars),
               let close = input[index...].firstIndex(of: "]") {
                index = close + 1
                continue
            }
            append(scalar)
            index += 1
        }
        breakLine()
        // No empty lines at either end, at most one empty line in a row inside.
        var result: [String] = []
        for text in lines where !(text.isEmpty && (result.isEmpty || result.last!.isEmpty)) { result.append(text) }
        while result.last?.isEmpty == true { result.removeLast() }
        return result.joined(separator: "\n")
    }

    /// The lowercased element name of a tag's inside (`div class="x"` → `div`, `/p` → `p`).
    static func tagName(_ inner: String) -> String {
        var name = inner.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }
        if name.isEmpty { name = "" }
        return name.lowercased()
    }
}

/// Anki's cloze deletions, `{{c1::text}}` or `{{c1::text::hint}}`.
public enum AnkiCloze {
    /// The cloze numbers a text uses, ascending.
    public static func numbers(in text: String) -> [Int] {
        Array(Set(deletions(in: text).map(\.number))).sorted()
    }

    /// The text with cloze `number` hidden (`[…]`, or `[hint]`) and the others shown, and
    /// the hidden texts joined by `; `.
    public static func render(_ text: String, hiding number: Int) -> (front: String, back: String) {
        var front = ""
        var hidden: [String] = []
        var rest = Substring(text)
        for deletion in deletions(in: text) {
            front += rest[rest.startIndex..<deletion.range.lowerBound]
            if deletion.number == number {
                front += "[" + (deletion.hint ?? "…") + "]"
                hidden.append(deletion.content)
            } else {
                front += deletion.content
            }
            rest = text[deletion.range.upperBound...]
        }
        front += rest
        return (front, hidden.joined(separator: "; "))
    }

    struct Deletion {
        let number: Int
        let content: String
        let hint: String?
        let range: Range<String.Index>
    }

    /// The top-level deletions in order (a deletion inside another is kept as its text).
    static func deletions(in text: String) -> [Deletion] {
        var result: [Deletion] = []
        var searchStart = text.startIndex
        while let open = text[searchStart...].firstRange(of: "{{c") {
            let digits = text[open.upperBound...].prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, let number = Int(digits), text[digits.endIndex...].hasPrefix("::") else {
                searchStart = open.upperBound
                continue
            }
            let bodyStart = text.index(digits.endIndex, offsetBy: 2)
            // The matching `}}`, skipping nested `{{…}}` pairs.
            var depth = 0
            var cursor = bodyStart
            var bodyEnd: String.Index?
            while cursor < text.endIndex {
                if text[cursor...].hasPrefix("{{") {
                    depth += 1
                    cursor = text.index(cursor, offsetBy: 2)
                } else if text[cursor...].hasPrefix("}}") {
                    if depth == 0 { bodyEnd = cursor; break }
                    depth -= 1
                    cursor = text.index(cursor, offsetBy: 2)
                } else {
                    cursor = text.index(after: cursor)
                }
            }
            guard let bodyEnd else { break }
            let body = text[bodyStart..<bodyEnd]
            var content = String(body), hint: String?
            if let separator = body.firstRange(of: "::") {
                content = String(body[..<separator.lowerBound])
                hint = String(body[separator.upperBound...])
            }
            let end = text.index(bodyEnd, offsetBy: 2)
            result.append(Deletion(number: number, content: content, hint: hint, range: open.lowerBound..<end))
            searchStart = end
        }
        return result
    }
}

/// The fields a card template shows: `{{Front}}`, `{{type:Back}}`, `{{cloze:Text}}`, in
/// order and without repeats; sections (`{{#F}}…{{/F}}`), `{{FrontSide}}` and Anki's
/// special fields are left out.
public enum AnkiTemplate {
    static let special: Set<String> = ["FrontSide", "Tags", "Deck", "Subdeck", "Card", "CardFlag", "Type", "CardID"]

    public static func fieldNames(in template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstRange(of: "{{") {
            guard let close = rest[open.upperBound...].firstRange(of: "}}") else { break }
            let inside = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: " ")
            rest = rest[close.upperBound...]
            guard let first = inside.first, !"#^/!".contains(first) else { continue }
            let name = inside.split(separator: ":", omittingEmptySubsequences: false).last.map(String.init) ?? inside
            if !special.contains(name), !names.contains(name) { names.append(name) }
        }
        return names
    }
}

private extension Substring {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
