// The default decks compiled into the binary (see EmbedContentPlugin).

/// One embedded Markdown deck.
public struct BundledDeckFile: Sendable {
    public let name: String
    public let bytes: [UInt8]
}

public enum BundledContent {
    /// Every `Content/*.md` file at build time, sorted by name.
    public static var files: [BundledDeckFile] {
        EmbeddedFiles.all.map { BundledDeckFile(name: $0.name, bytes: $0.bytes) }
    }
}
