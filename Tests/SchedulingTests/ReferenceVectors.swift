import Foundation
import Scheduling

// Loads the reference vectors (Vectors/README.md) produced by the PyPI packages `sm-2`
// 0.3.0 and `fsrs` 6.3.2. They sit next to this file, so the path comes from #filePath and
// does not depend on the working directory `swift test` runs in.

enum ReferenceVectors {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Vectors")

    static let sm2: SM2VectorFile = load("sm2_pkg_sm2.json")
    static let fsrsDefaultSteps: FSRSVectorFile = load("fsrs6_default_steps.json")
    static let fsrsNoSteps: FSRSVectorFile = load("fsrs6_no_steps.json")

    static var fsrsFiles: [FSRSVectorFile] { [fsrsDefaultSteps, fsrsNoSteps] }

    /// Every FSRS sequence with the configuration of the file it came from.
    static var fsrsSequences: [FSRSCase] {
        fsrsFiles.flatMap { file in file.sequences.map { FSRSCase(config: file.config, sequence: $0) } }
    }

    private static func load<File: Decodable>(_ name: String) -> File {
        let url = directory.appendingPathComponent(name)
        do {
            return try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot load reference vectors \(url.path): \(error)")
        }
    }
}

struct SM2VectorFile: Decodable, Sendable {
    let sequences: [SM2Sequence]
}

struct SM2Sequence: Decodable, Sendable, CustomStringConvertible {
    let id: String
    let start: Int64
    let timing: String
    let reviews: [SM2Step]

    var description: String { id }
}

struct SM2Step: Decodable, Sendable {
    let t: Int64
    let q: Int
    let extraBefore: Bool
    let n: Int
    let ef: Double
    let i: Int
    let due: Int64
    let extra: Bool

    enum CodingKeys: String, CodingKey {
        case t, q, n, ef, i, due, extra
        case extraBefore = "extra_before"
    }
}

struct FSRSVectorFile: Decodable, Sendable {
    let config: FSRSVectorConfig
    let derived: FSRSDerived
    let sequences: [FSRSSequence]
}

struct FSRSVectorConfig: Decodable, Sendable {
    let parameters: [Double]
    let desiredRetention: Double
    let learningSteps: [Int64]
    let relearningSteps: [Int64]
    let maximumInterval: Int
    let enableFuzzing: Bool

    enum CodingKeys: String, CodingKey {
        case parameters
        case desiredRetention = "desired_retention"
        case learningSteps = "learning_steps"
        case relearningSteps = "relearning_steps"
        case maximumInterval = "maximum_interval"
        case enableFuzzing = "enable_fuzzing"
    }

    var fsrsParameters: FSRSParameters {
        FSRSParameters(weights: parameters, desiredRetention: desiredRetention, learningSteps: learningSteps,
                       relearningSteps: relearningSteps, maximumIntervalDays: maximumInterval)
    }
}

struct FSRSDerived: Decodable, Sendable {
    let decay: Double
    let factor: Double

    enum CodingKeys: String, CodingKey {
        case decay = "DECAY"
        case factor = "FACTOR"
    }
}

struct FSRSSequence: Decodable, Sendable {
    let id: String
    let start: Int64
    let timing: String
    let reviews: [FSRSStep]
}

struct FSRSStep: Decodable, Sendable {
    let t: Int64
    let rating: Int
    let elapsedDays: Int64?
    let branch: String
    let r: Double?
    let state: Int
    let step: Int?
    let s: Double
    let d: Double
    let due: Int64
    let ivlD: Int?

    enum CodingKeys: String, CodingKey {
        case t, rating, branch, r, state, step, s, d, due
        case elapsedDays = "elapsed_d"
        case ivlD = "ivl_d"
    }
}

/// One FSRS sequence and the scheduler configuration it was generated with.
struct FSRSCase: Sendable, CustomStringConvertible {
    let config: FSRSVectorConfig
    let sequence: FSRSSequence

    var description: String { sequence.id }
}

/// |actual - expected| <= tolerance * |expected| (absolute near zero).
func isClose(_ actual: Double, _ expected: Double, relative tolerance: Double) -> Bool {
    abs(actual - expected) <= tolerance * max(abs(expected), 1e-300)
}
