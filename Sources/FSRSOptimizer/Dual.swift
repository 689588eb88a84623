#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Scheduling

/// A number that carries its derivatives with respect to the 21 FSRS-6 weights along
/// (forward-mode differentiation): running the model's formulas on Duals gives the loss
/// and its exact gradient in one pass, with no second copy of the formulas to keep in
/// step. The partials live in three SIMD vectors (`Partials`) so each operation is a few
/// vector instructions.
public struct Dual: FSRSNumber, Sendable {
    public var value: Double
    /// d value / d w_i in lane i (lanes 21...23 are always zero).
    public var partials: Partials

    public static let parameterCount = 21

    @inlinable public init(_ constant: Double) {
        value = constant
        partials = .zero
    }

    @inlinable public init(value: Double, partials: Partials) {
        self.value = value
        self.partials = partials
    }

    /// Weight `index` itself: value `value`, derivative 1 with respect to itself.
    @inlinable public static func variable(_ value: Double, index: Int) -> Dual {
        var partials = Partials.zero
        partials[index] = 1
        return Dual(value: value, partials: partials)
    }

    /// The 21 weights as variables.
    @inlinable public static func variables(_ weights: [Double]) -> [Dual] {
        weights.indices.map { variable(weights[$0], index: $0) }
    }

    /// The gradient as 21 numbers.
    public var gradient: [Double] { (0..<Self.parameterCount).map { partials[$0] } }

    @inlinable public var primal: Double { value }

    @inlinable public static func + (lhs: Dual, rhs: Dual) -> Dual {
        Dual(value: lhs.value + rhs.value, partials: lhs.partials + rhs.partials)
    }

    @inlinable public static func - (lhs: Dual, rhs: Dual) -> Dual {
        Dual(value: lhs.value - rhs.value, partials: lhs.partials - rhs.partials)
    }

    @inlinable public static func * (lhs: Dual, rhs: Dual) -> Dual {
        Dual(value: lhs.value * rhs.value, partials: lhs.partials.scaled(rhs.value, plus: rhs.partials, times: lhs.value))
    }

    @inlinable public static func / (lhs: Dual, rhs: Dual) -> Dual {
        let value = lhs.value / rhs.value
        return Dual(value: value, partials: lhs.partials.scaled(1 / rhs.value, plus: rhs.partials, times: -value / rhs.value))
    }

    @inlinable public static func + (lhs: Double, rhs: Dual) -> Dual {
        Dual(value: lhs + rhs.value, partials: rhs.partials)
    }

    @inlinable public static func - (lhs: Double, rhs: Dual) -> Dual {
        Dual(value: lhs - rhs.value, partials: -rhs.partials)
    }

    @inlinable public static func * (lhs: Double, rhs: Dual) -> Dual {
        Dual(value: lhs * rhs.value, partials: rhs.partials * lhs)
    }

    @inlinable public static func / (lhs: Double, rhs: Dual) -> Dual {
        let value = lhs / rhs.value
        return Dual(value: value, partials: rhs.partials * (-value / rhs.value))
    }

    @inlinable public static func + (lhs: Dual, rhs: Double) -> Dual {
        Dual(value: lhs.value + rhs, partials: lhs.partials)
    }

    @inlinable public static func - (lhs: Dual, rhs: Double) -> Dual {
        Dual(value: lhs.value - rhs, partials: lhs.partials)
    }

    @inlinable public static func * (lhs: Dual, rhs: Double) -> Dual {
        Dual(value: lhs.value * rhs, partials: lhs.partials * rhs)
    }

    @inlinable public static func / (lhs: Dual, rhs: Double) -> Dual {
        Dual(value: lhs.value / rhs, partials: lhs.partials / rhs)
    }

    @inlinable public static prefix func - (operand: Dual) -> Dual {
        Dual(value: -operand.value, partials: -operand.partials)
    }

    /// d(a^b) = a^b (b/a da + ln a db).
    @inlinable public static func power(_ base: Dual, _ exponent: Dual) -> Dual {
        let value = pow(base.value, exponent.value)
        let logarithm = base.value > 0 ? log(base.value) : 0
        return Dual(value: value, partials: base.partials.scaled(value * exponent.value / base.value, plus: exponent.partials,
                                                                 times: value * logarithm))
    }

    /// d(e^x) = e^x dx. exp, not pow(e, x): training needs no bit-exactness with py-fsrs,
    /// and exp is the cheaper of the two.
    @inlinable public static func ePower(_ exponent: Dual) -> Dual {
        let value = exp(exponent.value)
        return Dual(value: value, partials: exponent.partials * value)
    }

    /// Natural logarithm, for the loss.
    @inlinable public static func logarithm(_ operand: Dual) -> Dual {
        Dual(value: log(operand.value), partials: operand.partials / operand.value)
    }
}
