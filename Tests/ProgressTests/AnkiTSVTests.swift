import Testing
@testable import Deck
@testable import Study
@testable import Progress

/// The Anki file: header lines, escaping, tags, and that a CSV reader configured like
/// Anki's reads back exactly the text we wrote.
@Suite struct AnkiTSVTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("tab\there", "\"tab\there\""),
        ("two\nlines", "\"two\nlines\""),
        ("windows\r\nline", "\"windows\r\nline\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("\"", "\"\"\"\""),
        ("#1 rule", "\"#1 rule\""),
        ("C# and F#", "C# and F#"),
        ("", ""),
    ])
    func fieldsAreQuotedOnlyWhenNeeded(text: String, expected: String) {
        #expect(AnkiTSV.field(text) == expected)
    }

    @Test func tagsFollowTheSectionPathWithoutNumbering() {
        #expect(AnkiTSV.tag(deck: "system-design", section: ["3. Core Fundamentals", "3.4 Caching"])
                == "system-design::Core_Fundamentals::Caching")
        #expect(AnkiTSV.tag(deck: "my notes", section: ["Q&A: \"Tricky\"  one", "  "]) == "my_notes::Q&A_Tricky_one")
        #expect(AnkiTSV.tag(deck: "d", section: []) == "d")
    }

    @Test func theFileHasAnkisHeadersAndReadsBackExactly() throws {
        let tricky = [
            ("Front\twith tab", "Back with \"quotes\" and\nnewline"),
            ("#hash first", "ok"),
            ("plain", "tab\tand \"both\"\r\nand CRLF"),
        ]
        let cards = tricky.enumerated().map { index, pair in
            Card(id: CardID(deck: "d", section: ["1. S"], kind: .question, term: "t\(index)"), deck: "d", section: ["1. S", "Sub Part"],
                 kind: .question, term: "t\(index)", front: pair.0, back: pair.1, items: [], source: SourceLocation(file: "d", line: 1),
                 order: index)
        }
        let text = AnkiTSV.text(cards)
        #expect(text.hasPrefix("#separator:tab\n#html:false\n#tags column:3\n"))
        let records = Self.readLikeAnki(text)
        #expect(records.count == 3)
        for (record, pair) in zip(records, tricky) {
            #expect(record == [pair.0, pair.1, "d::S::Sub_Part"])
        }
    }

    /// A reader with the settings Anki uses (rslib's csv import): tab delimiter, `"` quotes
    /// with `""` inside, and lines starting with `#` skipped as comments.
    static func readLikeAnki(_ text: String) -> [[String]] {
        var records: [[String]] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            if scalars[index] == "#" {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                index += 1
                continue
            }
            var record: [String] = []
            var field = String.UnicodeScalarView()
            var quoted = false
            var atFieldStart = true
            while index < scalars.count {
                let scalar = scalars[index]
                index += 1
                if quoted {
                    if scalar == "\"" {
                        if index < scalars.count, scalars[index] == "\"" {
                            field.append("\"")
                            index += 1
                        } else {
                            quoted = false
                        }
                    } else {
                        field.append(scalar)
                    }
                } else if scalar == "\"" && atFieldStart {
                    quoted = true
                } else if scalar == "\t" {
                    record.append(String(field))
                    field = String.UnicodeScalarView()
                    atFieldStart = true
                    continue
                } else if scalar == "\n" {
                    break
                } else {
                    field.append(scalar)
                }
                atFieldStart = false
            }
            record.append(String(field))
            records.append(record)
        }
        return records
    }
}
