import Foundation

/// A fresh folder under the system temp dir (short path: Unix socket paths are limited to
/// 108 bytes), removed by ``remove()``.
package struct TemporaryDirectory: Sendable {
    package let url: URL

    package init(prefix: String = "cs") throws {
        let name = "\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
        url = URL(fileURLWithPath: "/tmp").appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    package func path(_ component: String) -> String {
        url.appendingPathComponent(component).path
    }

    package func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
