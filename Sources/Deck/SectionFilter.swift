/// `--section`: a number selects that part of the outline (`3` is all of section 3,
/// `3.4` only "3.4 Caching"); anything else matches a heading, label or parent name
/// containing the text, ignoring case.
public struct SectionFilter: Sendable {
    public let text: String

    public init(_ text: String) {
        self.text = text.trimmingSpaces()
    }

    private var isNumber: Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && text.first!.isNumber
    }

    public func matches(_ section: [String]) -> Bool {
        if isNumber {
            let wanted = text.hasSuffix(".") ? String(text.dropLast()) : text
            return section.contains { heading in
                guard let number = HeadingNumber.split(heading).number else { return false }
                return number == wanted || number.hasPrefix(wanted + ".")
            }
        }
        let needle = text.lowercased()
        return section.contains { $0.lowercased().contains(needle) }
    }

    public func matches(_ card: Card) -> Bool {
        matches(card.section)
    }
}
