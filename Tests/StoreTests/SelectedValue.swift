import Testing
@testable import Store

/// `transform` of the one row of `SELECT ?1` with `text` bound: a value as SQLite hands
/// it back from a column, for the tests of `Row`'s readers.
func selected<T>(_ text: String?, _ transform: (Row) -> T) throws -> T {
    let dir = TemporaryDirectory()
    let connection = try Connection(path: dir.file("values.sqlite"))
    return try #require(try connection.prepare("SELECT ?1").first([text]) { transform($0) })
}
