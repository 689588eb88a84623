/// The parts of a mock design interview, in order, with the share of the clock each
/// gets and what a strong answer covers in it.
public enum DrillPart: String, Sendable, CaseIterable {
    case requirements
    case estimates
    case api
    case highLevel = "high-level"
    case deepDives = "deep-dives"
    case wrapUp = "wrap-up"
    /// Scored at the end, not timed: how clearly the design was explained throughout.
    case communication

    public static let timed: [DrillPart] = [.requirements, .estimates, .api, .highLevel, .deepDives, .wrapUp]

    public var title: String {
        switch self {
        case .requirements: return "Requirements"
        case .estimates: return "Estimates"
        case .api: return "Entities and API"
        case .highLevel: return "High-level design"
        case .deepDives: return "Deep dives"
        case .wrapUp: return "Bottlenecks and wrap-up"
        case .communication: return "Communication"
        }
    }

    /// The title inside a sentence: "time for entities and API".
    public var phrase: String {
        guard let first = title.first else { return title }
        return first.lowercased() + title.dropFirst()
    }

    /// Points out of 100 for a score of 3 in this part.
    public var weight: Int {
        switch self {
        case .requirements: return 15
        case .estimates: return 10
        case .api: return 15
        case .highLevel: return 20
        case .deepDives: return 20
        case .wrapUp: return 10
        case .communication: return 10
        }
    }

    /// What a strong answer covers (the exercise's own talking points join the deep dives).
    public var checklist: [String] {
        switch self {
        case .requirements:
            return ["Core use cases, and what is out of scope", "Scale: users, reads vs writes, data size",
                    "Non-functional: latency, availability, consistency, durability", "Clarifying questions before designing"]
        case .estimates:
            return ["Requests per second, average and peak", "Storage per item and total over the years",
                    "Bandwidth in and out", "Memory for the hot set (cache)"]
        case .api:
            return ["Core entities and their key fields", "Endpoints or RPCs with inputs and outputs",
                    "Data model: which store and why, keys and indexes"]
        case .highLevel:
            return ["Clients, load balancer, services, storage, cache, queues", "A read path and a write path end to end",
                    "Where state lives and how it is replicated"]
        case .deepDives:
            return ["Partitioning and replication of the data", "Caching and invalidation",
                    "Consistency and failure handling on the critical path"]
        case .wrapUp:
            return ["Bottlenecks and single points of failure", "Monitoring, alerts and SLOs",
                    "Trade-offs made, and what comes next with more time"]
        case .communication:
            return ["Thought out loud, checked assumptions, drove the conversation"]
        }
    }
}

/// One timed phase of a drill.
public struct DrillPhase: Sendable, Equatable {
    public let part: DrillPart
    /// Seconds from the start of the drill.
    public let start: Int64
    public let end: Int64
    public let checklist: [String]
}

/// The phases of a drill of `minutes` minutes: the 45-minute interview's boundaries
/// (5, 10, 15, 25, 38 and 45 minutes) scaled to the time chosen.
public struct DrillPlan: Sendable, Equatable {
    public static let referenceMinutes = 45
    /// Phase ends in minutes of the 45-minute reference.
    public static let referenceBoundaries = [5, 10, 15, 25, 38, 45]
    public static let minutesRange = 5...240

    public let minutes: Int
    public let phases: [DrillPhase]

    public init(minutes: Int, talkingPoints: [String] = []) {
        self.minutes = minutes
        var phases: [DrillPhase] = []
        var start: Int64 = 0
        for (part, boundary) in zip(DrillPart.timed, Self.referenceBoundaries) {
            // Rounded to whole seconds: 38/45 of 30 minutes is 25:20.
            let end = (Int64(boundary) * Int64(minutes) * 60 * 2 + Int64(Self.referenceMinutes)) / (2 * Int64(Self.referenceMinutes))
            let checklist = part == .deepDives ? talkingPoints + part.checklist : part.checklist
            phases.append(DrillPhase(part: part, start: start, end: end, checklist: checklist))
            start = end
        }
        self.phases = phases
    }

    public var totalSeconds: Int64 { phases.last?.end ?? 0 }

    /// Index of the phase the schedule is in after `elapsed` seconds (`phases.count`
    /// once the time is up).
    public func scheduledPhase(at elapsed: Int64) -> Int {
        phases.firstIndex { elapsed < $0.end } ?? phases.count
    }

    /// Boundaries (1-based: 1 is the end of the first phase) passed after `elapsed` seconds.
    public func boundariesPassed(at elapsed: Int64) -> Int {
        phases.filter { elapsed >= $0.end }.count
    }

    /// `5:00`, `1:05:00`.
    public static func clockText(_ seconds: Int64) -> String {
        let seconds = max(0, seconds)
        let minutes = seconds / 60, rest = seconds % 60
        let padded = rest < 10 ? "0\(rest)" : "\(rest)"
        if minutes >= 60 {
            let inHour = minutes % 60
            return "\(minutes / 60):" + (inHour < 10 ? "0\(inHour)" : "\(inHour)") + ":" + padded
        }
        return "\(minutes):" + padded
    }
}

/// The 0-3 scores of a drill and their weighted total.
public enum DrillScoring {
    /// The parts scored at the end, in order: the six phases, then communication.
    public static let parts: [DrillPart] = DrillPart.timed + [.communication]
    public static let scale = 0...3
    public static let labels = ["missing", "weak", "solid", "strong"]

    /// Σ weight × score / 3, from 0 to 100; missing scores count as 0.
    public static func total(_ scores: [Int]) -> Double {
        var total = 0.0
        for (part, score) in zip(parts, scores) {
            total += Double(part.weight) * Double(min(3, max(0, score))) / 3
        }
        return (total * 10).rounded() / 10
    }
}
