import Testing
import JSONText

/// `PrettyObjectWriter` writes an object without building it; what it writes must be the
/// bytes `JSONValue.write(pretty: true)` writes for the same object, at any depth, so a
/// listing written either way reads the same.
@Suite struct PrettyObjectWriterTests {
    /// Gives `object`'s entries to `sink` by the kind of each value.
    static func give<Sink: JSONEntries>(_ object: JSONObject, to sink: inout Sink) {
        for (key, value) in object.entries {
            switch value {
            case .string(let text): sink.string(key, text)
            case .integer(let number): sink.integer(key, number)
            case .bool(let flag): sink.bool(key, flag)
            case .array(let values) where values.allSatisfy({ $0.stringValue != nil }):
                sink.strings(key, values.compactMap(\.stringValue))
            case .object(let nested): sink.object(key) { give(nested, to: &$0) }
            default: sink.value(key, value)
            }
        }
    }

    static let objects: [JSONObject] = [
        [:],
        ["id": "a1", "n": 3, "ok": false, "none": nil, "pi": 3.25],
        ["section": ["1. Basics", "Tab\tand \"quotes\" \u{2028}"], "links": [], "mixed": [1, "x", nil, ["deep": []]]],
        ["source": ["file": "notes/a.md", "line": 12], "empty": .object([:]), "after": "é ✓"],
        ["outer": ["middle": ["inner": ["x", "y"], "list": [["k": "v"]]]]],
        // Keys that the writer cannot copy with the line's start at once.
        ["quo\"ted\tkey": 1, String(repeating: "k", count: 140): "long", "": "empty key"],
    ]

    // 17: deeper than the 32 spaces that `newline` copies at once.
    @Test(arguments: objects, [0, 1, 3, 17])
    func writesWhatTheDocumentModelWrites(object: JSONObject, indent: Int) {
        var expected: [UInt8] = Array("prefix ".utf8)
        JSONValue.object(object).write(into: &expected, pretty: true, indent: indent)
        var written: [UInt8] = Array("prefix ".utf8)
        PrettyObjectWriter.write(into: &written, indent: indent) { Self.give(object, to: &$0) }
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    /// An entry's start up to 128 bytes is copied at once, a longer one piece by piece:
    /// both sides of the limit, at several depths, write what the document model writes.
    @Test(arguments: [0, 1, 2, 5])
    func entryStartsAroundTheLimitOfOneCopy(indent: Int) {
        let spaces = 2 * (indent + 1)
        for startLength in 126...130 {
            let key = String(repeating: "k", count: startLength - 6 - spaces)
            let object: JSONObject = [key: "v", "next": 1]
            var expected: [UInt8] = []
            JSONValue.object(object).write(into: &expected, pretty: true, indent: indent)
            var written: [UInt8] = []
            PrettyObjectWriter.write(into: &written, indent: indent) { Self.give(object, to: &$0) }
            #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self), "\(startLength)")
        }
    }

    /// Against text written out by hand, in case both writers change alike.
    @Test func writesTheDocumentedLayout() {
        var written: [UInt8] = []
        PrettyObjectWriter.write(into: &written, indent: 1) { object in
            object.string("id", "a\"b")
            object.strings("none", [])
            object.strings("two", ["x", "y"])
            object.object("inner") { $0.integer("n", -3) }
            object.object("empty") { _ in }
            object.bool("ok", true)
        }
        let expected = "{\n    \"id\": \"a\\\"b\",\n    \"none\": [],\n    \"two\": [\n      \"x\",\n      \"y\"\n    ],\n"
            + "    \"inner\": {\n      \"n\": -3\n    },\n    \"empty\": {},\n    \"ok\": true\n  }"
        #expect(String(decoding: written, as: UTF8.self) == expected)
    }

    @Test func aJSONObjectGivenTheSameEntriesIsTheSameObject() {
        for object in Self.objects {
            var rebuilt = JSONObject()
            Self.give(object, to: &rebuilt)
            #expect(rebuilt == object)
        }
    }
}
