import Scheduling
import Testing
import Timekeeping

// Every sequence of both FSRS-6 vector files replayed with the file's configuration and
// fuzz off. Integers exactly; S, D and R to 1e-9 relative (Vectors/README.md).

@Suite("FSRS-6 reference vectors (py-fsrs 6.3.2)")
struct FSRSVectorTests {
    @Test("state, step, due, interval exact; S, D, R close", arguments: ReferenceVectors.fsrsSequences)
    func replay(testCase: FSRSCase) throws {
        #expect(testCase.config.enableFuzzing == false)
        let scheduler = FSRSScheduler(parameters: testCase.config.fsrsParameters, fuzz: false)
        let id = testCase.sequence.id
        var state = CardState.new
        var expectedLapses = 0
        var previousVectorState: Int?
        for (index, step) in testCase.sequence.reviews.enumerated() {
            let rating = try #require(Rating(rawValue: step.rating))
            #expect(rating.quality.rating == rating, "the logged quality must replay as the same rating")

            if let expectedR = step.r {
                let r = try #require(scheduler.retrievability(of: state, at: step.t))
                #expect(isClose(r, expectedR, relative: 1e-9), "\(id) #\(index) R \(r) vs \(expectedR)")
            }

            state = scheduler.next(state, review: ReviewEvent(at: step.t, quality: rating.quality), fuzzSeed: 0)
            let memory = try #require(state.fsrs)
            #expect(vectorState(of: state.phase) == step.state, "\(id) #\(index) state")
            #expect(memory.phase == state.phase)
            #expect(memory.step == step.step, "\(id) #\(index) step")
            #expect(state.due == step.due, "\(id) #\(index) due \(state.due) vs \(step.due)")
            #expect(state.intervalDays == (step.ivlD ?? 0), "\(id) #\(index) interval")
            #expect(isClose(memory.stability, step.s, relative: 1e-9), "\(id) #\(index) S \(memory.stability) vs \(step.s)")
            #expect(isClose(memory.difficulty, step.d, relative: 1e-9), "\(id) #\(index) D \(memory.difficulty) vs \(step.d)")

            if previousVectorState == 2 && step.rating == 1 { expectedLapses += 1 }
            previousVectorState = step.state
            #expect(state.lapses == expectedLapses, "\(id) #\(index) lapses")
            #expect(state.reps == index + 1)
            #expect(state.sm2 == nil)
        }
    }

    @Test("DECAY and FACTOR equal the reference's", arguments: ReferenceVectors.fsrsFiles.map(\.derived))
    func derivedConstants(derived: FSRSDerived) {
        let scheduler = FSRSScheduler(parameters: .defaults, fuzz: false)
        #expect(scheduler.decay == derived.decay)
        #expect(isClose(scheduler.factor, derived.factor, relative: 1e-15))
    }

    @Test("the default-steps file uses exactly our defaults")
    func defaultsMatchReference() {
        #expect(ReferenceVectors.fsrsDefaultSteps.config.fsrsParameters == FSRSParameters.defaults)
        var noSteps = FSRSParameters.defaults
        noSteps.learningSteps = []
        noSteps.relearningSteps = []
        #expect(ReferenceVectors.fsrsNoSteps.config.fsrsParameters == noSteps)
    }

    @Test("all FSRS vectors are wired in")
    func vectorCount() {
        #expect(ReferenceVectors.fsrsDefaultSteps.sequences.count == 31)
        #expect(ReferenceVectors.fsrsNoSteps.sequences.count == 31)
        let reviews = ReferenceVectors.fsrsSequences.reduce(0) { $0 + $1.sequence.reviews.count }
        #expect(reviews == 345 + 327)
    }

    /// py-fsrs numbers its states 1 Learning, 2 Review, 3 Relearning.
    private func vectorState(of phase: Phase) -> Int? {
        switch phase {
        case .learning: return 1
        case .review: return 2
        case .relearning: return 3
        case .new: return nil
        }
    }
}
