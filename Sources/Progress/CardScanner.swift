/// Checks one card object of an export straight from the file's bytes, for a streamed
/// import, which keeps only the cards this database lacks: the other 100,000 of a
/// history need checking, not reading, and building a tree of each took most of a
/// second. It accepts the usual form only: the keys an export writes (each once, in any
/// order), strings whose escapes are single characters, integers and numbers written
/// plainly, and every value as `CardSection.read` requires it. Anything else returns nil
/// and the card is read the general way, which names the exact problem; so what this
/// accepts, the general way accepts too, with the same ID.
enum CardScanner {
    struct Card {
        /// Just after the object's closing brace.
        var end: Int
        /// The card ID's value (`KnownCards.value`).
        var id: UInt64
    }

    // Required keys first: each list's `required` mask covers its first ones.
    private static let cardKeys: [StaticString] = ["id", "deck", "section", "kind", "term", "front", "back", "retired", "state",
                                                   "items", "source", "position"]
    private static let sourceKeys: [StaticString] = ["file", "line"]
    private static let stateKeys: [StaticString] = ["due", "reps", "lapses", "sm2", "fsrs", "phase", "last_review", "interval_d"]
    private static let sm2Keys: [StaticString] = ["n", "ef", "interval_d", "extra_loop"]
    private static let fsrsKeys: [StaticString] = ["state", "step", "stability", "difficulty"]

    private static let kinds: [StaticString] = ["definition", "list", "drill", "question", "reverse", "comparison"]
    private static let phases: [StaticString] = ["new", "learning", "review", "relearning"]
    private static let fsrsStates: [StaticString] = ["learning", "review", "relearning"]

    /// The card whose `{` is at `start`, or nil (see above).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Card? {
        var scanner = ByteScanner(bytes, at: start)
        var id: UInt64 = 0
        let read = scanner.object(keys: cardKeys, required: 0b1_1111_1111) { scanner, key in
            switch key {
            case 0:
                guard let value = scanner.cardID() else { return false }
                id = value
                return true
            case 1: return scanner.string().map { !$0.isEmpty } ?? false  // a deck's name is never empty
            case 2, 9: return scanner.strings()  // section, items
            case 3: return scanner.choice(kinds)
            case 4, 5, 6: return scanner.string() != nil  // term, front, back
            case 7: return scanner.boolean()
            case 8: return scanner.literal("null") || state(&scanner)
            case 10:
                return scanner.object(keys: sourceKeys, required: 0b11) { scanner, key in
                    key == 0 ? scanner.string() != nil : scanner.plainInteger().map { $0 <= Int32.max } ?? false
                }
            default: return scanner.plainInteger().map { $0 <= Int32.max } ?? false  // position
            }
        }
        return read ? Card(end: scanner.position, id: id) : nil
    }

    /// A state that is not null, as `CardSection.checkState` requires it: `due`, `reps`,
    /// `lapses`, `sm2` and `fsrs` always, `phase`, `last_review` and `interval_d` when given.
    private static func state(_ scanner: inout ByteScanner) -> Bool {
        scanner.object(keys: stateKeys, required: 0b1_1111) { scanner, key in
            switch key {
            case 0: return scanner.time() != nil
            case 1, 2, 7: return scanner.plainInteger() != nil  // reps, lapses, interval_d
            case 3: return scanner.literal("null") || sm2(&scanner)
            case 4: return scanner.literal("null") || fsrs(&scanner)
            case 5: return scanner.choice(phases)
            default: return scanner.literal("null") || scanner.time() != nil  // last_review
            }
        }
    }

    /// `n`, `ef` (1.3-1000) and `interval_d`; `extra_loop` when given.
    private static func sm2(_ scanner: inout ByteScanner) -> Bool {
        scanner.object(keys: sm2Keys, required: 0b111) { scanner, key in
            switch key {
            case 0, 2: return scanner.plainInteger() != nil
            case 1: return scanner.number().map { (1.3...1_000).contains($0) } ?? false
            default: return scanner.boolean()
            }
        }
    }

    /// `state`, `step` (null or an integer), `stability` (>= 0) and `difficulty` (1-10).
    private static func fsrs(_ scanner: inout ByteScanner) -> Bool {
        scanner.object(keys: fsrsKeys, required: 0b1111) { scanner, key in
            switch key {
            case 0: return scanner.choice(fsrsStates)
            case 1: return scanner.literal("null") || scanner.plainInteger() != nil
            case 2: return scanner.number() != nil
            default: return scanner.number().map { (1...10).contains($0) } ?? false
            }
        }
    }
}
