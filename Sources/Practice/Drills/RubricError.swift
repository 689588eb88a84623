/// A rubric that cannot be read, with where: `file:line:column: reason`.
public struct RubricError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let reason: String

    public var description: String { "\(file):\(line):\(column): \(reason)" }
}
