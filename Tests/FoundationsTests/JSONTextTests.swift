import Testing
import JSONText

@Suite struct JSONTextTests {
    @Test func keepsKeyOrderAndExactNumbers() throws {
        let value: JSONValue = ["z": 1, "a": [true, nil, 2.8000000000000003, "x\"\n\u{1}"], "m": ["n": 9_007_199_254_740_993]]
        let text = value.serialized()
        #expect(text == #"{"z":1,"a":[true,null,2.8000000000000003,"x\"\n\u0001"],"m":{"n":9007199254740993}}"#)
        #expect(try JSONParser.parse(text) == value)
        #expect(try JSONParser.parse(value.serialized(pretty: true)) == value)
    }

    @Test(arguments: [
        ("", "1:1"), ("{", "1:2"), ("[1,]", "1:4"), ("{\"a\":1,\"a\":2}", "1:8"), ("01", "1:1"),
        ("\"\\x\"", "1:2"), ("[1]\n x", "2:2"), ("\"\u{1}\"", "1:2"), ("1e999", "1:1"), ("\"\\ud800\"", "1:8"),
    ])
    func reportsLineAndColumn(text: String, position: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect("\(error.line):\(error.column)" == position, "\(text): \(error)")
        }
    }

    @Test func refusesDeepNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    @Test func unicodeEscapesAndSurrogatePairs() throws {
        #expect(try JSONParser.parse("\"\\u00e9\\ud83d\\ude00→\"") == .string("é😀→"))
    }
}
