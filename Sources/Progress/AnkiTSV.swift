import Study
import Deck
import Store

/// Cards as a tab-separated file for Anki's "Import File": one Basic note per card
/// (Front, Back) with a hierarchical tag from the deck and section path.
///
/// Anki reads the file with a CSV reader (double quote as the quote character, `#` at
/// the start of a line marking a comment) after the `#key:value` header lines, so a
/// field holding a tab, a line break or a quote is wrapped in quotes with inner quotes
/// doubled, and so is a field starting with `#` (else a front such as "#1 rule" would
/// make Anki skip the line). With `#html:false` Anki shows the text literally.
public enum AnkiTSV {
    public static let header = "#separator:tab\n#html:false\n#tags column:3\n"

    /// The file: header lines, then front, back and tags of each card, in order.
    public static func text(_ cards: [Card]) -> String {
        header + cards.map(line).joined()
    }

    /// One card's line: front, back and tags.
    public static func line(_ card: Card) -> String {
        field(card.front) + "\t" + field(card.back) + "\t" + tag(deck: card.deck, section: card.section) + "\n"
    }

    /// One field, quoted only when it has to be. Works on Unicode scalars so a quote or
    /// line break is found even when a combining mark follows it.
    public static func field(_ text: String) -> String {
        let special: Set<Unicode.Scalar> = ["\t", "\n", "\r", "\""]
        guard text.hasPrefix("#") || text.unicodeScalars.contains(where: special.contains) else { return text }
        var quoted = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted += "\"\"" } else { quoted.unicodeScalars.append(scalar) }
        }
        return quoted + "\""
    }

    /// `system-design::Core_Fundamentals::Caching`: the deck, then each heading without
    /// its numbering; spaces become `_` (Anki splits tags at spaces) and characters that
    /// would clash with the file or the `::` hierarchy are dropped.
    public static func tag(deck: String, section: [String]) -> String {
        ([deck] + section.map(CardID.stripNumbering)).map(tagPart).filter { !$0.isEmpty }.joined(separator: "::")
    }

    static func tagPart(_ text: String) -> String {
        var part = ""
        var pendingUnderscore = false
        for character in text {
            if character.isWhitespace {
                pendingUnderscore = !part.isEmpty
                continue
            }
            if character == ":" || character == "\"" { continue }
            if pendingUnderscore { part += "_" }
            pendingUnderscore = false
            part.append(character)
        }
        return part
    }
}
