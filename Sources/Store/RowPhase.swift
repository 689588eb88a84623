import CSQLite
#if canImport(Glibc)
import Glibc
#endif
import Scheduling

extension Row {
    /// The column's phase, nil for text that names none: compared on the column's bytes.
    /// Today's queue reads a phase for every due card (30,000 after a break), and card
    /// states and listings one per card; through a `String` each, matched by the generic
    /// string switch, that was a few percent of the queue.
    public func phase(_ column: Int32) -> Phase? {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_text(handle, column) else { return nil }
        for (phase, name) in Row.phaseNames where name.count == count && memcmp(name, pointer, count) == 0 {
            return phase
        }
        return nil
    }

    private static let phaseNames: [(Phase, [UInt8])] = Phase.allCases.map { ($0, Array($0.rawValue.utf8)) }
}
