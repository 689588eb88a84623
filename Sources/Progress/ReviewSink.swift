import Store
import Timekeeping

/// Where a streamed read of a progress file sends each valid review instead of keeping it
/// (`ProgressReader`): the log of a new machine (`ReviewStream`), or a merge into a log
/// that has reviews (`StreamedReviewMerge`). `card` is the card ID's value
/// (`KnownCards.value`); the ID's bytes need only live through the call.
protocol ReviewSink: AnyObject {
    func add(id: UnsafeBufferPointer<UInt8>, card: UInt64, at: UnixTime, grade: Int, durationMs: Int64)
}

extension ReviewStream: ReviewSink {}

extension StreamedReviewMerge: ReviewSink {
    func add(id: UnsafeBufferPointer<UInt8>, card: UInt64, at: UnixTime, grade: Int, durationMs: Int64) {
        KnownCards.withIDBytes(card) { add(id: id, card: $0, at: at, grade: grade, durationMs: durationMs) }
    }
}
