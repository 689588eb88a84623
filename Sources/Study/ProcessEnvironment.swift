#if canImport(Glibc)
import Glibc
#endif

/// The process environment, read once at start by the executable (and the bench); the
/// rest of the code gets it passed in.
public enum ProcessEnvironment {
    /// The process environment as a dictionary (FoundationEssentials-free).
    public static func current() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}
