import Foundation

/// A fresh folder under the system temp dir (short path: Unix socket paths are limited to
/// 108 bytes), removed by ``remove()``.
public struct TemporaryDirectory: Sendable {
    public let url: URL

    public init(prefix: String = "cs") throws {
        let name = "\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
        url = URL(fileURLWithPath: "/tmp").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ component: String) -> String {
        url.appendingPathComponent(component).path
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
