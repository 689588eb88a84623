import Testing
@testable import Deck

@Suite struct InvalidInputTests {
    func parse(_ bytes: [UInt8]) throws(DeckError) -> [Card] {
        try OutlineParser(deck: "t", file: "notes.md").parse(bytes).filter { !$0.kind.isDerived }
    }

    @Test func invalidUTF8NamesLineAndColumn() {
        let bytes = Array("# S\n\n- ab".utf8) + [0xFF] + Array(": c\n".utf8)
        #expect(throws: DeckError.invalidText(path: "notes.md", line: 3, column: 5,
                                              reason: "invalid UTF-8 (byte 0xFF); save the file as UTF-8")) {
            try parse(bytes)
        }
    }

    @Test func binaryDataIsRefused() {
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]
        #expect(throws: DeckError.self) { try parse(bytes) }
        do {
            _ = try parse(Array("ok\n".utf8) + [0x00])
            Issue.record("a NUL byte was accepted")
        } catch {
            #expect(error.description.hasPrefix("notes.md:2:1: binary data"))
        }
    }

    @Test(arguments: [
        [0xC0, 0xAF] as [UInt8],          // overlong "/"
        [0xED, 0xA0, 0x80],               // UTF-16 surrogate
        [0xF4, 0x90, 0x80, 0x80],         // above U+10FFFF
        [0xE2, 0x82],                     // truncated sequence at end of file
    ])
    func malformedSequencesAreRejected(sequence: [UInt8]) {
        #expect(throws: DeckError.self) { try parse(Array("# S\n- a: ".utf8) + sequence) }
    }

    @Test func multibyteColumnsCountCharacters() {
        do {
            _ = try parse(Array("→→x".utf8) + [0xFE])
            Issue.record("accepted")
        } catch {
            #expect(error == .invalidText(path: "notes.md", line: 1, column: 4, reason: "invalid UTF-8 (byte 0xFE); save the file as UTF-8"))
        }
    }

    @Test func emptyFileHasNoCards() throws {
        #expect(try parse([]).isEmpty)
    }
}
