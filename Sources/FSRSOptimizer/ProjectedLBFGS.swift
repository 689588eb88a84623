/// After Adam, fsrs-rs stops; here the same objective is minimized further on the whole
/// training set, by L-BFGS with each trial point clipped into the weight ranges and a
/// backtracking line search that only accepts a lower objective. So the result is never
/// worse than Adam's on the objective, and usually a little better (mini-batch Adam with
/// five epochs stops short of the minimum).
struct ProjectedLBFGS {
    static let maximumIterations = 60
    static let memory = 8

    let problem: TrainingProblem
    /// Runs the pieces of each evaluation of the objective, the whole of this search's work.
    let runner: PieceRunner

    init(_ problem: TrainingProblem, runner: PieceRunner = .oneAtATime) {
        self.problem = problem
        self.runner = runner
    }

    func minimize(from start: [Double], progress: (Int) -> Void) -> [Double] {
        let n = Dual.parameterCount
        var x = start
        var (value, g) = problem.objective(x, runner: runner)
        var history: [(s: [Double], y: [Double], rho: Double)] = []
        for iteration in 0..<Self.maximumIterations {
            progress(iteration)
            // Weights held at a bound by a gradient pushing outwards stay put.
            let free = (0..<n).map { i in
                let range = FSRSTrainer.clipRanges[i]
                return !((x[i] <= range.lowerBound && g[i] > 0) || (x[i] >= range.upperBound && g[i] < 0))
            }
            var direction = twoLoop(g, history: history).enumerated().map { free[$0.offset] ? -$0.element : 0 }
            var slope = (0..<n).reduce(0.0) { $0 + g[$1] * direction[$1] }
            if !(slope < 0) {
                direction = (0..<n).map { free[$0] ? -g[$0] : 0 }
                slope = (0..<n).reduce(0.0) { $0 + g[$1] * direction[$1] }
                history.removeAll()
                if !(slope < 0) { break }
            }
            var step = history.isEmpty ? min(1, 0.01 / max(1e-12, (0..<n).reduce(0.0) { max($0, abs(direction[$1])) })) : 1.0
            var accepted: (x: [Double], value: Double, g: Partials)?
            for _ in 0..<30 {
                let trial = FSRSTrainer.clipped((0..<n).map { x[$0] + step * direction[$0] })
                let (trialValue, trialGradient) = problem.objective(trial, runner: runner)
                let decrease = (0..<n).reduce(0.0) { $0 + g[$1] * (trial[$1] - x[$1]) }
                if trialValue.isFinite && trialValue <= value + 1e-4 * decrease && trialValue < value {
                    accepted = (trial, trialValue, trialGradient)
                    break
                }
                step *= 0.5
            }
            guard let next = accepted else { break }
            let s = (0..<n).map { next.x[$0] - x[$0] }
            let y = (0..<n).map { next.g[$0] - g[$0] }
            let sy = zip(s, y).reduce(0.0) { $0 + $1.0 * $1.1 }
            if sy > 1e-12 {
                history.append((s, y, 1 / sy))
                if history.count > Self.memory { history.removeFirst() }
            }
            let improvement = value - next.value
            (x, value, g) = (next.x, next.value, next.g)
            if improvement < 1e-9 * max(1, abs(value)) { break }
        }
        return x
    }

    /// H·g from the stored curvature pairs (Nocedal & Wright, algorithm 7.4).
    private func twoLoop(_ g: Partials, history: [(s: [Double], y: [Double], rho: Double)]) -> [Double] {
        let n = Dual.parameterCount
        var q = (0..<n).map { g[$0] }
        var alphas: [Double] = []
        for pair in history.reversed() {
            let alpha = pair.rho * zip(pair.s, q).reduce(0.0) { $0 + $1.0 * $1.1 }
            alphas.append(alpha)
            for i in 0..<n { q[i] -= alpha * pair.y[i] }
        }
        if let last = history.last {
            let yy = last.y.reduce(0.0) { $0 + $1 * $1 }
            let scale = yy > 0 ? 1 / (last.rho * yy) : 1
            for i in 0..<n { q[i] *= scale }
        }
        for (pair, alpha) in zip(history, alphas.reversed()) {
            let beta = pair.rho * zip(pair.y, q).reduce(0.0) { $0 + $1.0 * $1.1 }
            for i in 0..<n { q[i] += pair.s[i] * (alpha - beta) }
        }
        return q
    }
}
