import Foundation
import Testing

/// Locates `/work/shared/data` (or `$CRIMESCOPE_SHARED_DATA`). A missing folder fails the test
/// with a message saying where it looked; tests never skip for want of data.
enum SharedData {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static var root: URL {
        if let override = ProcessInfo.processInfo.environment["CRIMESCOPE_SHARED_DATA"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // IngestTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // main
            .appendingPathComponent("../shared/data").standardizedFileURL
    }

    /// The URL of `relativePath` under the data folder; throws (failing the test) when absent.
    static func url(_ relativePath: String) throws -> URL {
        let url = root.appendingPathComponent(relativePath)
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw Missing(description: "shared test data missing: \(url.path) — set CRIMESCOPE_SHARED_DATA to the data folder")
        }
        return url
    }
}
