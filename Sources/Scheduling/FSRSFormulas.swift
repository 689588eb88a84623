#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

// The FSRS-6 formulas written once, over any number type that can add, multiply and raise
// to a power. The scheduler uses them with Double (FSRSModel, which adds the clamps); the
// optimizer uses them with numbers that carry their derivatives along (forward-mode
// differentiation), so the loss it minimizes is the very model that schedules.
//
// Each expression keeps py-fsrs 6.3.2's order of operations: with Double the results are
// the ones FSRSModel always had, bit for bit (Tests/SchedulingTests/Vectors hold them).

/// A number the FSRS formulas can be computed in.
public protocol FSRSNumber: Sendable {
    /// A constant (its derivatives, if it carries any, are zero).
    init(_ constant: Double)
    /// The plain value, for comparisons and clamps.
    var primal: Double { get }
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    static func * (lhs: Self, rhs: Self) -> Self
    static func / (lhs: Self, rhs: Self) -> Self
    static func + (lhs: Double, rhs: Self) -> Self
    static func - (lhs: Double, rhs: Self) -> Self
    static func * (lhs: Double, rhs: Self) -> Self
    static func / (lhs: Double, rhs: Self) -> Self
    static func + (lhs: Self, rhs: Double) -> Self
    static func - (lhs: Self, rhs: Double) -> Self
    static func * (lhs: Self, rhs: Double) -> Self
    static func / (lhs: Self, rhs: Double) -> Self
    static prefix func - (operand: Self) -> Self
    /// C's pow(base, exponent), base > 0.
    static func power(_ base: Self, _ exponent: Self) -> Self
    /// `math.e ** exponent` as py-fsrs spells it (pow(e, x), not exp(x)).
    static func ePower(_ exponent: Self) -> Self
}

extension Double: FSRSNumber {
    @inlinable public var primal: Double { self }

    @inlinable public static func power(_ base: Double, _ exponent: Double) -> Double {
        pow(base, exponent)
    }

    /// Python's `math.e`.
    public static let pythonE = 2.718281828459045

    @inlinable public static func ePower(_ exponent: Double) -> Double {
        pow(pythonE, exponent)
    }
}

/// The FSRS-6 memory formulas for the 21 weights `w`, unclamped: callers clamp (the
/// scheduler as py-fsrs does, the optimizer as fsrs-rs does).
public struct FSRSFormulas<Number: FSRSNumber>: Sendable {
    public let w: [Number]
    /// The forgetting curve's exponent, -w20.
    public let decay: Number
    /// 0.9^(1/decay) - 1, so that R(S, S) = 0.9: stability is "the interval at 90% recall".
    public let factor: Number
    /// D0(Easy), the mean reversion's target; e^w8 and e^(w17 w18). Each is the same
    /// expression the formulas below would evaluate every time, computed once.
    public let easyDifficulty: Number
    public let recallScale: Number
    public let sameDayLapseDivisor: Number

    @inlinable
    public init(weights: [Number]) {
        precondition(weights.count == 21, "FSRS-6 has 21 weights")
        w = weights
        decay = -weights[20]
        factor = Number.power(Number(0.9), 1 / decay) - 1
        easyDifficulty = weights[4] - Number.ePower(weights[5] * Double(Rating.easy.rawValue - 1)) + 1
        recallScale = Number.ePower(weights[8])
        sameDayLapseDivisor = Number.ePower(weights[17] * weights[18])
    }

    /// Probability of recall `elapsedDays` (>= 0) after a review that left `stability`.
    @inlinable
    public func retrievability(elapsedDays: Double, stability: Number) -> Number {
        Number.power(1 + factor * elapsedDays / stability, decay)
    }

    /// S0: the stability after a card's first review.
    @inlinable
    public func initialStability(_ rating: Rating) -> Number {
        w[rating.rawValue - 1]
    }

    /// D0: the difficulty after a card's first review. D0(Easy) is also the target of the
    /// mean reversion.
    @inlinable
    public func initialDifficulty(_ rating: Rating) -> Number {
        w[4] - Number.ePower(w[5] * Double(rating.rawValue - 1)) + 1
    }

    /// Linear damping slows D near 10; mean reversion (weight w7) pulls it towards D0(Easy).
    @inlinable
    public func nextDifficulty(_ difficulty: Number, _ rating: Rating) -> Number {
        let target = easyDifficulty
        let change = -(w[6] * Double(rating.rawValue - 3))
        let damped = difficulty + (10.0 - difficulty) * change / 9.0
        return w[7] * target + (1 - w[7]) * damped
    }

    /// Reviews on the same day as the previous one. A successful same-day review never
    /// lowers stability.
    @inlinable
    public func shortTermStability(_ stability: Number, _ rating: Rating) -> Number {
        var increase = Number.ePower(w[17] * (Double(rating.rawValue - 3) + w[18])) * Number.power(stability, -w[19])
        if rating != .again, increase.primal < 1 {
            increase = Number(1)
        }
        return stability * increase
    }

    /// After a successful recall: grows more for easy cards, low S and low R (a harder,
    /// later recall teaches more). A factor of 1 is left out, which changes no bit.
    @inlinable
    public func recallStability(difficulty: Number, stability: Number, retrievability: Number, rating: Rating) -> Number {
        var growth = recallScale
            * (11 - difficulty)
            * Number.power(stability, -w[9])
            * (Number.ePower((1 - retrievability) * w[10]) - 1)
        if rating == .hard { growth = growth * w[15] }
        if rating == .easy { growth = growth * w[16] }
        return stability * (1 + growth)
    }

    /// After a lapse: the long-term formula, but never above what a same-day Again would
    /// leave, so forgetting can't raise stability.
    @inlinable
    public func forgetStability(difficulty: Number, stability: Number, retrievability: Number) -> Number {
        let longTerm = w[11]
            * Number.power(difficulty, -w[12])
            * (Number.power(stability + 1, w[13]) - 1)
            * Number.ePower((1 - retrievability) * w[14])
        let shortTerm = stability / sameDayLapseDivisor
        return shortTerm.primal < longTerm.primal ? shortTerm : longTerm
    }
}

extension FSRSFormulas where Number == Double {
    /// Whole days until recall falls to `desiredRetention`, rounded half-to-even (as
    /// Python's round) and clamped to 1...maximumDays.
    public func intervalDays(stability: Double, desiredRetention: Double, maximumDays: Int) -> Int {
        let days = (stability / factor) * (Double.power(desiredRetention, 1 / decay) - 1)
        let rounded = days.rounded(.toNearestOrEven)
        // Compared in Double so that an infinite or NaN value (from parameters nobody
        // validated) can't trap in the conversion to Int.
        if rounded >= Double(maximumDays) { return maximumDays }
        guard rounded > 1 else { return 1 }
        return Int(rounded)
    }
}
