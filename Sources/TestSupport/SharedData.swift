import Foundation

/// Locates the project's shared real data (`../shared/data` beside the checkout, or
/// `$CRIMESCOPE_SHARED_DATA`). A missing file fails the test with a message saying where it
/// looked; tests never skip for want of data.
package enum SharedData {
    /// The data file or folder that is not there.
    package struct Missing: Error, CustomStringConvertible {
        package let description: String

        package init(description: String) {
            self.description = description
        }
    }

    package static var root: URL {
        if let override = ProcessInfo.processInfo.environment["CRIMESCOPE_SHARED_DATA"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        return Checkout.root.appendingPathComponent("../shared/data").standardizedFileURL
    }

    /// The URL of `relativePath` under the data folder; throws (failing the test) when absent.
    package static func url(_ relativePath: String) throws -> URL {
        let url = root.appendingPathComponent(relativePath)
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw Missing(description: "shared test data missing: \(url.path) — set CRIMESCOPE_SHARED_DATA to the data folder")
        }
        return url
    }
}

/// The source checkout the tests were built from, found from this file's own path.
package enum Checkout {
    /// The package root (the folder holding Package.swift).
    package static var root: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TestSupport
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // the checkout
    }
}
