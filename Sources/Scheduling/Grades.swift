// The one grade scale of the review log is SM-2's quality 0-5. FSRS's four ratings map
// from it, and a four-button answer records a fixed quality per button, so every review
// can be replayed by either scheduler.

/// SM-2 quality of a recall, 0 (blackout) ... 5 (perfect). q >= 3 passes.
public struct Quality: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: Int

    /// nil unless 0...5.
    public init?(rawValue: Int) {
        guard (0...5).contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    public var passes: Bool { rawValue >= 3 }

    /// FSRS rating for this quality: 0-2 Again, 3 Hard, 4 Good, 5 Easy.
    public var rating: Rating {
        switch rawValue {
        case 0...2: return .again
        case 3: return .hard
        case 4: return .good
        default: return .easy
        }
    }

    public static func < (lhs: Quality, rhs: Quality) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

/// The four answer buttons (and FSRS's ratings 1...4).
public enum Rating: Int, CaseIterable, Sendable, CustomStringConvertible {
    case again = 1, hard = 2, good = 3, easy = 4

    /// What a four-button answer records in the log: 1 / 3 / 4 / 5.
    public var quality: Quality {
        switch self {
        case .again: return Quality(rawValue: 1)!
        case .hard: return Quality(rawValue: 3)!
        case .good: return Quality(rawValue: 4)!
        case .easy: return Quality(rawValue: 5)!
        }
    }

    public var name: String {
        switch self {
        case .again: return "again"
        case .hard: return "hard"
        case .good: return "good"
        case .easy: return "easy"
        }
    }

    public init?(name: String) {
        guard let match = Rating.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    public var description: String { name }
}
