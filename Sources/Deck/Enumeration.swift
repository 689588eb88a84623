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

    private static func clean(_ item: String) -> String {
        var text = item.trimmingSpaces()
        for conjunction in ["and ", "or "] where text.hasPrefix(conjunction) {
            text = String(text.dropFirst(conjunction.count))
        }
        while text.hasSuffix(".") && !text.hasSuffix("...") { text.removeLast() }
        return text.trimmingSpaces()
    }
}
