/// The card IDs of a deck seen so far, each with the line of its card, for duplicates.
/// An open-addressing table of the IDs' 64-bit numbers: they are already well mixed
/// (`CardID.avalanche`), so unlike a `Dictionary` (which hashes every key again with
/// SipHash) the number itself picks the slot, and an ID with its line fills one 16-byte
/// slot, so a lookup touches one cache line (the table is 2 MB for 100k cards; a
/// `[UInt64: Int]` was 4 MB and showed in profiles).
struct IDTable {
    private struct Slot {
        var number: UInt64 = 0
        /// 0: empty (lines start at 1).
        var line: UInt32 = 0
    }

    private var slots = [Slot](repeating: Slot(), count: 1024)
    private var count = 0

    /// Adds `number` seen at `line`; when it was there already, returns the first line.
    mutating func insert(_ number: UInt64, line: Int) -> Int? {
        if (count + 1) * 8 > slots.count * 7 { grow() }
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: number) & mask
        while slots[index].line != 0 {
            if slots[index].number == number { return Int(slots[index].line) }
            index = (index + 1) & mask
        }
        // A deck of more than 4 billion lines cannot be read into memory anyway.
        slots[index] = Slot(number: number, line: UInt32(clamping: max(line, 1)))
        count += 1
        return nil
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        count = 0
        for slot in old where slot.line != 0 { _ = insert(slot.number, line: Int(slot.line)) }
    }
}
