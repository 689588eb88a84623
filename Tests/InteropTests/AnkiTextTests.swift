import Testing
@testable import Interop

@Suite struct AnkiTextTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("Spreads requests<br>over servers &amp; checks health", "Spreads requests\nover servers & checks health"),
        ("<div>one</div><div>two</div>", "one\ntwo"),
        ("<b>bold</b> and <i>it</i>", "bold and it"),
        ("a &lt;b&gt; &#233; &#x2014; &nbsp;c", "a <b> é — c"),
        ("<style>.x { color: red }</style>text", "text"),
        ("see [sound:clip.mp3] this", "see this"),
        ("<img src=\"a.png\">caption", "caption"),
        ("  lots   of\n spaces  ", "lots of spaces"),
        ("2 * 3 = _6_", "2 * 3 = _6_"),
        ("&unknown; stays", "&unknown; stays"),
    ])
    func fieldRendering(html: String, text: String) {
        #expect(AnkiFieldText.render(html) == text)
    }

    @Test func clozeNumbersAndSides() {
        let text = "{{c1::Sharding}} splits data; {{c2::replication::copies}} copies it; {{c1::again}}"
        #expect(AnkiCloze.numbers(in: text) == [1, 2])
        let first = AnkiCloze.render(text, hiding: 1)
        #expect(first.front == "[…] splits data; replication copies it; […]")
        #expect(first.back == "Sharding; again")
        let second = AnkiCloze.render(text, hiding: 2)
        #expect(second.front == "Sharding splits data; [copies] copies it; again")
        #expect(second.back == "replication")
        #expect(AnkiCloze.numbers(in: "no cloze {{c::x}} {{cx::y}}") == [])
    }

    @Test func templateFields() {
        #expect(AnkiTemplate.fieldNames(in: "{{Front}}") == ["Front"])
        #expect(AnkiTemplate.fieldNames(in: "{{FrontSide}}<hr id=answer>{{Back}}") == ["Back"])
        #expect(AnkiTemplate.fieldNames(in: "{{#Add Reverse}}{{Back}}{{/Add Reverse}}") == ["Back"])
        #expect(AnkiTemplate.fieldNames(in: "{{Front}}\n\n{{type:Back}} {{Tags}}") == ["Front", "Back"])
    }

    @Test func reviewIDsAreUUIDsThatKeepTheRevlogID() {
        let id = AnkiMapping.reviewID(revlogID: 1_796_544_969_371)
        #expect(id.count == 36)
        #expect(id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(AnkiMapping.revlogID(reviewID: id) == 1_796_544_969_371)
        #expect(AnkiMapping.reviewID(revlogID: 1) != AnkiMapping.reviewID(revlogID: 2))
    }

    @Test func easesMapToQualities() {
        #expect((1...4).map { AnkiMapping.quality(ease: $0).rawValue } == [1, 3, 4, 5])
    }

    @Test func formatDetection() {
        #expect(ImportFileFormat.detect(Array("SQLite format 3\0rest".utf8)) == .ankiCollection)
        #expect(ImportFileFormat.detect([0x50, 0x4B, 3, 4, 0]) == .ankiPackage)
        #expect(ImportFileFormat.detect(Array("\n  {\"format\"".utf8)) == .sysdrill)
        #expect(ImportFileFormat.detect(Array("hello".utf8)) == nil)
    }
}
