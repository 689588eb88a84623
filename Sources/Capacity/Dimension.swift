// The physical side of a quantity: integer exponents of time, information and money.
// Counts (requests, users, items) are deliberately dimensionless, so `10 users * 5 req`
// and `100M req/day -> req/s` check cleanly; what was counted is tracked separately for
// display only (see `CountLabels`).

public struct Dimension: Hashable, Sendable, CustomStringConvertible {
    /// Exponent of time (base unit: second).
    public var time: Int
    /// Exponent of information (base unit: byte).
    public var information: Int
    /// Exponent of money (base unit: US dollar).
    public var money: Int

    public init(time: Int = 0, information: Int = 0, money: Int = 0) {
        self.time = time
        self.information = information
        self.money = money
    }

    public static let none = Dimension()
    public static let time = Dimension(time: 1)
    public static let information = Dimension(information: 1)
    public static let money = Dimension(money: 1)
    /// Something per unit of time: requests per second, events per day.
    public static let frequency = Dimension(time: -1)
    /// Information per unit of time: bytes per second, bits per second.
    public static let dataRate = Dimension(time: -1, information: 1)

    /// Exponents beyond this are refused: no estimate needs seconds to the 13th, and a
    /// bound keeps `^` from overflowing the exponent arithmetic.
    static let exponentLimit = 12

    public var isDimensionless: Bool { self == .none }

    var isWithinLimits: Bool {
        abs(time) <= Self.exponentLimit && abs(information) <= Self.exponentLimit && abs(money) <= Self.exponentLimit
    }

    static func * (lhs: Dimension, rhs: Dimension) -> Dimension {
        Dimension(time: lhs.time + rhs.time, information: lhs.information + rhs.information, money: lhs.money + rhs.money)
    }

    static func / (lhs: Dimension, rhs: Dimension) -> Dimension {
        Dimension(time: lhs.time - rhs.time, information: lhs.information - rhs.information, money: lhs.money - rhs.money)
    }

    /// The dimension raised to a whole power; callers bound `power` first.
    func raised(to power: Int) -> Dimension {
        Dimension(time: time * power, information: information * power, money: money * power)
    }

    /// A name for error messages: "time", "information", "a data rate (information/time)".
    public var description: String {
        switch self {
        case .none: return "a plain number"
        case .time: return "time"
        case .information: return "information"
        case .money: return "money"
        case .frequency: return "a rate (1/time)"
        case .dataRate: return "a data rate (information/time)"
        case Dimension(time: -1, money: 1): return "money per time"
        case Dimension(information: -1, money: 1): return "a price per information"
        case Dimension(time: -1, information: -1, money: 1): return "a price per information per time"
        default: return formula
        }
    }

    /// `information^2/time`, `money/(information·time)`: the exponents spelled out.
    public var formula: String {
        if self == .none { return "1" }
        var numerator: [String] = []
        var denominator: [String] = []
        for (name, exponent) in [("money", money), ("information", information), ("time", time)] where exponent != 0 {
            let part = abs(exponent) == 1 ? name : "\(name)^\(abs(exponent))"
            if exponent > 0 { numerator.append(part) } else { denominator.append(part) }
        }
        let top = numerator.isEmpty ? "1" : numerator.joined(separator: "·")
        switch denominator.count {
        case 0: return top
        case 1: return top + "/" + denominator[0]
        default: return top + "/(" + denominator.joined(separator: "·") + ")"
        }
    }

    /// An example of how to write a value of this dimension, for "expected ..." messages.
    var example: String? {
        switch self {
        case .none: return "10k"
        case .time: return "5 years"
        case .information: return "2 MB"
        case .money: return "$0.10"
        case .frequency: return "10M/day"
        case .dataRate: return "1 Gbps"
        default: return nil
        }
    }
}
