import Foundation

/// Locates `/work/shared/data` (or `$CRIMESCOPE_SHARED_DATA`); a missing file fails the test.
enum SharedData {
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static var root: URL {
        if let override = ProcessInfo.processInfo.environment["CRIMESCOPE_SHARED_DATA"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("../shared/data").standardizedFileURL
    }

    static func url(_ relativePath: String) throws -> URL {
        let url = root.appendingPathComponent(relativePath)
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw Missing(description: "shared test data missing: \(url.path) — set CRIMESCOPE_SHARED_DATA to the data folder")
        }
        return url
    }
}
