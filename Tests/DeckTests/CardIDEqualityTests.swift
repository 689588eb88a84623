import Testing
@testable import Deck

/// `CardID` compares and hashes the number its 16 hex digits spell, and any other text as
/// text: equal IDs must be exactly the equal raw values, and equal IDs must hash alike.
@Suite struct CardIDEqualityTests {
    static let texts = [
        "0123456789abcdef", "0123456789abcdee", "fedcba9876543210", "0000000000000000", "0000000000000001",
        "0123456789ABCDEF",  // upper case is not an ID's form: text
        "0123456789abcde", "0123456789abcdef0", "0123456789abcdeg", "", "ab",
        "caf\u{E9}", "cafe\u{301}",  // the same text in two Unicode forms
    ]

    @Test func equalExactlyWhenTheTextIsEqual() {
        for one in Self.texts {
            for other in Self.texts {
                #expect((CardID(rawValue: one) == CardID(rawValue: other)) == (one == other), "\(one) \(other)")
            }
        }
    }

    @Test func equalIDsHashAlike() {
        for one in Self.texts {
            for other in Self.texts where one == other {
                #expect(CardID(rawValue: one).hashValue == CardID(rawValue: other).hashValue, "\(one) \(other)")
            }
        }
        // A set keeps one of each text, the two Unicode forms of "café" as one.
        let distinct = Set(Self.texts)
        #expect(Set(Self.texts.map(CardID.init(rawValue:))).count == distinct.count)
        #expect(Set(Self.texts.map(CardID.init(rawValue:))).map(\.rawValue).allSatisfy(distinct.contains))
    }

    @Test func anIDMadeFromItsNumberIsTheIDReadFromItsText() {
        for number: UInt64 in [0, 1, 0xF, 0x0123_4567_89AB_CDEF, .max] {
            let made = CardID(number: number)
            #expect(made.rawValue == String(repeating: "0", count: 16 - String(number, radix: 16).count) + String(number, radix: 16))
            #expect(made == CardID(rawValue: made.rawValue))
            #expect(made.hashValue == CardID(rawValue: made.rawValue).hashValue)
        }
    }

    /// An ID keeps its text exactly, is ordered as its text, and gives the same bytes
    /// however they are asked for (the digits are not kept as text).
    @Test func textOrderAndBytesAreTheTextGiven() {
        for one in Self.texts {
            let id = CardID(rawValue: one)
            #expect(id.rawValue == one || (id.rawValue.isEmpty && one.isEmpty))
            #expect(id.rawValue.utf8.elementsEqual(one.utf8))
            #expect(id.withUTF8 { Array($0) } == Array(one.utf8))
            var appended: [UInt8] = [1]
            id.appendText(to: &appended)
            #expect(appended == [1] + Array(one.utf8))
            #expect(Array(one.utf8).withUnsafeBufferPointer { CardID(utf8: $0) } == id)
            #expect(id.isWellFormed == CardID.isWellFormed(one))
            #expect(id.wellFormedNumber == (CardID.isWellFormed(one) ? UInt64(one, radix: 16) : nil))
            for other in Self.texts {
                #expect((id < CardID(rawValue: other)) == (one < other), "\(one) \(other)")
            }
        }
    }

    /// Sets and dictionaries hash a well-formed ID by its number alone: IDs that differ in
    /// any one bit, high or low, or only in their text's form, are told apart.
    @Test func setsTellApartIDsThatDifferInOneBit() {
        var ids: [CardID] = []
        for bit in 0..<64 { ids.append(CardID(number: 1 << UInt64(bit))) }
        for step in 1...64 { ids.append(CardID(number: UInt64(step) << 40)) }
        ids += Self.texts.map(CardID.init(rawValue:))
        let unique = Set(ids.map(\.rawValue))
        var set = Set<CardID>()
        for id in ids { set.insert(id) }
        #expect(set.count == unique.count)
        for id in ids { #expect(set.contains(id)) }
        #expect(!set.contains(CardID(number: 3)))
        #expect(!set.contains(CardID(rawValue: "0123456789abcdeF")))
    }
}
