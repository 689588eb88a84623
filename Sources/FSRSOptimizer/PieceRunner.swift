/// Runs the pieces of one evaluation of the training objective: `run(count, piece)` calls
/// `piece(i)` once for each `i` in `0..<count`, in any order and on any threads, and
/// returns once every call has. The optimizer starts no thread itself (it is pure); the
/// command hands it a runner that uses the machine's cores. Whatever the runner, the
/// weights found are the same: the pieces are fixed and their sums are added in order.
public struct PieceRunner: Sendable {
    public let run: @Sendable (_ count: Int, _ piece: @escaping @Sendable (Int) -> Void) -> Void

    public init(_ run: @escaping @Sendable (_ count: Int, _ piece: @escaping @Sendable (Int) -> Void) -> Void) {
        self.run = run
    }

    /// Each piece in turn on the calling thread.
    public static let oneAtATime = PieceRunner { count, piece in
        for index in 0..<count { piece(index) }
    }
}

/// Each piece's loss and gradient, written by the piece's own call (possibly on another
/// thread: each writes its own slot, through a pointer, so no two touch the same memory),
/// and read once the runner has returned.
final class PieceSums: @unchecked Sendable {
    private let losses: UnsafeMutableBufferPointer<Double>
    private let gradients: UnsafeMutableBufferPointer<Partials>

    init(count: Int) {
        losses = .allocate(capacity: count)
        losses.initialize(repeating: 0)
        gradients = .allocate(capacity: count)
        gradients.initialize(repeating: .zero)
    }

    deinit {
        losses.deallocate()
        gradients.deallocate()
    }

    func set(_ piece: Int, loss: Double, gradient: Partials) {
        losses[piece] = loss
        gradients[piece] = gradient
    }

    /// The sums of all pieces, added in piece order.
    func total() -> (Double, Partials) {
        var loss = 0.0
        var gradient = Partials.zero
        for piece in losses.indices {
            loss += losses[piece]
            gradient += gradients[piece]
        }
        return (loss, gradient)
    }
}
