// Spans are Unicode scalar offsets; these helpers cut text by them.

enum ScalarText {
    /// The part of `text` covered by `span`, clamped to the text.
    static func slice(_ text: String, _ span: Range<Int>) -> String {
        let scalars = Array(text.unicodeScalars)
        let lower = min(max(0, span.lowerBound), scalars.count)
        let upper = min(max(lower, span.upperBound), scalars.count)
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[lower..<upper])
        return result
    }
}
