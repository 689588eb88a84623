/// Splits a comma enumeration such as `LRU (Least Recently Used), LFU (...), FIFO.` or
/// `key generation, redirection, analytics.` into its items: commas inside parentheses
/// or backticks do not split, a leading "and"/"or" is dropped, the final full stop too.
public enum Enumeration {
    public static func items(of text: String) -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        var inCode = false
        for character in text {
            switch character {
            case "`": inCode.toggle()
            case "(" where !inCode: depth += 1
            case ")" where !inCode: depth = max(0, depth - 1)
            case "," where depth == 0 && !inCode:
                items.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        items.append(current)
        return items.map(clean).filter { !$0.isEmpty }
    }

    /// `items(of:)`, on bytes when the text is simple (see `SimpleText`).
    static func items(of text: String, simple: Bool) -> [String] {
        guard simple else { return items(of: text) }
        return SimpleText.withBytes(text) { bytes in
            var items: [String] = []
            var depth = 0
            var inCode = false
            var itemStart = 0
            func append(_ end: Int) {
                let item = cleanSimple(bytes, itemStart..<end)
                if !item.isEmpty { items.append(SimpleText.string(bytes, item)) }
            }
            for index in 0..<bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "`"): inCode.toggle()
                case UInt8(ascii: "(") where !inCode: depth += 1
                case UInt8(ascii: ")") where !inCode: depth = max(0, depth - 1)
                case UInt8(ascii: ",") where depth == 0 && !inCode:
                    append(index)
                    itemStart = index + 1
                default: break
                }
            }
            append(bytes.count)
            return items
        }
    }

    /// `clean` as a range of simple text.
    private static func cleanSimple(_ bytes: UnsafeBufferPointer<UInt8>, _ item: Range<Int>) -> Range<Int> {
        var text = SimpleText.trimmed(bytes, item)
        func hasPrefix(_ prefix: StaticString) -> Bool {
            guard text.count >= prefix.utf8CodeUnitCount else { return false }
            for offset in 0..<prefix.utf8CodeUnitCount where bytes[text.lowerBound + offset] != prefix.utf8Start[offset] { return false }
            return true
        }
        if hasPrefix("and ") { text = (text.lowerBound + 4)..<text.upperBound }
        if hasPrefix("or ") { text = (text.lowerBound + 3)..<text.upperBound }
        // Final full stops go, an ellipsis stays: "x." and "x.." -> "x", "x..." stays.
        var dots = 0
        while dots < text.count, bytes[text.upperBound - 1 - dots] == UInt8(ascii: ".") { dots += 1 }
        if dots == 1 || dots == 2 { text = text.lowerBound..<(text.upperBound - dots) }
        return SimpleText.trimmed(bytes, text)
    }

    private static func clean(_ item: String) -> String {
        var text = item.trimmingSpaces()
        for conjunction in ["and ", "or "] where text.hasPrefix(conjunction) {
            text = String(text.dropFirst(conjunction.count))
        }
        while text.hasSuffix(".") && !text.hasSuffix("...") { text.removeLast() }
        return text.trimmingSpaces()
    }
}
