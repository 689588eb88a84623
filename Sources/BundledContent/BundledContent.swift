// The default decks and drill rubrics compiled into the binary (see EmbedContentPlugin).

/// One embedded Markdown file.
public struct BundledDeckFile: Sendable {
    /// The path inside `Content/`: `system-design.md`, `drills/url-shortener.md`.
    public let name: String
    public let bytes: [UInt8]
}

public enum BundledContent {
    /// Every `Content/*.md` file at build time, sorted by name: the built-in decks.
    public static var files: [BundledDeckFile] {
        EmbeddedFiles.all.filter { !$0.name.contains("/") }.map { BundledDeckFile(name: $0.name, bytes: $0.bytes) }
    }

    /// Every `Content/drills/*.md` file, sorted by name: the rubrics of the built-in
    /// drills. They are not decks: they make no cards, they attach to drill cards.
    public static var rubrics: [BundledDeckFile] {
        EmbeddedFiles.all.filter { $0.name.hasPrefix("drills/") }.map { BundledDeckFile(name: $0.name, bytes: $0.bytes) }
    }
}
