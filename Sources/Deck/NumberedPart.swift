/// Terms that number a part of something rather than name a thing: "Step 3", "Phase II",
/// "Option B", "Steps 2-4". A learner cannot give them as the answer to their definition
/// (no reverse card), and a step is asked for what happens in it.
enum NumberedPart {
    /// Words that, followed by a number or a letter, label a part ("Layer 4" and "Tier 1"
    /// do name things, so they are not here).
    static let labels: Set<String> = [
        "step", "stage", "phase", "part", "option", "round", "problem", "solution", "case",
        "example", "method", "approach", "algorithm", "pattern", "rule", "tip", "lesson", "chapter", "section", "way",
    ]

    /// The parts that are moments of a process: "what happens in Step 3?".
    static let moments: Set<String> = ["step", "stage", "phase"]

    /// The label word of `term` (lowercased) when `term` is a label and a number, else nil.
    static func label(of term: String) -> String? {
        // On bytes, the number first: most terms are no "Word N", and this runs for every
        // definition of a deck.
        SimpleText.withBytes(term) { bytes -> String? in
            guard bytes.count <= 24, let space = bytes.firstIndex(of: 0x20), space > 0 else { return nil }
            var end = bytes.count
            if end > space + 1, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
            let number = bytes[(space + 1)..<end]
            guard let first = number.first, isPartNumber(number) || (first >= 48 && first <= 57 && isRange(number)) else { return nil }
            var label = String(decoding: bytes[..<space], as: UTF8.self).lowercased()
            if !labels.contains(label), label.utf8.last == UInt8(ascii: "s") { label.removeLast() }  // "Steps 2-4"
            return labels.contains(label) ? label : nil
        }
    }

    /// "2-4", "10 - 14", "2–4": a range of parts.
    private static func isRange(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = text.split { $0 == "-" || $0 == "–" }.map { $0.trimmingSpaces() }
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
    }

    /// "3", "II", "b" (ASCII): what numbers a part.
    private static func isPartNumber(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        if bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { return true }
        if bytes.count == 1, let only = bytes.first, (only | 0x20) >= UInt8(ascii: "a"), (only | 0x20) <= UInt8(ascii: "z") { return true }
        return bytes.allSatisfy {
            switch $0 {
            case UInt8(ascii: "I"), UInt8(ascii: "V"), UInt8(ascii: "X"), UInt8(ascii: "i"), UInt8(ascii: "v"), UInt8(ascii: "x"): true
            default: false
            }
        }
    }
}
