// What a dimensionless count counts ("req", "user"), with exponents, so `100M req/day`
// displays as req/s and `5 req/user` as req/user. Labels never take part in dimension
// checks: `10 users * 5 req` is fine, and adding quantities with different labels just
// drops the labels.

public struct CountLabels: Hashable, Sendable, CustomStringConvertible {
    /// (label, exponent) in order of first appearance; no zero exponents.
    public private(set) var entries: [(label: String, exponent: Int)] = []

    public init() {}

    public init(_ label: String) {
        entries = [(label, 1)]
    }

    public var isEmpty: Bool { entries.isEmpty }

    public static func == (lhs: CountLabels, rhs: CountLabels) -> Bool {
        lhs.entries.count == rhs.entries.count
            && lhs.entries.allSatisfy { entry in rhs.exponent(of: entry.label) == entry.exponent }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in entries.sorted(by: { $0.label < $1.label }) {
            hasher.combine(entry.label)
            hasher.combine(entry.exponent)
        }
    }

    public func exponent(of label: String) -> Int {
        entries.first { $0.label == label }?.exponent ?? 0
    }

    public var description: String {
        entries.map { $0.exponent == 1 ? $0.label : "\($0.label)^\($0.exponent)" }.joined(separator: "·")
    }

    static func * (lhs: CountLabels, rhs: CountLabels) -> CountLabels {
        var result = lhs
        for entry in rhs.entries { result.add(entry.label, entry.exponent) }
        return result
    }

    static func / (lhs: CountLabels, rhs: CountLabels) -> CountLabels {
        var result = lhs
        for entry in rhs.entries { result.add(entry.label, -entry.exponent) }
        return result
    }

    func raised(to power: Int) -> CountLabels {
        var result = CountLabels()
        if power == 0 { return result }
        result.entries = entries.map { ($0.label, $0.exponent * power) }
        return result
    }

    /// The labels of a sum: kept when both sides agree or one side has none.
    static func combinedForSum(_ lhs: CountLabels, _ rhs: CountLabels) -> CountLabels {
        if lhs.isEmpty { return rhs }
        if rhs.isEmpty || lhs == rhs { return lhs }
        return CountLabels()
    }

    private mutating func add(_ label: String, _ exponent: Int) {
        if let index = entries.firstIndex(where: { $0.label == label }) {
            entries[index].exponent += exponent
            if entries[index].exponent == 0 { entries.remove(at: index) }
        } else if exponent != 0 {
            entries.append((label, exponent))
        }
    }
}
