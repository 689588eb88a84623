/// The `[deletions]` of a hashcards cloze line (`C: The capital of [France] is [Paris].`):
/// square brackets that are not a Markdown link (`[text](url)`), an image (`![alt]`) or
/// escaped (`\[`), a wiki link (`[[page]]`), with something inside. Nested brackets are not
/// deletions.
enum ClozeDeletions {
    static func ranges(in text: String) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        var index = text.startIndex
        var previous: Character?
        while index < text.endIndex {
            let character = text[index]
            if character == "[", previous != "\\", previous != "!", previous != "[",
               let close = text[text.index(after: index)...].firstIndex(where: { $0 == "]" || $0 == "[" }), text[close] == "]" {
                let after = text.index(after: close)
                let isLink = after < text.endIndex && (text[after] == "(" || text[after] == "[" || text[after] == "]")
                let inner = text[text.index(after: index)..<close]
                if !isLink, inner.contains(where: { $0 != " " }) {
                    result.append(index..<after)
                    previous = "]"
                    index = after
                    continue
                }
            }
            previous = character
            index = text.index(after: index)
        }
        return result
    }
}
