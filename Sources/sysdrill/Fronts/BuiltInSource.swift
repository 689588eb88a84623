import BundledContent
import Deck
import Practice

/// Where a card comes from, in words the user can follow: a built-in deck's file
/// (`Content/system-design.md`) exists only in the binary, so its line is quoted from the
/// embedded outline and labelled as built-in instead of naming a file the user lacks.
enum BuiltInSource {
    static func describe(_ source: SourceLocation) -> String {
        // A number card's row of the table `sysdrill numbers` prints.
        if source.file == NumberCards.sourceFile {
            let rows = NumbersCommand.table(style: .plain).split(separator: "\n", omittingEmptySubsequences: false)
            guard source.line >= 1, source.line <= rows.count else { return "source: built-in table ('\(source.file)'), line \(source.line)" }
            let row = rows[source.line - 1].split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            return "source: built-in table ('\(source.file)'), line \(source.line): \(row)"
        }
        guard source.file.hasPrefix("Content/"),
              let file = BundledContent.files.first(where: { "Content/" + $0.name == source.file }) else {
            return "source: \(source)"
        }
        let lines = String(decoding: file.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard source.line >= 1, source.line <= lines.count else { return "source: built-in outline (\(file.name)), line \(source.line)" }
        let text = lines[source.line - 1].drop { $0 == " " || $0 == "\t" }
        let quoted = text.count > 90 ? String(text.prefix(89)) + "…" : text
        return "source: built-in outline (\(file.name)), line \(source.line): \(quoted)"
    }
}
