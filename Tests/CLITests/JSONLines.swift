import Foundation

/// Reads what a running `sysdrill --json` writes as JSON objects, one a line (other lines
/// are skipped), for the tests that drive a live session.
struct JSONLines {
    private var buffer = Data()

    /// The next object from `handle`, or nil when the process closed its output.
    mutating func next(from handle: FileHandle) -> [String: Any]? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[(newline + 1)...])
                if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] { return object }
                continue
            }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            buffer += chunk
        }
    }
}
