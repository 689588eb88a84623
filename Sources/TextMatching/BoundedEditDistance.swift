// Levenshtein distance, bounded: it stops as soon as the distance must exceed the limit.
// Same definition as `EditDistance.between`, over pre-lowercased scalar values with two
// reused rows, for hot paths such as the calculator comparing an unknown word with
// hundreds of unit names (and its fuzz test doing so a hundred thousand times).

public enum BoundedEditDistance {
    /// The distance between `a` and `b`, or nil when it is larger than `limit`.
    public static func distance(_ a: [UInt32], _ b: [UInt32], limit: Int, rows: inout [Int]) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        if rows.count < 2 * width { rows = [Int](repeating: 0, count: 2 * width) }
        return rows.withUnsafeMutableBufferPointer { buffer -> Int? in
            var previous = 0
            var current = width
            for j in 0..<width { buffer[previous + j] = j }
            for i in 1...a.count {
                buffer[current] = i
                var rowMinimum = i
                let scalar = a[i - 1]
                for j in 1..<width {
                    let substitution = buffer[previous + j - 1] + (scalar == b[j - 1] ? 0 : 1)
                    let value = min(substitution, buffer[previous + j] + 1, buffer[current + j - 1] + 1)
                    buffer[current + j] = value
                    if value < rowMinimum { rowMinimum = value }
                }
                if rowMinimum > limit { return nil }
                swap(&previous, &current)
            }
            let result = buffer[previous + width - 1]
            return result <= limit ? result : nil
        }
    }

    public static func scalars(_ text: String) -> [UInt32] {
        text.lowercased().unicodeScalars.map(\.value)
    }
}
