import Deck
import Testing
@testable import Store

/// `Row.cardID` and `Row.cardIDs` read a column's bytes without making a `String` for 16
/// digits; they must give what `CardID(rawValue:)` gives on the text, and on its parts
/// split as `SectionCoding.decode` splits them.
@Suite struct RowCardIDTests {
    static let ids = ["0123456789abcdef", "ffffffffffffffff", "0000000000000000", "0123456789ABCDEF", "abc", "caf\u{E9}", ""]

    @Test func oneIDIsTheTextsID() throws {
        for text in Self.ids {
            let id = try selected(text) { $0.cardID(0) }
            #expect(id == CardID(rawValue: text))
            #expect(id.rawValue == text)
        }
        #expect(try selected(nil) { $0.cardID(0) } == CardID(rawValue: ""))
    }

    @Test func listsAreSplitAsTheSectionCodingSplitsThem() throws {
        let lists: [[String]] = [["0123456789abcdef"], ["0123456789abcdef", "fedcba9876543210"],
                                 ["abc", "0123456789abcdef", ""], Self.ids]
        for list in lists {
            let text = SectionCoding.encode(list)
            let read = try selected(text) { $0.cardIDs(0) }
            #expect(read == SectionCoding.decode(text).map(CardID.init(rawValue:)), "\(list)")
            #expect(read.map(\.rawValue) == list)
        }
        #expect(try selected("") { $0.cardIDs(0) }.isEmpty)
        #expect(try selected(nil) { $0.cardIDs(0) }.isEmpty)
    }
}
