import Testing
import Scheduling
@testable import Store

/// `Row.phase` reads a column's bytes without making a `String` first; it must give what
/// `Phase(rawValue:)` gives on the text.
@Suite struct RowPhaseTests {
    @Test func phasesAreTheTextsPhases() throws {
        for phase in Phase.allCases {
            #expect(try selected(phase.rawValue) { $0.phase(0) } == phase)
        }
        for text in ["Review", "reviews", "revie", "", "new ", "relearnin"] {
            #expect(try selected(text) { $0.phase(0) } == nil, "\(text)")
        }
        #expect(try selected(nil) { $0.phase(0) } == nil)
    }
}
