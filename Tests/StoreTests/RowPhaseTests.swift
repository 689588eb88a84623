import Testing
import Scheduling
@testable import Store

/// `Row.phase` reads a column's bytes without making a `String` first; it must give what
/// `Phase(rawValue:)` gives on the text.
@Suite struct RowPhaseTests {
    /// Each value as SQLite returns it from a one-row SELECT.
    func read<T>(_ text: String?, _ transform: (Row) -> T) throws -> T {
        let dir = TemporaryDirectory()
        let connection = try Connection(path: dir.file("values.sqlite"))
        return try #require(try connection.prepare("SELECT ?1").first([text]) { transform($0) })
    }

    @Test func phasesAreTheTextsPhases() throws {
        for phase in Phase.allCases {
            #expect(try read(phase.rawValue) { $0.phase(0) } == phase)
        }
        for text in ["Review", "reviews", "revie", "", "new ", "relearnin"] {
            #expect(try read(text) { $0.phase(0) } == nil, "\(text)")
        }
        #expect(try read(nil) { $0.phase(0) } == nil)
    }
}
