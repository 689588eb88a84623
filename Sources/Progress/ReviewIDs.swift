/// Where each review ID of a file was first seen, to report an ID given twice.
///
/// A file holds up to a million IDs; as strings in a dictionary they cost as much as the
/// rest of the validation. An ASCII UUID (all of them, in practice) is exactly described
/// by its 32 hex digits' values (128 bits) and which of them are capitals (32 bits, as
/// `A` and `a` make different IDs), so those go into an open-addressing table of such
/// keys; anything else (a UUID in fullwidth digits) into a plain dictionary.
struct ReviewIDs {
    private struct Key: Equatable {
        var high: UInt64 = 0
        var low: UInt64 = 0
        var capitals: UInt32 = 0
    }

    /// Index into `keys`, or -1 for an empty slot; the count is a power of two.
    private var slots: [Int32] = []
    private var keys: [Key] = []
    private var firsts: [Int] = []
    private var others: [String: Int] = [:]

    /// The index where `id` was seen first, or nil after noting that it is first seen at
    /// `index`.
    mutating func firstIndex(ofNew id: String, at index: Int) -> Int? {
        var id = id
        if let key = id.withUTF8({ Self.key($0) }) { return firstIndex(ofNew: key, at: index) }
        if let first = others[id] { return first }
        others[id] = index
        return nil
    }

    /// `firstIndex(ofNew:at:)` for an ID given as its UTF-8 bytes.
    mutating func firstIndex(ofNew id: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        if let key = Self.key(id) { return firstIndex(ofNew: key, at: index) }
        return firstIndex(ofNew: String(decoding: id, as: UTF8.self), at: index)
    }

    private mutating func firstIndex(ofNew key: Key, at index: Int) -> Int? {
        if keys.count * 2 >= slots.count { grow() }
        let mask = slots.count - 1
        var slot = Self.hash(key) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 {
                slots[slot] = Int32(keys.count)
                keys.append(key)
                firsts.append(index)
                return nil
            }
            if keys[entry] == key { return firsts[entry] }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let count = max(1024, slots.count * 2)
        slots = [Int32](repeating: -1, count: count)
        let mask = count - 1
        for (entry, key) in keys.enumerated() {
            var slot = Self.hash(key) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entry)
        }
    }

    private static func hash(_ key: Key) -> Int {
        // MurmurHash3's finalizer over the mixed words: fixture IDs such as
        // 00000000-0000-4000-8000-000000000001 differ in few bits.
        var z = key.high ^ (key.low &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(key.capitals)
        z = (z ^ (z >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        z = (z ^ (z >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return Int(truncatingIfNeeded: z ^ (z >> 33))
    }

    /// The key of an ASCII UUID (8-4-4-4-12 hex digits), nil for anything else.
    private static func key(_ bytes: UnsafeBufferPointer<UInt8>) -> Key? {
        guard bytes.count == 36 else { return nil }
        var key = Key()
        var digit = 0
        for (offset, byte) in bytes.enumerated() {
            if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"):
                value = byte &- UInt8(ascii: "A") &+ 10
                key.capitals |= 1 << UInt32(digit)
            default: return nil
            }
            if digit < 16 {
                key.high = key.high << 4 | UInt64(value)
            } else {
                key.low = key.low << 4 | UInt64(value)
            }
            digit += 1
        }
        return key
    }
}
