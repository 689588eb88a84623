// FSRS's reference implementation (py-fsrs) computes every power with C's pow(), even
// e**x (as pow(e, x), not exp(x)). Calling the same libm function on the same inputs keeps
// our stabilities and difficulties bit-identical to it instead of merely close, which
// matters where a value lands near a rounding boundary of the interval. The standard
// library has no pow, and the C math library is neither Foundation nor I/O, so the
// "pure module" rule still holds.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

enum CMath {
    /// Python's `math.e`, the base py-fsrs raises to a power.
    static let e = 2.718281828459045

    static func power(_ base: Double, _ exponent: Double) -> Double {
        pow(base, exponent)
    }

    /// `math.e ** exponent`, spelled the way the reference spells it.
    static func ePower(_ exponent: Double) -> Double {
        pow(e, exponent)
    }
}
