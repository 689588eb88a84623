import Foundation

/// A fresh folder per test (tests run in parallel and must not share databases).
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "sysdrill-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }
}
