import Testing
@testable import Deck

/// Inline Markdown as a card shows it: one case per rule.
@Suite struct InlineMarkdownTests {
    @Test(arguments: [
        ("[Redis](https://redis.io) is a store", "Redis is a store"),
        ("see ![diagram](img/lb.png) here", "see here"),
        ("![only an image](x.png)", ""),
        ("**bold** and *italic* and __strong__ and _em_", "bold and italic and strong and em"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("`GET /users/123` route", "GET /users/123 route"),
        ("``a ` b`` code", "a ` b code"),
        ("5 * 3 = 15", "5 * 3 = 15"),
        ("~100 ms and ~~old~~ new", "~100 ms and old new"),
        ("A<br>B<br/>C", "A\nB\nC"),
        ("<b>bold</b> &amp; &lt;tag&gt; &#169; &#x41;", "bold & <tag> © A"),
        ("Tom &unknown; Jerry", "Tom &unknown; Jerry"),
        ("a < b and c > d", "a < b and c > d"),
        ("\\*not emphasis\\*", "*not emphasis*"),
        ("[1] citation", "[1] citation"),
        ("[**Consistent** hashing](https://x/y) ring", "Consistent hashing ring"),
        ("<https://example.com/a>", "https://example.com/a"),
        ("text <!-- hidden --> more", "text more"),
        ("[ref link][1] text", "ref link text"),
        ("***both***", "both"),
        ("R&D and AT&T", "R&D and AT&T"),
        ("etcd :simple-etcd:", "etcd"),
        (":white_check_mark: Done", "Done"),
        ("10:30:00 and std::vector and TCP :a and :memory: and :rocket:", "10:30:00 and std::vector and TCP :a and :memory: and :rocket:"),
        ("![heap](heap.svg){ align=right width=400 } A heap is a tree.", "A heap is a tree."),
        ("Note {: .warning } here and {#top .wide}", "Note here and"),
        ("set {n=3} and {a, b} and {x}", "set {n=3} and {a, b} and {x}"),
        ("port {{ .Values.port }} and { ...props } and {#1234}", "port {{ .Values.port }} and { ...props } and {#1234}"),
    ])
    func renders(source: String, expected: String) {
        #expect(InlineMarkdown.text(source) == expected)
    }

    @Test func keepsLinksInOrderWithoutRepeats() {
        let rendered = InlineMarkdown.render("[a](https://a) [b](<https://b> \"title\") [a again](https://a) <https://c>")
        #expect(rendered.text == "a b a again https://c")
        #expect(rendered.links == ["https://a", "https://b", "https://c"])
    }

    @Test func notesAnImage() {
        #expect(InlineMarkdown.render("![x](y.png)").hadImage)
        #expect(InlineMarkdown.render("<img src=\"a.png\">").hadImage)
        #expect(!InlineMarkdown.render("plain").hadImage)
    }

    @Test func plainTextIsReturnedAsItIs() {
        let text = "Latency: time for one request (p99 = 99th percentile)."
        #expect(InlineMarkdown.render(text) == .init(text: text, links: [], hadImage: false))
    }
}

extension InlineMarkdownTests {
    @Test func slipsInTheSourceAreForgiven() {
        #expect(InlineMarkdown.text("**L1 cache: 1 ns") == "L1 cache: 1 ns")
        #expect(InlineMarkdown.render("[Rail](https://example.com/rail").links == ["https://example.com/rail"])
        #expect(InlineMarkdown.text("[Rail](https://example.com/rail") == "Rail")
        #expect(InlineMarkdown.text("2 ** 10 = 1024") == "2 ** 10 = 1024")
        #expect(InlineMarkdown.text("created\\_at and `created\\_at`") == "created_at and created_at")
    }
}
