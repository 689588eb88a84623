/// The 21 derivatives a `Dual` carries, in three 8-lane vectors (24 lanes, the last three
/// always zero). Swift's Partials would hold them in one value, but its arithmetic
/// with a scalar runs lane by lane, about 50 times slower than three SIMD8 (measured).
public struct Partials: Sendable, Equatable {
    @usableFromInline var low: SIMD8<Double>
    @usableFromInline var middle: SIMD8<Double>
    @usableFromInline var high: SIMD8<Double>

    @inlinable init(low: SIMD8<Double>, middle: SIMD8<Double>, high: SIMD8<Double>) {
        self.low = low
        self.middle = middle
        self.high = high
    }

    public static let zero = Partials(low: .zero, middle: .zero, high: .zero)

    public subscript(index: Int) -> Double {
        get { index < 8 ? low[index] : index < 16 ? middle[index - 8] : high[index - 16] }
        set {
            if index < 8 { low[index] = newValue } else if index < 16 { middle[index - 8] = newValue } else { high[index - 16] = newValue }
        }
    }

    @inlinable static func + (lhs: Partials, rhs: Partials) -> Partials {
        Partials(low: lhs.low + rhs.low, middle: lhs.middle + rhs.middle, high: lhs.high + rhs.high)
    }

    @inlinable static func - (lhs: Partials, rhs: Partials) -> Partials {
        Partials(low: lhs.low - rhs.low, middle: lhs.middle - rhs.middle, high: lhs.high - rhs.high)
    }

    @inlinable static prefix func - (operand: Partials) -> Partials {
        Partials(low: -operand.low, middle: -operand.middle, high: -operand.high)
    }

    @inlinable static func * (lhs: Partials, rhs: Double) -> Partials {
        let scale = SIMD8(repeating: rhs)
        return Partials(low: lhs.low * scale, middle: lhs.middle * scale, high: lhs.high * scale)
    }

    @inlinable static func / (lhs: Partials, rhs: Double) -> Partials {
        lhs * (1 / rhs)
    }

    @inlinable static func += (lhs: inout Partials, rhs: Partials) {
        lhs = lhs + rhs
    }

    /// `self * a + other * b`, the product rule's shape, in one pass.
    @inlinable func scaled(_ a: Double, plus other: Partials, times b: Double) -> Partials {
        let sa = SIMD8(repeating: a), sb = SIMD8(repeating: b)
        return Partials(low: low * sa + other.low * sb, middle: middle * sa + other.middle * sb, high: high * sa + other.high * sb)
    }
}
